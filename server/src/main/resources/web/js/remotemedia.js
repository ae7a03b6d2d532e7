// RemoteMedia browser client: JSON-RPC 2.0 signaling over WebSocket (DESIGN.md §5.1) and a mesh of
// RTCPeerConnections driven by it. A plain ES module: no build step, types in JSDoc.
//
//   import { SignalingClient, MeshClient } from '/js/remotemedia.js';
//   const signaling = new SignalingClient(`ws://${location.host}/ws`, { peerId: 'alice' });
//   const mesh = new MeshClient(signaling);
//   mesh.addEventListener('message', (e) => console.log(e.detail.peerId, e.detail.data));
//   await signaling.connect();          // connects and announces; reconnects by itself
//   mesh.send('bob', 'hello');
//
// The mesh follows the same rules as the Java PeerManager, so browsers and Java peers mix:
// peers already present offer to a newcomer when it is announced; on glare the offer of the
// smaller peer id wins; every connection has a negotiated data channel "mesh" with id 0.

import { ProtoReader, ProtoWriter } from './protobuf.js';

/** @typedef {'audio'|'video'|'data'} Capability */
/** @typedef {{peer_id: string, capabilities?: Capability[], user_data?: any, state?: string}} PeerInfo */
/**
 * @typedef {object} ReconnectOptions
 * @property {number} [initialDelayMs=500] delay before the first reconnection attempt
 * @property {number} [factor=2] each further delay is this many times the one before
 * @property {number} [maxDelayMs=30000] the cap on a delay
 * @property {number} [maxAttempts=10] attempts before giving up (0: never reconnect)
 */
/**
 * @typedef {object} SignalingOptions
 * @property {string} peerId this peer's id
 * @property {Capability[]} [capabilities=['data']]
 * @property {any} [userData]
 * @property {string} [authToken] sent with peer.announce when the server requires one
 * @property {number} [requestTimeoutMs=10000] how long a request waits for its response
 * @property {ReconnectOptions} [reconnect]
 */

const utf8 = new TextEncoder();

/** A JSON-RPC error received from the server. */
export class SignalingError extends Error {
  /** @param {number} code @param {string} message @param {any} [data] */
  constructor(code, message, data) {
    super(message);
    this.name = 'SignalingError';
    this.code = code;
    this.data = data;
  }
}

/** JSON-RPC codes of DESIGN.md §5.1. */
export const ErrorCodes = Object.freeze({
  PARSE_ERROR: -32700, INVALID_REQUEST: -32600, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602,
  INTERNAL: -32603, PEER_NOT_FOUND: -32000, CONNECTION_FAILED: -32001, OFFER_INVALID: -32002,
  ANSWER_INVALID: -32003, PEER_ALREADY_EXISTS: -32004, MAX_PEERS_REACHED: -32005, NOT_ANNOUNCED: -32006,
  UNAUTHORIZED: -32007, TIMEOUT: -32008,
});

/**
 * Pads a JSON message with trailing spaces (which JSON ignores) when its UTF-8 length would trip
 * a bug in the server's WebSocket decoder (Armeria 1.40): a frame of 126–65535 bytes whose
 * length's low byte is 0x80 or more can be misread when its two length bytes arrive in two reads,
 * and the server then closes the socket. A low byte of 0 always decodes right. See
 * docs/BENCHMARKS.md and the Java client's FramePadding.
 * @param {string} json
 */
export function padFrame(json) {
  const length = utf8.encode(json).length;
  if (length < 126 || length > 65535 || (length & 0x80) === 0) return json;
  const padded = (length | 0xff) + 1;
  return padded > 65535 ? json : json + ' '.repeat(padded - length);
}

/**
 * JSON-RPC 2.0 signaling client. Events: `statechange` (detail: {state, attempt?, delayMs?, error?}),
 * and one event per server notification, named by its method (`peer.announced`, `peer.left`,
 * `peer.ice_candidate`, `peer.state_changed`, `peer.disconnect`, …) with the params as detail.
 * Requests from the server (a relayed `peer.offer`) go to the handler set with {@link onRequest}.
 */
export class SignalingClient extends EventTarget {
  /** @param {string} url e.g. `ws://localhost:8080/ws` @param {SignalingOptions} options */
  constructor(url, options) {
    super();
    if (!options || typeof options.peerId !== 'string' || options.peerId === '') {
      throw new TypeError('options.peerId: a non-empty string is required');
    }
    this.url = url;
    this.peerId = options.peerId;
    this.options = options;
    /** @type {'new'|'connecting'|'connected'|'reconnecting'|'closed'} */
    this.state = 'new';
    /** @type {WebSocket|null} */
    this.socket = null;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, timer: number}>} */
    this.pending = new Map();
    /** @type {Map<string, (params: any) => any>} */
    this.requestHandlers = new Map();
    this.closing = false;
    this.reconnectTimer = 0;
  }

  /** Handles server requests of `method` (canonical name); the handler's value or promise is the result. */
  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  /** Opens the socket and announces; resolves with the announce result ({status, peers, …}). */
  async connect() {
    this.closing = false;
    this.setState('connecting');
    return this.open();
  }

  /** @private */
  async open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error(`cannot connect to ${this.url}`));
    });
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = () => this.socketClosed(socket);
    socket.onerror = null;
    const params = {
      peer_id: this.peerId,
      capabilities: this.options.capabilities ?? ['data'],
    };
    if (this.options.userData !== undefined) params.user_data = this.options.userData;
    if (this.options.authToken !== undefined) params.auth_token = this.options.authToken;
    const result = await this.request('peer.announce', params);
    this.setState('connected');
    return result;
  }

  /**
   * Sends a request; resolves with its result, rejects with a {@link SignalingError}.
   * @param {string} method @param {object} [params] @param {{timeoutMs?: number}} [options]
   */
  request(method, params, options = {}) {
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 10000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SignalingError(ErrorCodes.TIMEOUT, `${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification (no response). @param {string} method @param {object} [params] */
  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Leaves: tells the server, closes the socket, stops reconnecting. */
  close() {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.notify('peer.disconnect', { from: this.peerId, reason: 'client closed' });
      this.socket.close(1000, 'client closed');
    }
    this.failPending(new SignalingError(ErrorCodes.CONNECTION_FAILED, 'signaling client closed'));
    this.setState('closed');
  }

  /** @private */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      throw new SignalingError(ErrorCodes.CONNECTION_FAILED, `signaling is ${this.state}, not connected`);
    }
    this.socket.send(padFrame(JSON.stringify(message)));
  }

  /** @private */
  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      console.warn('remotemedia: dropped a signaling message that is not JSON');
      return;
    }
    for (const m of Array.isArray(message) ? message : [message]) this.dispatch(m);
  }

  /** @private */
  dispatch(m) {
    if (!m || m.jsonrpc !== '2.0') return;
    if (m.method === undefined) {                                   // a response
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      clearTimeout(waiting.timer);
      if (m.error) waiting.reject(new SignalingError(m.error.code, m.error.message, m.error.data));
      else waiting.resolve(m.result);
      return;
    }
    if (m.id === undefined) {                                       // a notification
      this.dispatchEvent(new CustomEvent(m.method, { detail: m.params ?? {} }));
      return;
    }
    const handler = this.requestHandlers.get(m.method);             // a request from the server
    const reply = (body) => {
      try { this.send({ jsonrpc: '2.0', id: m.id, ...body }); } catch { /* socket gone: nothing to answer */ }
    };
    if (!handler) {
      reply({ error: { code: ErrorCodes.METHOD_NOT_FOUND, message: `${m.method}: not handled by this client` } });
      return;
    }
    Promise.resolve()
      .then(() => handler(m.params ?? {}))
      .then((result) => reply({ result }),
            (e) => reply({ error: { code: e instanceof SignalingError ? e.code : ErrorCodes.INTERNAL,
                                    message: String(e && e.message ? e.message : e) } }));
  }

  /** @private */
  socketClosed(socket) {
    if (socket !== this.socket) return;
    this.failPending(new SignalingError(ErrorCodes.CONNECTION_FAILED, 'signaling socket closed'));
    if (this.closing) return;
    this.dispatchEvent(new CustomEvent('disconnected'));
    this.reconnect(1);
  }

  /** @private exponential backoff with full jitter */
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
        if (this.socket) this.socket.onclose = null;
        this.setState('reconnecting', { attempt, error: String(e.message ?? e) });
        this.reconnect(attempt + 1);
      });
    }, delayMs);
  }

  /** @private */
  failPending(error) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }

  /** @private */
  setState(state, extra = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('statechange', { detail: { state, ...extra } }));
  }
}

/**
 * A mesh of RTCPeerConnections negotiated through a {@link SignalingClient}. Events (detail):
 * `peeropen` ({peerId}), `message` ({peerId, data}: a string or an ArrayBuffer), `peerstate`
 * ({peerId, state}), `peerclosed` ({peerId, reason}).
 */
export class MeshClient extends EventTarget {
  /**
   * @param {SignalingClient} signaling
   * @param {{maxPeers?: number, maxAttempts?: number, autoConnect?: boolean, rtcConfiguration?: RTCConfiguration}} [options]
   */
  constructor(signaling, options = {}) {
    super();
    this.signaling = signaling;
    this.maxPeers = options.maxPeers ?? 10;
    /** Offers that fail before their channel opens are tried this many times in all (as the Java PeerManager). */
    this.maxAttempts = options.maxAttempts ?? 3;
    this.autoConnect = options.autoConnect ?? true;
    this.rtcConfiguration = options.rtcConfiguration ?? {};
    /** @type {Map<string, MeshPeer>} */
    this.peers = new Map();
    /** @type {Map<string, RTCIceCandidateInit[]>} candidates that overtook their offer */
    this.early = new Map();
    signaling.onRequest('peer.offer', (p) => this.onOffer(p));
    signaling.addEventListener('peer.ice_candidate', (e) => this.onCandidate(e.detail));
    signaling.addEventListener('peer.announced', (e) => this.onAnnounced(e.detail));
    signaling.addEventListener('peer.left', (e) => this.closePeer(e.detail.peer_id, e.detail.reason ?? 'left'));
    signaling.addEventListener('peer.disconnect', (e) => this.closePeer(e.detail.from, e.detail.reason ?? 'disconnected'));
    signaling.addEventListener('disconnected', () => this.early.clear());
  }

  /** Offers a connection to `peerId`; resolves when its mesh channel is open. @returns {Promise<MeshPeer>} */
  connectPeer(peerId) {
    if (peerId === this.signaling.peerId) return Promise.reject(new Error(`peerId: ${peerId} is this peer`));
    const existing = this.peers.get(peerId);
    if (existing) return existing.opened;
    if (this.peers.size >= this.maxPeers) {
      return Promise.reject(new SignalingError(ErrorCodes.MAX_PEERS_REACHED,
        `maxPeers: ${this.maxPeers} connections already (cannot add ${peerId})`));
    }
    return this.offerTo(peerId, 1).opened;
  }

  /** @private */
  offerTo(peerId, attempt) {
    const peer = this.newPeer(peerId, true);
    peer.attempt = attempt;
    (async () => {
      const offer = await peer.pc.createOffer();
      await peer.pc.setLocalDescription(offer);
      const result = await this.signaling.request('peer.offer', {
        from: this.signaling.peerId, to: peerId, sdp: offer.sdp,
        can_trickle_ice_candidates: true, request_id: `${this.signaling.peerId}-${peerId}-${Date.now()}`,
      }, { timeoutMs: 30000 });
      if (this.peers.get(peerId) !== peer) return;
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: result.sdp });
      peer.remoteReady();
    })().catch((e) => this.closePeer(peerId, String(e.message ?? e), peer));
    return peer;
  }

  /** Closes the connection to `peerId` and tells it. */
  disconnectPeer(peerId, reason = 'disconnected') {
    if (!this.peers.has(peerId)) return false;
    this.closePeer(peerId, reason);
    try {
      this.signaling.notify('peer.disconnect', { from: this.signaling.peerId, to: peerId, reason });
    } catch { /* signaling down: the peer notices the connection closing */ }
    return true;
  }

  /** Peers whose connection is `connected`. @returns {MeshPeer[]} */
  listPeers() {
    return [...this.peers.values()].filter((p) => p.pc.connectionState === 'connected');
  }

  /** Every peer of the mesh in any state. @returns {MeshPeer[]} */
  listAllPeers() {
    return [...this.peers.values()];
  }

  /** Sends on `peerId`'s mesh channel. @param {string} peerId @param {string|ArrayBuffer|ArrayBufferView} data */
  send(peerId, data) {
    const peer = this.peers.get(peerId);
    if (!peer || peer.channel.readyState !== 'open') throw new Error(`${peerId}: no open mesh channel`);
    peer.channel.send(data);
  }

  /** Closes every connection. */
  close() {
    for (const id of [...this.peers.keys()]) this.disconnectPeer(id, 'mesh closed');
  }

  /** @private */
  newPeer(peerId, offerer) {
    const peer = new MeshPeer(peerId, offerer, new RTCPeerConnection(this.rtcConfiguration));
    this.peers.set(peerId, peer);
    const { pc, channel } = peer;
    pc.onicecandidate = (e) => {
      if (this.peers.get(peerId) !== peer) return;
      const c = e.candidate;
      try {
        this.signaling.notify('peer.ice_candidate', {
          from: this.signaling.peerId, to: peerId,
          candidate: c ? c.candidate : '', sdp_mid: c ? c.sdpMid : null,
          sdp_m_line_index: c ? c.sdpMLineIndex : null,
        });
      } catch { /* signaling down: ICE goes on with what was sent */ }
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(peerId) !== peer) return;
      try {
        this.signaling.notify('peer.state_changed', {
          from: this.signaling.peerId, to: peerId, connection_state: pc.connectionState,
          ice_connection_state: pc.iceConnectionState, ice_gathering_state: pc.iceGatheringState,
          signaling_state: pc.signalingState,
        });
      } catch { /* signaling down */ }
      this.dispatchEvent(new CustomEvent('peerstate', { detail: { peerId, state: pc.connectionState } }));
      if (pc.connectionState === 'failed') {
        if (offerer && !peer.isOpen && peer.attempt < this.maxAttempts) {
          // A new offer, as a new connection; the promise of the failed attempt rejects.
          this.peers.delete(peerId);
          peer.close(`attempt ${peer.attempt} failed`);
          this.offerTo(peerId, peer.attempt + 1);
        } else {
          this.closePeer(peerId, 'connection failed', peer);
        }
      }
    };
    channel.onopen = () => {
      peer.isOpen = true;
      peer.resolveOpen(peer);
      this.dispatchEvent(new CustomEvent('peeropen', { detail: { peerId } }));
    };
    channel.onmessage = (e) => this.dispatchEvent(new CustomEvent('message', { detail: { peerId, data: e.data } }));
    return peer;
  }

  /** @private */
  async onOffer(params) {
    const from = params.from;
    const existing = this.peers.get(from);
    if (existing && existing.offerer && !existing.pc.remoteDescription && this.signaling.peerId < from) {
      throw new SignalingError(ErrorCodes.CONNECTION_FAILED,
        `glare: ${this.signaling.peerId} is offering to ${from} and its offer wins (smaller peer id)`);
    }
    if (existing) this.closePeer(from, 'replaced by a new offer', existing);
    if (this.peers.size >= this.maxPeers) {
      throw new SignalingError(ErrorCodes.MAX_PEERS_REACHED,
        `maxPeers: ${this.maxPeers} connections already (cannot add ${from})`);
    }
    const peer = this.newPeer(from, false);
    for (const c of this.early.get(from) ?? []) peer.addRemoteCandidate(c);
    this.early.delete(from);
    try {
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: params.sdp });
      peer.remoteReady();
      const answer = await peer.pc.createAnswer();
      await peer.pc.setLocalDescription(answer);
      return { sdp: answer.sdp, can_trickle_ice_candidates: true, request_id: params.request_id };
    } catch (e) {
      this.closePeer(from, `bad offer: ${e.message ?? e}`, peer);
      throw new SignalingError(ErrorCodes.OFFER_INVALID, `offer from ${from}: ${e.message ?? e}`);
    }
  }

  /** @private */
  onCandidate(p) {
    const init = p.candidate ? { candidate: p.candidate, sdpMid: p.sdp_mid ?? null, sdpMLineIndex: p.sdp_m_line_index ?? null }
                             : { candidate: '', sdpMid: p.sdp_mid ?? null, sdpMLineIndex: p.sdp_m_line_index ?? null };
    const peer = this.peers.get(p.from);
    if (peer) {
      peer.addRemoteCandidate(init);
      return;
    }
    const held = this.early.get(p.from) ?? [];
    if (held.length < 64) held.push(init);
    this.early.set(p.from, held);
  }

  /** @private */
  onAnnounced(info) {
    this.early.delete(info.peer_id);
    if (this.autoConnect && info.peer_id !== this.signaling.peerId) {
      this.connectPeer(info.peer_id).catch((e) => console.info(`remotemedia: ${info.peer_id}: ${e.message ?? e}`));
    }
  }

  /** @private */
  closePeer(peerId, reason, only) {
    const peer = this.peers.get(peerId);
    this.early.delete(peerId);
    if (!peer || (only && peer !== only)) {
      if (only) only.close(reason);
      return;
    }
    this.peers.delete(peerId);
    peer.close(reason);
    this.dispatchEvent(new CustomEvent('peerclosed', { detail: { peerId, reason } }));
  }
}

/** One connection of a {@link MeshClient}. */
export class MeshPeer {
  /** @param {string} peerId @param {boolean} offerer @param {RTCPeerConnection} pc */
  constructor(peerId, offerer, pc) {
    this.peerId = peerId;
    this.offerer = offerer;
    this.pc = pc;
    this.channel = pc.createDataChannel('mesh', { negotiated: true, id: 0 });
    this.channel.binaryType = 'arraybuffer';
    /** @type {RTCIceCandidateInit[]} */
    this.held = [];
    this.ready = false;
    this.isOpen = false;
    /** Which attempt at this connection this is, from 1. */
    this.attempt = 1;
    /** @type {Promise<MeshPeer>} */
    this.opened = new Promise((resolve, reject) => { this.resolveOpen = resolve; this.rejectOpen = reject; });
    this.opened.catch(() => {});
  }

  /** @param {RTCIceCandidateInit} c */
  addRemoteCandidate(c) {
    if (!this.ready) {
      if (this.held.length < 64) this.held.push(c);
      return;
    }
    this.pc.addIceCandidate(c).catch((e) => console.warn(`remotemedia: candidate from ${this.peerId}: ${e.message}`));
  }

  remoteReady() {
    this.ready = true;
    for (const c of this.held.splice(0)) this.addRemoteCandidate(c);
  }

  close(reason) {
    this.rejectOpen(new Error(`${this.peerId}: ${reason}`));
    this.pc.close();
  }
}

// ---------------------------------------------------------------------------------------------
// DataBuffer: the protobuf the `remotemedia` channel carries (DESIGN.md §5.3,
// pipeline/src/main/proto/remotemedia/v1/data_buffer.proto), encoded and decoded by hand so the
// page needs no protobuf library.

/**
 * @typedef {{kind: 'text', text: string, language?: string}
 *         | {kind: 'binary', data: Uint8Array, mimeType?: string}
 *         | {kind: 'json', json: string, schemaType?: string}
 *         | {kind: 'control', controlKind: string, timestampUs?: number, payloadJson?: string}
 *         | {kind: 'audio', samples: Float32Array, sampleRate: number, channels: number, timestampUs?: number}} Payload
 * @typedef {Payload & {metadata?: Record<string, string>}} RuntimeData
 */

const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

const int64 = (n) => Number(BigInt.asIntN(64, n));

/** Encodes RuntimeData as a DataBuffer. @param {RuntimeData} d @returns {Uint8Array} */
export function encodeDataBuffer(d) {
  const w = new ProtoWriter();
  const inner = new ProtoWriter();
  switch (d.kind) {
    case 'text': inner.string(1, d.text); inner.string(2, d.language); w.message(3, inner); break;
    case 'binary': inner.bytesField(1, d.data); inner.string(2, d.mimeType ?? 'application/octet-stream'); w.message(4, inner); break;
    case 'json': inner.string(1, d.json); inner.string(2, d.schemaType); w.message(5, inner); break;
    case 'control':
      inner.string(1, d.controlKind); inner.uint(2, d.timestampUs ?? 0); inner.string(3, d.payloadJson); w.message(6, inner); break;
    case 'audio': {
      const samples = new Uint8Array(d.samples.length * 4);
      const view = new DataView(samples.buffer);
      d.samples.forEach((s, i) => view.setFloat32(i * 4, s, true));
      inner.bytesField(1, samples); inner.uint(2, d.sampleRate); inner.uint(3, d.channels);
      inner.uint(4, d.samples.length / d.channels); inner.uint(5, d.timestampUs ?? 0);
      w.message(1, inner);
      break;
    }
    default: throw new TypeError(`kind: ${d.kind} (expected: text, binary, json, control or audio)`);
  }
  for (const [key, value] of Object.entries(d.metadata ?? {})) {
    const entry = new ProtoWriter();
    entry.string(1, key);
    entry.string(2, value);
    w.message(15, entry);
  }
  return w.finish();
}

/** Decodes a DataBuffer. Throws an Error naming the problem on malformed input. @returns {RuntimeData} */
export function decodeDataBuffer(buffer) {
  const u8 = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const r = new ProtoReader(u8, 'DataBuffer');
  /** @type {any} */
  let d = null;
  const metadata = {};
  const str = (x) => fromUtf8.decode(x.lengthDelimited());
  r.each({
    1: (x) => {
      const a = { kind: 'audio', samples: new Float32Array(0), sampleRate: 0, channels: 1, timestampUs: 0 };
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({
        1: (y) => {
          const raw = y.lengthDelimited();
          if (raw.length % 4) throw new Error('DataBuffer: audio samples not a multiple of 4 bytes');
          const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
          a.samples = Float32Array.from({ length: raw.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
        },
        2: (y) => { a.sampleRate = Number(y.varint()); },
        3: (y) => { a.channels = Number(y.varint()); },
        5: (y) => { a.timestampUs = int64(y.varint()); },
      });
      d = a;
    },
    3: (x) => {
      const t = { kind: 'text', text: '', language: '' };
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({ 1: (y) => { t.text = str(y); }, 2: (y) => { t.language = str(y); } });
      d = t;
    },
    4: (x) => {
      const b = { kind: 'binary', data: new Uint8Array(0), mimeType: '' };
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({ 1: (y) => { b.data = y.lengthDelimited().slice(); }, 2: (y) => { b.mimeType = str(y); } });
      d = b;
    },
    5: (x) => {
      const j = { kind: 'json', json: '', schemaType: '' };
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({ 1: (y) => { j.json = str(y); }, 2: (y) => { j.schemaType = str(y); } });
      d = j;
    },
    6: (x) => {
      const c = { kind: 'control', controlKind: '', timestampUs: 0, payloadJson: '' };
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({
        1: (y) => { c.controlKind = str(y); }, 2: (y) => { c.timestampUs = int64(y.varint()); }, 3: (y) => { c.payloadJson = str(y); },
      });
      d = c;
    },
    2: (x) => { x.lengthDelimited(); d = { kind: 'video' }; },
    15: (x) => {
      let key = '', value = '';
      new ProtoReader(x.lengthDelimited(), 'DataBuffer').each({ 1: (y) => { key = str(y); }, 2: (y) => { value = str(y); } });
      metadata[key] = value;
    },
  });
  if (!d) throw new Error('DataBuffer: no payload');
  d.metadata = metadata;
  return d;
}

/**
 * A connection to the server's own peer (`remotemedia-server`, DESIGN.md §5.5): an
 * RTCPeerConnection whose `remotemedia` channel runs a pipeline on the server. Events (detail):
 * `data` (RuntimeData from the pipeline), `state` ({state}), `closed` ({reason}).
 * `options.serverPeerId` names another server peer, such as a server in mode `websocket` that
 * joined an external signaling server as `remotemedia-pipeline`.
 */
export class ServerConnection extends EventTarget {
  /**
   * `audio`: a track to send to the pipeline (a microphone's, or a WebAudio destination's); the
   * offer then has a sendrecv Opus m-line, the server answers with its own track carrying the
   * pipeline's audio output, and the `track` event gives it (`remoteAudio`, played by `audioElement`).
   * `video`: a track to send to the pipeline (a camera's, or a canvas's); the offer then has a
   * sendrecv video m-line, the server answers with its own track carrying the pipeline's video
   * output, and the `videotrack` event gives it (`remoteVideo`).
   * @param {SignalingClient} signaling
   * @param {{pipeline?: string, channels?: string[], serverPeerId?: string, rtcConfiguration?: RTCConfiguration, audio?: MediaStreamTrack, video?: MediaStreamTrack}} [options]
   */
  constructor(signaling, options = {}) {
    super();
    this.signaling = signaling;
    this.options = options;
    /** The server peer offered to. */
    this.serverPeerId = options.serverPeerId ?? SERVER_PEER_ID;
    this.pc = new RTCPeerConnection(options.rtcConfiguration ?? {});
    this.channel = this.pc.createDataChannel('remotemedia');
    this.channel.binaryType = 'arraybuffer';
    /** @type {Record<string, RTCDataChannel>} other channels by label */
    this.channels = {};
    for (const label of options.channels ?? []) {
      const dc = this.pc.createDataChannel(label);
      dc.binaryType = 'arraybuffer';
      this.channels[label] = dc;
    }
    /** @type {RTCRtpSender|null} the sender of `options.audio` */
    this.audioSender = null;
    /** @type {MediaStream|null} the server's audio: the pipeline's output */
    this.remoteAudio = null;
    /** Plays `remoteAudio` (Chromium also feeds remote WebRTC audio to WebAudio only while it plays). */
    this.audioElement = null;
    this.volume = 1;
    this.muted = false;
    /** @type {RTCRtpSender|null} the sender of `options.video` */
    this.videoSender = null;
    /** @type {MediaStream|null} the server's video: the pipeline's output */
    this.remoteVideo = null;
    if (options.video) {
      const stream = new MediaStream([options.video]);
      this.videoSender = this.pc.addTransceiver(options.video, { direction: 'sendrecv', streams: [stream] }).sender;
    }
    if (options.audio) {
      const stream = new MediaStream([options.audio]);
      this.audioSender = this.pc.addTransceiver(options.audio, { direction: 'sendrecv', streams: [stream] }).sender;
    }
    if (options.audio || options.video) {
      this.pc.ontrack = (e) => {
        if (e.track.kind === 'video') {
          if (this.remoteVideo) return;
          this.remoteVideo = new MediaStream([e.track]);
          this.dispatchEvent(new CustomEvent('videotrack', { detail: { stream: this.remoteVideo, track: e.track } }));
          return;
        }
        if (e.track.kind !== 'audio' || this.remoteAudio) return;
        this.remoteAudio = new MediaStream([e.track]);
        this.audioElement = new Audio();
        this.audioElement.autoplay = true;
        this.audioElement.volume = this.volume;
        this.audioElement.srcObject = this.remoteAudio;
        this.audioElement.play().catch(() => { /* autoplay refused: the page's next click plays it */ });
        this.dispatchEvent(new CustomEvent('track', { detail: { stream: this.remoteAudio, track: e.track } }));
      };
    }
    this.held = [];
    this.answered = false;
    this.closed = false;
    this.counters = { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0, errors: 0 };
    this.channel.onmessage = (e) => {
      this.counters.messagesReceived++;
      this.counters.bytesReceived += e.data.byteLength ?? e.data.length;
      let data;
      try {
        data = typeof e.data === 'string' ? { kind: 'text', text: e.data, metadata: {} } : decodeDataBuffer(e.data);
      } catch (err) {
        this.counters.errors++;
        console.warn(`remotemedia: bad DataBuffer from the server: ${err.message}`);
        return;
      }
      this.dispatchEvent(new CustomEvent('data', { detail: data }));
    };
    this.onCandidate = (e) => {
      if (e.detail.from !== this.serverPeerId) return;
      const c = { candidate: e.detail.candidate ?? '', sdpMid: e.detail.sdp_mid ?? null, sdpMLineIndex: e.detail.sdp_m_line_index ?? null };
      if (!this.answered) this.held.push(c);
      else this.pc.addIceCandidate(c).catch(() => {});
    };
    signaling.addEventListener('peer.ice_candidate', this.onCandidate);
    this.pc.onicecandidate = (e) => {
      if (this.closed) return;
      const c = e.candidate;
      try {
        signaling.notify('peer.ice_candidate', {
          from: signaling.peerId, to: this.serverPeerId, candidate: c ? c.candidate : '',
          sdp_mid: c ? c.sdpMid : null, sdp_m_line_index: c ? c.sdpMLineIndex : null,
        });
      } catch { /* signaling down */ }
    };
    this.pc.onconnectionstatechange = () => {
      this.dispatchEvent(new CustomEvent('state', { detail: { state: this.pc.connectionState } }));
      if (this.pc.connectionState === 'failed') this.close('connection failed');
    };
  }

  /** Offers to the server and waits until the `remotemedia` channel is open. */
  async connect(timeoutMs = 15000) {
    const open = new Promise((resolve) => { this.channel.onopen = resolve; });
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const params = {
      from: this.signaling.peerId, to: this.serverPeerId, sdp: offer.sdp, can_trickle_ice_candidates: true,
      request_id: `${this.signaling.peerId}-${Date.now()}`,
    };
    if (this.options.pipeline) params.pipeline = this.options.pipeline;
    const result = await this.signaling.request('peer.offer', params, { timeoutMs });
    await this.pc.setRemoteDescription({ type: 'answer', sdp: result.sdp });
    this.answered = true;
    for (const c of this.held.splice(0)) await this.pc.addIceCandidate(c).catch(() => {});
    await withTimeout(open, timeoutMs, 'the remotemedia channel to open');
  }

  /** Sends RuntimeData (or a plain string, as text) to the pipeline. @param {RuntimeData|string} data */
  send(data) {
    const bytes = encodeDataBuffer(typeof data === 'string' ? { kind: 'text', text: data } : data);
    this.channel.send(bytes);
    this.counters.messagesSent++;
    this.counters.bytesSent += bytes.length;
  }

  /**
   * Mutes or unmutes the sent audio (seed 003's `toggle_mute`): a muted track sends silence, the
   * connection stays. Returns whether it is muted now.
   */
  toggleMute() {
    if (!this.options.audio) throw new Error('no audio is sent on this connection');
    this.muted = !this.muted;
    this.options.audio.enabled = !this.muted;
    return this.muted;
  }

  /** Sets the playback volume of the server's audio, 0..1 (seed 003's `set_volume`). */
  setVolume(volume) {
    const v = Number(volume);
    if (!(v >= 0 && v <= 1)) throw new RangeError(`volume: ${volume} (expected: 0..1)`);
    this.volume = v;
    if (this.audioElement) this.audioElement.volume = v;
  }

  /**
   * The audio both ways from W3C getStats: what arrived from the server (`packetsReceived`,
   * `packetsLost`, `jitterMs`, `jitterBufferDelayMs` per emitted sample, `concealedSamples`), what
   * was sent, and the round-trip time the server's receiver reports give (`roundTripTimeMs`).
   */
  async audioStats() {
    const stats = await this.pc.getStats();
    const out = { packetsReceived: 0, packetsLost: 0, jitterMs: null, jitterBufferDelayMs: null,
                  concealedSamples: 0, packetsSent: 0, roundTripTimeMs: null };
    for (const s of stats.values()) {
      if (s.kind !== 'audio') continue;
      if (s.type === 'inbound-rtp') {
        out.packetsReceived = s.packetsReceived ?? 0;
        out.packetsLost = s.packetsLost ?? 0;
        out.jitterMs = s.jitter === undefined ? null : s.jitter * 1000;
        out.concealedSamples = s.concealedSamples ?? 0;
        if (s.jitterBufferEmittedCount) out.jitterBufferDelayMs = s.jitterBufferDelay / s.jitterBufferEmittedCount * 1000;
      } else if (s.type === 'outbound-rtp') {
        out.packetsSent = s.packetsSent ?? 0;
      } else if (s.type === 'remote-inbound-rtp' && s.roundTripTime !== undefined) {
        out.roundTripTimeMs = s.roundTripTime * 1000;
      }
    }
    return out;
  }

  /**
   * The video both ways from W3C getStats: what came back from the server (`framesPerSecond`,
   * `frameWidth`×`frameHeight`, `framesDecoded`, `framesDropped`, `freezeCount`, `decodeMs` per
   * frame, `bitrate` in bits/s since the last call) and what was sent (`framesSent`, `codec`).
   */
  async videoStats() {
    const stats = await this.pc.getStats();
    const out = { framesPerSecond: null, frameWidth: null, frameHeight: null, framesDecoded: 0, framesDropped: 0,
                  freezeCount: 0, decodeMs: null, bytesReceived: 0, bitrate: null, framesSent: 0, codec: null };
    const now = performance.now();
    for (const s of stats.values()) {
      if (s.kind !== 'video') continue;
      if (s.type === 'inbound-rtp') {
        out.framesPerSecond = s.framesPerSecond ?? null;
        out.frameWidth = s.frameWidth ?? null;
        out.frameHeight = s.frameHeight ?? null;
        out.framesDecoded = s.framesDecoded ?? 0;
        out.framesDropped = s.framesDropped ?? 0;
        out.freezeCount = s.freezeCount ?? 0;
        if (s.framesDecoded) out.decodeMs = (s.totalDecodeTime ?? 0) / s.framesDecoded * 1000;
        out.bytesReceived = s.bytesReceived ?? 0;
        if (this.lastVideo) {
          out.bitrate = (out.bytesReceived - this.lastVideo.bytes) * 8 / ((now - this.lastVideo.at) / 1000);
        }
        this.lastVideo = { bytes: out.bytesReceived, at: now };
        const codec = s.codecId ? stats.get(s.codecId) : null;
        out.codec = codec ? codec.mimeType : null;
      } else if (s.type === 'outbound-rtp') {
        out.framesSent = s.framesSent ?? 0;
      }
    }
    return out;
  }

  /** The selected candidate pair's round-trip time in ms, or null before one is known. */
  async roundTripTimeMs() {
    const stats = await this.pc.getStats();
    for (const s of stats.values()) {
      if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined) {
        return s.currentRoundTripTime * 1000;
      }
    }
    return null;
  }

  /** Closes the connection and tells the server. */
  close(reason = 'client closed') {
    if (this.closed) return;
    this.closed = true;
    this.signaling.removeEventListener('peer.ice_candidate', this.onCandidate);
    try {
      this.signaling.notify('peer.disconnect', { from: this.signaling.peerId, to: this.serverPeerId, reason });
    } catch { /* signaling down: the server sees the connection close */ }
    this.pc.close();
    if (this.audioElement) this.audioElement.srcObject = null;
    this.dispatchEvent(new CustomEvent('closed', { detail: { reason } }));
  }
}

/** The peer id of the server's own peer. */
export const SERVER_PEER_ID = 'remotemedia-server';

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
