// RemoteMedia signaling over gRPC-Web (DESIGN.md §5.2): `Join` (a server stream) and `Send` (unary,
// numbered by `seq`) of remotemedia.v1.WebRtcSignaling, straight to the server's HTTP port with
// fetch, no proxy and no build step. Browsers cannot stream requests, so each request is a Send.
//
//   import { GrpcWebSignalingClient } from '/js/grpc-web-signaling.js';
//   import { ServerConnection } from '/js/remotemedia.js';
//   const signaling = new GrpcWebSignalingClient(location.origin, { peerId: 'alice' });
//   await signaling.connect();                     // Join: announces; reconnects by itself
//   const conn = new ServerConnection(signaling, { pipeline: 'text-upper' });
//
// It has the interface of the JSON-RPC SignalingClient of remotemedia.js (connect, request,
// notify, onRequest, close, the `peer.*` events with JSON-RPC params), so MeshClient and
// ServerConnection run over either; requests and events are translated to and from the protobuf
// messages of webrtc_signaling.proto.

import { ProtoReader, ProtoWriter } from './protobuf.js';
import { ErrorCodes, SignalingError } from './remotemedia.js';

const SERVICE = '/remotemedia.v1.WebRtcSignaling/';
const fromUtf8 = new TextDecoder('utf-8');
/** PeerState numbers of the proto and the W3C connection states JSON-RPC peers use. */
const STATES = ['', 'new', 'connecting', 'connected', 'disconnected', 'failed'];
const GRPC_STATUS = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND',
  'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED'];
/** The §5.1 code of a call that failed with a gRPC status (the inverse of ErrorCode's table). */
const CODE_OF_STATUS = {
  INVALID_ARGUMENT: ErrorCodes.INVALID_PARAMS, NOT_FOUND: ErrorCodes.PEER_NOT_FOUND,
  ALREADY_EXISTS: ErrorCodes.PEER_ALREADY_EXISTS, RESOURCE_EXHAUSTED: ErrorCodes.MAX_PEERS_REACHED,
  FAILED_PRECONDITION: ErrorCodes.NOT_ANNOUNCED, UNAUTHENTICATED: ErrorCodes.UNAUTHORIZED,
  DEADLINE_EXCEEDED: ErrorCodes.TIMEOUT, UNIMPLEMENTED: ErrorCodes.METHOD_NOT_FOUND,
};

/** gRPC-Web frames: a flag byte (0x80: trailers), a 4-byte big-endian length, the bytes. */
function frame(message) {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

/** Reads frames from chunks as they arrive; `onFrame(flags, payload)`. */
class FrameReader {
  constructor(onFrame) { this.onFrame = onFrame; this.buffer = new Uint8Array(0); }
  push(chunk) {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    let at = 0;
    while (joined.length - at >= 5) {
      const length = new DataView(joined.buffer, joined.byteOffset + at + 1, 4).getUint32(0);
      if (joined.length - at - 5 < length) break;
      this.onFrame(joined[at], joined.subarray(at + 5, at + 5 + length));
      at += 5 + length;
    }
    this.buffer = joined.slice(at);
  }
}

/**
 * Decodes grpc-web-text: the server encodes each frame on its own, so the text is padded chunks one
 * after another; every 4 characters decode on their own.
 */
function base64Quartets(text) {
  const bytes = [];
  for (let i = 0; i + 4 <= text.length; i += 4) for (const c of atob(text.slice(i, i + 4))) bytes.push(c.charCodeAt(0));
  return Uint8Array.from(bytes);
}

/** Trailers of a trailer frame: {'grpc-status': '0', 'grpc-message': '…'}. */
function parseTrailers(payload) {
  const trailers = {};
  for (const line of fromUtf8.decode(payload).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const value = line.slice(colon + 1).trim();
      let decoded = value;
      try { decoded = decodeURIComponent(value); } catch { /* not percent-encoded */ }
      trailers[line.slice(0, colon).trim().toLowerCase()] = decoded;
    }
  }
  return trailers;
}

// --- messages of webrtc_signaling.proto -------------------------------------------------------

function writeCapabilities(capabilities) {
  const w = new ProtoWriter();
  w.bool(1, capabilities.includes('audio'));
  w.bool(2, capabilities.includes('video'));
  w.bool(3, capabilities.includes('data'));
  return w;
}

function writeAnnounce(options) {
  const w = new ProtoWriter();
  w.string(1, options.peerId);
  w.message(2, writeCapabilities(options.capabilities ?? ['data']));
  const data = options.userData;
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const entry = new ProtoWriter();
      entry.string(1, key);
      entry.string(2, typeof value === 'string' ? value : JSON.stringify(value));
      w.message(3, entry);
    }
  }
  w.string(4, options.authToken);
  return w;
}

/** A JSON-RPC method and params as a SignalingRequest. */
function writeRequest(requestId, method, p) {
  const w = new ProtoWriter();
  w.string(1, requestId);
  const r = new ProtoWriter();
  switch (method) {
    case 'peer.list': w.message(7, r); break;
    case 'peer.offer':
      r.string(1, p.to); r.string(2, p.sdp); r.string(3, 'offer'); r.string(4, p.pipeline); w.message(3, r); break;
    case 'peer.answer': r.string(1, p.to); r.string(2, p.sdp); r.string(3, 'answer'); w.message(4, r); break;
    case 'peer.ice_candidate':
      r.string(1, p.to); r.string(2, p.candidate); r.string(3, p.sdp_mid ?? '');
      r.uint(4, p.sdp_m_line_index ?? 0); r.string(5, p.user_fragment ?? ''); w.message(5, r); break;
    case 'peer.disconnect': r.string(1, p.to ?? ''); r.string(2, p.reason ?? ''); w.message(6, r); break;
    case 'peer.state_changed': {
      const state = STATES.indexOf(p.connection_state ?? '');
      r.string(1, p.to); r.uint(2, state > 0 ? state : (p.connection_state === 'closed' ? 4 : 0)); w.message(8, r);
      break;
    }
    default: throw new SignalingError(ErrorCodes.METHOD_NOT_FOUND, `${method}: not available over gRPC-Web`);
  }
  return w.finish();
}

function readPeerInfo(bytes) {
  const info = { peer_id: '', capabilities: [], user_data: null, state: 'new' };
  const metadata = {};
  let hasMetadata = false;
  new ProtoReader(bytes, 'PeerInfo').each({
    1: (x) => { info.peer_id = fromUtf8.decode(x.lengthDelimited()); },
    2: (x) => new ProtoReader(x.lengthDelimited(), 'PeerCapabilities').each({
      1: (y) => { if (y.varint()) info.capabilities.push('audio'); },
      2: (y) => { if (y.varint()) info.capabilities.push('video'); },
      3: (y) => { if (y.varint()) info.capabilities.push('data'); },
    }),
    3: (x) => {
      let key = '', value = '';
      new ProtoReader(x.lengthDelimited(), 'metadata').each({
        1: (y) => { key = fromUtf8.decode(y.lengthDelimited()); },
        2: (y) => { value = fromUtf8.decode(y.lengthDelimited()); },
      });
      metadata[key] = value;
      hasMetadata = true;
    },
    4: (x) => { info.state = STATES[Number(x.varint())] || 'new'; },
    5: (x) => { info.connected_at_ms = Number(x.varint()); },
  });
  if (hasMetadata) info.user_data = metadata;
  return info;
}

/** Reads the fields 1..n of a small message of strings and uints into an object by name. */
function readFields(bytes, what, names) {
  const out = {};
  new ProtoReader(bytes, what).each(Object.fromEntries(names.map((name, i) => [i + 1, (x, wire) => {
    out[name] = wire === 0 ? Number(x.varint()) : fromUtf8.decode(x.lengthDelimited());
  }])));
  return out;
}

/** A SignalingResponse as {requestId, ack?, error?, peers?, notification?}. */
function readResponse(bytes) {
  const m = { requestId: '' };
  new ProtoReader(bytes, 'SignalingResponse').each({
    1: (x) => { m.requestId = fromUtf8.decode(x.lengthDelimited()); },
    2: (x) => {
      m.ack = { sessionId: '', sdp: '', peers: [] };
      new ProtoReader(x.lengthDelimited(), 'AckResponse').each({
        1: (y) => { m.ack.sessionId = fromUtf8.decode(y.lengthDelimited()); },
        2: (y) => { m.ack.sdp = fromUtf8.decode(y.lengthDelimited()); },
        3: (y) => { m.ack.peers.push(readPeerInfo(y.lengthDelimited())); },
      });
    },
    3: (x) => {
      m.error = { code: 0, message: '', status: '' };
      new ProtoReader(x.lengthDelimited(), 'ErrorResponse').each({
        1: (y) => { m.error.code = Number(BigInt.asIntN(32, y.varint())); },
        2: (y) => { m.error.message = fromUtf8.decode(y.lengthDelimited()); },
        3: (y) => { m.error.status = fromUtf8.decode(y.lengthDelimited()); },
      });
    },
    4: (x) => {
      m.peers = [];
      new ProtoReader(x.lengthDelimited(), 'PeerListResponse').each({ 1: (y) => { m.peers.push(readPeerInfo(y.lengthDelimited())); } });
    },
    5: (x) => {
      new ProtoReader(x.lengthDelimited(), 'Notification').each({
        1: (y) => {
          new ProtoReader(y.lengthDelimited(), 'PeerJoinedNotification').each({
            1: (z) => { m.notification = { kind: 'peer_joined', peer: readPeerInfo(z.lengthDelimited()) }; },
          });
        },
        2: (y) => { m.notification = { kind: 'peer_left', ...readFields(y.lengthDelimited(), 'PeerLeftNotification', ['peer_id', 'reason']) }; },
        3: (y) => { m.notification = { kind: 'offer', ...readFields(y.lengthDelimited(), 'OfferNotification', ['from', 'sdp', 'type']) }; },
        4: (y) => { m.notification = { kind: 'answer', ...readFields(y.lengthDelimited(), 'AnswerNotification', ['from', 'sdp', 'type']) }; },
        5: (y) => {
          m.notification = { kind: 'ice_candidate', ...readFields(y.lengthDelimited(), 'IceCandidateNotification',
            ['from', 'candidate', 'sdp_mid', 'sdp_m_line_index', 'user_fragment']) };
        },
        6: (y) => { m.notification = { kind: 'state_changed', ...readFields(y.lengthDelimited(), 'StateChangeNotification', ['from', 'state']) }; },
      });
    },
  });
  return m;
}

/**
 * Signaling over gRPC-Web. Events as SignalingClient's: `statechange`, `disconnected`, and the
 * notifications `peer.announced`, `peer.left`, `peer.ice_candidate`, `peer.answer`,
 * `peer.state_changed` with JSON-RPC params; offers go to the `peer.offer` request handler.
 */
export class GrpcWebSignalingClient extends EventTarget {
  /**
   * @param {string} baseUrl the server's origin, e.g. `http://localhost:8080`
   * @param {import('./remotemedia.js').SignalingOptions & {text?: boolean}} options `text`: use
   *     application/grpc-web-text instead of application/grpc-web+proto
   */
  constructor(baseUrl, options) {
    super();
    if (!options || typeof options.peerId !== 'string' || options.peerId === '') {
      throw new TypeError('options.peerId: a non-empty string is required');
    }
    this.url = baseUrl.replace(/\/+$/, '') + SERVICE;
    this.peerId = options.peerId;
    this.options = options;
    this.text = options.text === true;
    /** @type {'new'|'connecting'|'connected'|'reconnecting'|'closed'} */
    this.state = 'new';
    this.sessionId = '';
    this.seq = 0;
    this.nextId = 1;
    this.closing = false;
    this.reconnectTimer = 0;
    /** @type {AbortController|null} */
    this.join = null;
    /** @type {Map<string, (params: any) => any>} */
    this.requestHandlers = new Map();
    /** @type {Set<AbortController>} Send calls in flight */
    this.inFlight = new Set();
  }

  /** Handles server requests of `method` (only `peer.offer` comes over gRPC-Web). */
  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  /** Joins (announces) and keeps the Join stream; resolves with {status, peers, session_id}. */
  async connect() {
    this.closing = false;
    this.setState('connecting');
    return this.open();
  }

  /** @private */
  async open() {
    const join = new AbortController();
    this.join = join;
    const body = new ProtoWriter();
    body.message(1, writeAnnounce(this.options));
    body.string(2, this.options.authToken);
    const response = await fetch(this.url + 'Join', {
      method: 'POST', headers: this.headers(), body: this.encodeBody(body.finish()), signal: join.signal,
    }).catch((e) => { throw new Error(`cannot connect to ${this.url}Join: ${e.message ?? e}`); });
    if (!response.ok) throw new Error(`${this.url}Join: HTTP ${response.status}`);
    const headerStatus = response.headers.get('grpc-status');
    let first = true;
    return new Promise((resolve, reject) => {
      const ended = (status, message) => {
        if (first) {
          first = false;
          const name = GRPC_STATUS[status] ?? String(status);
          reject(new SignalingError(CODE_OF_STATUS[name] ?? ErrorCodes.CONNECTION_FAILED,
                                    `Join refused: ${message || name} (${name})`));
        } else if (this.join === join) {
          this.streamEnded(join, `${GRPC_STATUS[status] ?? status}${message ? ': ' + message : ''}`);
        }
      };
      if (headerStatus !== null && headerStatus !== '0') {
        ended(Number(headerStatus), response.headers.get('grpc-message') ?? '');
        return;
      }
      const reader = new FrameReader((flags, payload) => {
        if (flags & 0x80) {
          const t = parseTrailers(payload);
          ended(Number(t['grpc-status'] ?? 2), t['grpc-message'] ?? '');
          return;
        }
        const m = readResponse(payload);
        if (first) {
          first = false;
          if (!m.ack) { reject(new Error('Join: the first response is not an ack')); return; }
          this.sessionId = m.ack.sessionId;
          this.seq = 0;
          this.setState('connected');
          resolve({ status: 'registered', peer_id: this.peerId, session_id: m.ack.sessionId, peers: m.ack.peers });
          return;
        }
        if (m.notification) this.dispatchNotification(m.notification);
      });
      this.pump(response.body, reader).then(() => {
        if (first || this.join === join) ended(14, 'the Join stream ended');
      }, (e) => {
        if (first) { first = false; reject(new Error(`Join: ${e.message ?? e}`)); }
        else if (this.join === join) this.streamEnded(join, String(e.message ?? e));
      });
    });
  }

  /** @private reads the response body into frames (base64 quartets in text mode) */
  async pump(body, reader) {
    const source = body.getReader();
    let pendingText = '';
    for (;;) {
      const { value, done } = await source.read();
      if (done) return;
      if (!this.text) { reader.push(value); continue; }
      pendingText += fromUtf8.decode(value);
      const whole = pendingText.length - (pendingText.length % 4);
      reader.push(base64Quartets(pendingText.slice(0, whole)));
      pendingText = pendingText.slice(whole);
    }
  }

  /** @private */
  headers() {
    return { 'content-type': this.text ? 'application/grpc-web-text' : 'application/grpc-web+proto', 'x-grpc-web': '1' };
  }

  /** @private */
  encodeBody(message) {
    const f = frame(message);
    if (!this.text) return f;
    let s = '';
    for (const b of f) s += String.fromCharCode(b);
    return btoa(s);
  }

  /** @private */
  dispatchNotification(n) {
    const to = this.peerId;
    switch (n.kind) {
      case 'peer_joined': this.emit('peer.announced', n.peer); break;
      case 'peer_left': this.emit('peer.left', { peer_id: n.peer_id ?? '', reason: n.reason ?? '' }); break;
      case 'answer': this.emit('peer.answer', { from: n.from, to, sdp: n.sdp ?? '' }); break;
      case 'ice_candidate':
        this.emit('peer.ice_candidate', { from: n.from, to, candidate: n.candidate ?? '', sdp_mid: n.sdp_mid ?? null,
          sdp_m_line_index: n.sdp_m_line_index ?? 0, user_fragment: n.user_fragment });
        break;
      case 'state_changed': this.emit('peer.state_changed', { from: n.from, to, connection_state: STATES[n.state ?? 0] || undefined }); break;
      case 'offer': this.answerOffer(n); break;
      default: break;
    }
  }

  /** @private an offer: the `peer.offer` handler's answer goes back with an AnswerRequest */
  answerOffer(n) {
    const handler = this.requestHandlers.get('peer.offer');
    if (!handler) return;
    const params = { from: n.from, to: this.peerId, sdp: n.sdp ?? '', can_trickle_ice_candidates: true, request_id: '' };
    Promise.resolve()
      .then(() => handler(params))
      .then((result) => this.request('peer.answer', { from: this.peerId, to: n.from, sdp: result.sdp }))
      .catch((e) => console.warn(`remotemedia: could not answer the offer of ${n.from}: ${e.message ?? e}`));
  }

  /** @private */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /**
   * Sends a request as a Send call; resolves with a JSON-RPC-shaped result, rejects with a
   * {@link SignalingError} (the ErrorResponse's code, or the call's status).
   * @param {string} method @param {object} [params] @param {{timeoutMs?: number}} [options]
   */
  async request(method, params = {}, options = {}) {
    if (this.state !== 'connected' || !this.sessionId) {
      throw new SignalingError(ErrorCodes.CONNECTION_FAILED, `signaling is ${this.state}, not connected`);
    }
    const requestId = `${this.peerId}-${this.nextId++}`;
    const request = writeRequest(requestId, method, params);
    const session = new ProtoWriter();
    session.string(1, this.sessionId);
    session.uint(2, ++this.seq);
    session.lengthDelimited(3, request);
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 10000;
    const call = new AbortController();
    this.inFlight.add(call);
    const timer = setTimeout(() => call.abort(), timeoutMs);
    try {
      const response = await fetch(this.url + 'Send', {
        method: 'POST', headers: this.headers(), body: this.encodeBody(session.finish()), signal: call.signal,
      });
      let bytes = new Uint8Array(await response.arrayBuffer());
      if (this.text) bytes = base64Quartets(fromUtf8.decode(bytes));
      let message = null;
      let trailers = { 'grpc-status': response.headers.get('grpc-status') ?? '2', 'grpc-message': response.headers.get('grpc-message') ?? '' };
      new FrameReader((flags, payload) => {
        if (flags & 0x80) trailers = parseTrailers(payload);
        else message = readResponse(payload);
      }).push(bytes);
      const status = Number(trailers['grpc-status']);
      if (status !== 0) {
        const name = GRPC_STATUS[status] ?? String(status);
        throw new SignalingError(CODE_OF_STATUS[name] ?? ErrorCodes.CONNECTION_FAILED,
                                 `${method}: ${trailers['grpc-message'] || name} (${name})`);
      }
      if (message.error) throw new SignalingError(message.error.code, message.error.message, { status: message.error.status });
      if (method === 'peer.offer') return { sdp: message.ack.sdp, can_trickle_ice_candidates: true, request_id: params.request_id };
      if (method === 'peer.list') return { peers: message.peers ?? [] };
      return { status: 'ok' };
    } catch (e) {
      if (e instanceof SignalingError) throw e;
      if (call.signal.aborted) throw new SignalingError(ErrorCodes.TIMEOUT, `${method}: no response within ${timeoutMs} ms`);
      throw new SignalingError(ErrorCodes.CONNECTION_FAILED, `${method}: ${e.message ?? e}`);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(call);
    }
  }

  /** Sends a request whose answer nobody waits for (as a JSON-RPC notification is). */
  notify(method, params) {
    if (this.state !== 'connected') {
      throw new SignalingError(ErrorCodes.CONNECTION_FAILED, `signaling is ${this.state}, not connected`);
    }
    this.request(method, params).catch((e) => console.warn(`remotemedia: ${method} failed: ${e.message ?? e}`));
  }

  /** Leaves: a disconnect Send, then the Join stream is cancelled; no reconnection. */
  close() {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    if (this.state === 'connected') {
      this.request('peer.disconnect', { from: this.peerId, reason: 'client closed' })
        .catch(() => {}).finally(() => { if (this.join) this.join.abort(); });
    } else if (this.join) {
      this.join.abort();
    }
    for (const call of this.inFlight) call.abort();
    this.setState('closed');
  }

  /** @private */
  streamEnded(join, why) {
    if (join !== this.join) return;
    this.sessionId = '';
    if (this.closing) return;
    this.dispatchEvent(new CustomEvent('disconnected', { detail: { reason: why } }));
    this.reconnect(1);
  }

  /** @private exponential backoff with full jitter, as SignalingClient's */
  reconnect(attempt) {
    const r = this.options.reconnect ?? {};
    const maxAttempts = r.maxAttempts ?? 10;
    if (attempt > maxAttempts) {
      this.setState('closed', { error: `gave up after ${maxAttempts} attempts` });
      return;
    }
    const base = Math.min((r.initialDelayMs ?? 500) * Math.pow(r.factor ?? 2, attempt - 1), r.maxDelayMs ?? 30000);
    const delayMs = Math.round(base / 2 + Math.random() * base / 2);
    this.setState('reconnecting', { attempt, delayMs });
    this.reconnectTimer = setTimeout(() => {
      if (this.closing) return;
      this.open().catch((e) => {
        this.setState('reconnecting', { attempt, error: String(e.message ?? e) });
        this.reconnect(attempt + 1);
      });
    }, delayMs);
  }

  /** @private */
  setState(state, extra = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('statechange', { detail: { state, ...extra } }));
  }
}
