// The demo page (/): connects this browser to a ServerPeer (DESIGN.md §5.5), sends the microphone
// (an Opus track) and text and bytes (on the `remotemedia` channel) through the chosen pipeline,
// plays the audio that comes back with its level, pitch and voice activity, chats on the `chat`
// channel and draws the connection's live stats. Plain ES module, no build step.
//
// Tests and scripts drive it through `window.demo` (see the bottom of this file). Query
// parameters `?pipeline=NAME&connect=1&send=TEXT` pick a pipeline, connect at load and send one
// message: that is how the time from page load to the first reply is measured; `signaling=grpc-web`
// signals over gRPC-Web instead of the JSON-RPC WebSocket.

import { SignalingClient, ServerConnection, SignalingError } from '/js/remotemedia.js';
import { GrpcWebSignalingClient } from '/js/grpc-web-signaling.js';

const $ = (id) => document.getElementById(id);
const MAX_KEPT_REPLIES = 10000;   // in window.demo.state, for tests and scripts
const MAX_SHOWN_REPLIES = 200;    // rows in the table
const MAX_FILE_BYTES = 256 * 1024; // DESIGN.md §5.3: messages up to 256 KiB
const CHART_POINTS = 60;

/** What the page knows; read by tests as `window.demo.state`. */
const state = {
  /** @type {'loading'|'idle'|'connecting'|'connected'|'failed'} */
  status: 'loading',
  pipelines: /** @type {{name: string, description: string}[]} */ ([]),
  defaultPipeline: '',
  pipeline: '',
  /** @type {'websocket'|'grpc-web'} how this page signals */
  signaling: 'websocket',
  peerId: '',
  connectedAtMs: 0,
  firstReplyAtMs: 0,
  replies: /** @type {{seq: number, kind: string, size: number, text: string, latencyMs: number|null}[]} */ ([]),
  chat: /** @type {{from: 'me'|'server'|'error', text: string}[]} */ ([]),
  errors: /** @type {string[]} */ ([]),
  rttMs: /** @type {number|null} */ (null),
  audio: {
    /** whether the microphone (or a source given to setAudioInput) is sent */
    on: false,
    muted: false,
    volume: 1,
    /** RMS level of the audio coming back over the last second, dBFS; null before any */
    levelDb: /** @type {number|null} */ (null),
    /** the frequency with the most energy in the audio coming back, Hz */
    pitchHz: /** @type {number|null} */ (null),
    /** @type {'off'|'speech'|'silence'} */
    vad: 'off',
    /** speech_start / speech_end events: their pipeline timestamp and when the page got them */
    vadEvents: /** @type {{kind: string, timestampUs: number, atMs: number}[]} */ ([]),
    /** the last measured round trip page → pipeline → page, ms */
    latencyMs: /** @type {number|null} */ (null),
    /** the last audio getStats summary (see ServerConnection.audioStats) */
    stats: /** @type {object|null} */ (null),
  },
  video: {
    /** whether the camera (or a source given to setVideoInput) is sent */
    on: false,
    /** the last video getStats summary (see ServerConnection.videoStats) */
    stats: /** @type {object|null} */ (null),
  },
};

let serverPeerId = 'remotemedia-server';
let signalingUrl = null;
/** @type {SignalingClient|GrpcWebSignalingClient|null} */ let signaling = null;
/** @type {ServerConnection|null} */ let conn = null;
let nextSeq = 1;
/** Send times by sequence number, for latency; plus FIFO order for replies that lose metadata. */
const outstanding = new Map();

// ---------------------------------------------------------------------------------------------
// Errors

function showError(title, text) {
  state.errors.push(`${title}: ${text}`);
  $('error-title').textContent = title;
  $('error-text').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

$('error-dismiss').addEventListener('click', clearError);

function describe(e) {
  if (e instanceof SignalingError) return `${e.message} (JSON-RPC ${e.code})`;
  return String(e && e.message ? e.message : e);
}

// ---------------------------------------------------------------------------------------------
// Connection

function setStatus(status, label = status) {
  state.status = status;
  const pill = $('state');
  pill.textContent = label;
  pill.dataset.state = status;
  pill.className = 'pill ' + ({ connected: '', connecting: 'warn', failed: 'bad' }[status] ?? 'muted');
  const connected = status === 'connected';
  const busy = status === 'connecting';
  $('connect').disabled = connected || busy || status === 'loading';
  $('disconnect').disabled = !(connected || busy);
  $('pipeline').disabled = connected || busy || status === 'loading';
  // gRPC-Web goes to this server's own hub: not offered when the page signals through an external server.
  $('signaling').disabled = connected || busy || status === 'loading' || signalingUrl !== null;
  for (const id of ['text', 'send-text', 'binary-size', 'send-random', 'file', 'chat-text', 'chat-send']) {
    $(id).disabled = !connected;
  }
  $('mute').disabled = !(connected && audioIn);
  $('measure-latency').disabled = !(connected && audioIn);
  if (status === 'connected' || status === 'idle' || status === 'failed') refreshHealth();
}

async function loadPipelines() {
  const response = await fetch('/api/pipelines', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/api/pipelines: HTTP ${response.status}`);
  const body = await response.json();
  state.pipelines = body.pipelines;
  state.defaultPipeline = body.default;
  serverPeerId = body.server_peer_id ?? serverPeerId;
  signalingUrl = body.signaling_url ?? null;
  const select = $('pipeline');
  select.replaceChildren(...body.pipelines.map((p) => {
    const option = document.createElement('option');
    option.value = p.name;
    option.textContent = p.name === body.default ? `${p.name} (default)` : p.name;
    return option;
  }));
  select.value = body.default;
  showDescription();
  $('server-peer-id').textContent = serverPeerId;
}

function showDescription() {
  const p = state.pipelines.find((x) => x.name === $('pipeline').value);
  $('pipeline-description').textContent = p && p.description ? p.description : '\u00a0';
}

$('pipeline').addEventListener('change', showDescription);

/**
 * Connects to the server's peer running `pipeline` (default: the picker's choice), signaling over
 * `via` ('websocket' or 'grpc-web'; default: the signaling picker's choice).
 */
async function connect(pipeline = $('pipeline').value, via = $('signaling').value) {
  if (state.status === 'connecting' || state.status === 'connected') throw new Error(`already ${state.status}`);
  $('pipeline').value = pipeline;
  showDescription();
  clearError();
  state.pipeline = pipeline;
  state.peerId = 'web-' + crypto.getRandomValues(new Uint32Array(2)).reduce((s, n) => s + n.toString(16), '');
  state.firstReplyAtMs = 0;
  $('peer-id').textContent = state.peerId;
  $('running-pipeline').textContent = '–';
  $('first-reply').textContent = '–';
  setStatus('connecting', 'connecting…');
  if (via === 'grpc-web' && signalingUrl !== null) throw new Error('gRPC-Web needs this server\'s own signaling');
  $('signaling').value = via;
  state.signaling = via;
  const url = signalingUrl ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const s = via === 'grpc-web'
    ? new GrpcWebSignalingClient(location.origin, { peerId: state.peerId, reconnect: { maxAttempts: 0 } })
    : new SignalingClient(url, { peerId: state.peerId, reconnect: { maxAttempts: 0 } });
  signaling = s;
  s.addEventListener('disconnected', () => {
    if (signaling !== s) return;
    showError('Signaling lost', `the ${via === 'grpc-web' ? 'gRPC-Web Join stream' : 'WebSocket'} to the server `
              + 'closed; the server ends this connection');
    teardown('signaling lost', 'failed');
  });
  s.addEventListener('peer.disconnect', (e) => {
    if (signaling !== s || e.detail.from !== serverPeerId) return;
    showError('Disconnected by the server', e.detail.reason || 'no reason given');
    teardown('server disconnected', 'failed');
  });
  try {
    await s.connect();
    const c = new ServerConnection(s, { pipeline, channels: ['chat'], serverPeerId,
                                        audio: audioIn ? audioIn.track : undefined,
                                        video: videoIn ? videoIn.track : undefined });
    c.addEventListener('track', (e) => listenTo(e.detail.stream));
    c.addEventListener('videotrack', (e) => { $('remote-video').srcObject = e.detail.stream; });
    if (audioIn) c.setVolume(state.audio.volume);
    conn = c;
    c.addEventListener('data', (e) => onReply(e.detail));
    c.addEventListener('state', (e) => {
      if (conn !== c) return;
      if (e.detail.state === 'failed' || e.detail.state === 'disconnected') {
        showError('Connection ' + e.detail.state, 'the peer connection to the server is ' + e.detail.state);
      }
    });
    c.addEventListener('closed', (e) => {
      if (conn === c) teardown(e.detail.reason, 'failed');
    });
    c.channel.addEventListener('close', () => {
      if (conn !== c) return;
      showError('Connection closed', 'the server closed the remotemedia channel');
      teardown('channel closed', 'failed');
    });
    const chat = c.channels.chat;
    chat.addEventListener('message', (e) => {
      const text = typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data);
      addChat(text.startsWith('error: ') ? 'error' : 'server', text);
    });
    await c.connect();
    if (conn !== c) return; // disconnected meanwhile
    state.connectedAtMs = performance.now();
    $('running-pipeline').textContent = pipeline;
    setStatus('connected');
  } catch (e) {
    if (signaling === s) {
      showError('Cannot connect', describe(e));
      teardown('connect failed', 'failed');
    }
    throw e;
  }
}

/** Closes the connection (telling the server) and the signaling socket. */
function disconnect() {
  teardown('client closed', 'idle');
}

function teardown(reason, status) {
  const c = conn;
  const s = signaling;
  conn = null;
  signaling = null;
  outstanding.clear();
  if (c) c.close(reason);
  if (s) s.close();
  $('remote-video').srcObject = null;
  setStatus(status, status === 'failed' ? 'disconnected' : status);
}

$('connect').addEventListener('click', () => { connect().catch(() => { /* shown in the banner */ }); });
$('disconnect').addEventListener('click', disconnect);

// ---------------------------------------------------------------------------------------------
// Sending and replies

function requireConnection() {
  if (!conn || state.status !== 'connected') throw new Error('not connected');
  return conn;
}

function sendData(data) {
  const c = requireConnection();
  const seq = nextSeq++;
  outstanding.set(seq, performance.now());
  c.send({ ...data, metadata: { demo_seq: String(seq) } });
  return seq;
}

/** Sends `text` to the pipeline; returns its sequence number. */
function sendText(text) {
  return sendData({ kind: 'text', text: String(text) });
}

/** Sends `bytes` (a Uint8Array) as binary data. */
function sendBytes(bytes, mimeType = 'application/octet-stream') {
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${bytes.length} bytes (expected: at most ${MAX_FILE_BYTES})`);
  return sendData({ kind: 'binary', data: bytes, mimeType });
}

/** Sends `size` random bytes. */
function sendRandom(size) {
  const n = Math.max(1, Math.min(MAX_FILE_BYTES, Math.floor(Number(size)) || 0));
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(n, i + 65536)));
  return sendBytes(bytes);
}

function onReply(data) {
  const now = performance.now();
  let sentAt;
  const seq = Number(data.metadata?.demo_seq);
  if (seq && outstanding.has(seq)) {
    sentAt = outstanding.get(seq);
    outstanding.delete(seq);
  }
  const reply = { seq: seq || 0, kind: data.kind, size: sizeOf(data), text: preview(data),
                  latencyMs: sentAt === undefined ? null : Math.round((now - sentAt) * 10) / 10 };
  if (data.kind === 'control' && data.controlKind === 'error') {
    reply.kind = 'error';
    showError('Pipeline error', reply.text);
  } else if (data.kind === 'control' && (data.controlKind === 'speech_start' || data.controlKind === 'speech_end')) {
    onVoiceActivity(data.controlKind, data.timestampUs, now);
  }
  if (!state.firstReplyAtMs) {
    state.firstReplyAtMs = now;
    $('first-reply').textContent = `${Math.round(now)} ms after page load`;
  }
  state.replies.push(reply);
  if (state.replies.length > MAX_KEPT_REPLIES) state.replies.splice(0, state.replies.length - MAX_KEPT_REPLIES);
  renderReply(reply);
}

function sizeOf(d) {
  switch (d.kind) {
    case 'text': return new TextEncoder().encode(d.text).length;
    case 'binary': return d.data.length;
    case 'json': return d.json.length;
    case 'audio': return d.samples.length * 4;
    default: return 0;
  }
}

function preview(d) {
  switch (d.kind) {
    case 'text': return d.text;
    case 'binary': {
      const hex = Array.from(d.data.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return `${d.mimeType || 'binary'}: ${hex}${d.data.length > 16 ? ' …' : ''}`;
    }
    case 'json': return d.json;
    case 'audio': return `${d.samples.length / d.channels} frames, ${d.sampleRate} Hz, ${d.channels} ch`;
    case 'control': {
      let message = d.payloadJson;
      try { message = JSON.parse(d.payloadJson).message ?? d.payloadJson; } catch { /* not JSON */ }
      return d.controlKind === 'error' ? message : `${d.controlKind}${message ? ' ' + message : ''}`;
    }
    default: return d.kind;
  }
}

function renderReply(reply) {
  const body = $('replies');
  body.querySelector('tr.empty')?.remove();
  const row = document.createElement('tr');
  if (reply.kind === 'error') row.className = 'error';
  const cells = [[reply.seq || '–', 'num'], [reply.kind, ''], [formatBytes(reply.size), 'num'],
                 [reply.text.length > 160 ? reply.text.slice(0, 160) + '…' : reply.text, 'content'],
                 [reply.latencyMs === null ? '–' : `${reply.latencyMs} ms`, 'num']];
  for (const [text, cls] of cells) {
    const td = document.createElement('td');
    td.textContent = String(text);
    if (cls) td.className = cls;
    row.append(td);
  }
  body.prepend(row);
  while (body.rows.length > MAX_SHOWN_REPLIES) body.lastElementChild.remove();
  $('reply-count').textContent = String(state.replies.length);
}

$('text-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value;
  if (!text) return;
  try {
    sendText(text);
    $('text').value = '';
  } catch (err) {
    showError('Cannot send', describe(err));
  }
});

$('send-random').addEventListener('click', () => {
  try { sendRandom($('binary-size').value); } catch (err) { showError('Cannot send', describe(err)); }
});

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (!file) return;
  try {
    if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is ${formatBytes(file.size)} (at most 256 KiB)`);
    sendBytes(new Uint8Array(await file.arrayBuffer()), file.type || 'application/octet-stream');
  } catch (err) {
    showError('Cannot send the file', describe(err));
  }
});

// ---------------------------------------------------------------------------------------------
// Audio: the microphone goes through a WebAudio graph (so a beep can be mixed in to time the round
// trip); what comes back is played by the connection's audio element and analysed here.

let audioContext = null;
/** @type {{track: MediaStreamTrack, input: GainNode, beep: GainNode, stop: () => void}|null} */
let audioIn = null;
let analyser = null;
const levelWindow = [];

function context() {
  if (!audioContext) audioContext = new AudioContext({ sampleRate: 48000 });
  audioContext.resume().catch(() => {});
  return audioContext;
}

/**
 * Sends `track` (e.g. a microphone's, or a test's oscillator) to the pipeline from the next
 * connection on; reconnects at once when connected.
 */
async function setAudioInput(track) {
  const ctx = context();
  if (audioIn) audioIn.stop();
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const input = ctx.createGain();
  const beep = ctx.createGain();
  beep.gain.value = 0;
  const oscillator = ctx.createOscillator();
  oscillator.frequency.value = 1000;
  const destination = ctx.createMediaStreamDestination();
  source.connect(input).connect(destination);
  oscillator.connect(beep).connect(destination);
  oscillator.start();
  audioIn = {
    track: destination.stream.getAudioTracks()[0], input, beep,
    stop: () => { oscillator.stop(); track.stop(); source.disconnect(); },
  };
  state.audio.on = true;
  state.audio.muted = false;
  $('mic').setAttribute('aria-pressed', 'true');
  $('mic').textContent = 'Microphone on';
  await reconnectIfConnected();
}

/** Asks for the microphone (getUserMedia) and sends it. `constraints`: getUserMedia's audio constraints. */
async function enableMicrophone(constraints = { echoCancellation: true, noiseSuppression: false, autoGainControl: false }) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: constraints });
  await setAudioInput(stream.getAudioTracks()[0]);
}

/** Stops sending audio (from the next connection on; reconnects at once when connected). */
async function disableMicrophone() {
  if (audioIn) audioIn.stop();
  audioIn = null;
  state.audio.on = false;
  $('mic').setAttribute('aria-pressed', 'false');
  $('mic').textContent = 'Microphone';
  await reconnectIfConnected();
}

async function reconnectIfConnected() {
  if (state.status !== 'connected') {
    setStatus(state.status, $('state').textContent);
    return;
  }
  const pipeline = state.pipeline, via = state.signaling;
  teardown('audio changed', 'idle');
  await connect(pipeline, via);
}

function listenTo(stream) {
  const ctx = context();
  analyser = ctx.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0;
  ctx.createMediaStreamSource(stream).connect(analyser);
  levelWindow.length = 0;
}

/** Mutes or unmutes what is sent (seed 003's toggle_mute); returns whether muted. */
function toggleMute() {
  const muted = requireConnection().toggleMute();
  state.audio.muted = muted;
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? 'Unmute' : 'Mute';
  return muted;
}

/** Sets the playback volume, 0..1 (seed 003's set_volume). */
function setVolume(volume) {
  if (conn) conn.setVolume(volume);
  state.audio.volume = Number(volume);
  $('volume').value = String(Math.round(state.audio.volume * 100));
}

function onVoiceActivity(kind, timestampUs, atMs) {
  state.audio.vadEvents.push({ kind, timestampUs, atMs });
  state.audio.vad = kind === 'speech_start' ? 'speech' : 'silence';
  const pill = $('vad');
  pill.dataset.state = state.audio.vad;
  pill.textContent = state.audio.vad === 'speech' ? 'speech' : 'silence';
}

/** Every 50 ms: the level (RMS over the last second) and pitch of what comes back. */
function analyse() {
  if (!analyser || !conn) return;
  const samples = new Float32Array(2048);
  analyser.getFloatTimeDomainData(samples);
  let power = 0;
  for (const v of samples) power += v * v;
  levelWindow.push(power / samples.length);
  if (levelWindow.length > 20) levelWindow.shift();
  const mean = levelWindow.reduce((a, b) => a + b, 0) / levelWindow.length;
  state.audio.levelDb = mean > 0 ? 10 * Math.log10(mean) : -Infinity;
  const db = state.audio.levelDb;
  $('level-db').textContent = Number.isFinite(db) ? `${db.toFixed(1)} dBFS` : '– dBFS';
  $('level-bar').style.width = `${Math.max(0, Math.min(100, (db + 60) / 60 * 100))}%`;
  $('level').setAttribute('aria-valuenow', Number.isFinite(db) ? db.toFixed(1) : '-60');
  const nowDb = 10 * Math.log10(power / samples.length);
  state.audio.pitchHz = nowDb > -50 ? peakFrequency() : null; // no pitch for silence
  $('pitch').textContent = state.audio.pitchHz === null ? '–' : `${state.audio.pitchHz.toFixed(1)} Hz`;
}

/** The strongest frequency, refined by a parabolic fit of the log magnitudes around the peak bin. */
function peakFrequency() {
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  const lowest = Math.ceil(50 * analyser.fftSize / context().sampleRate); // above hum and DC
  let peak = lowest;
  for (let i = lowest + 1; i < bins.length - 1; i++) if (bins[i] > bins[peak]) peak = i;
  const a = bins[peak - 1], b = bins[peak], c = bins[peak + 1];
  const shift = (a - 2 * b + c) === 0 ? 0 : 0.5 * (a - c) / (a - 2 * b + c);
  return (peak + shift) * context().sampleRate / analyser.fftSize;
}

/**
 * Times the round trip page → server pipeline → page: mutes the input for a moment, sends a 1 kHz
 * beep and waits for it to come back (polled every few ms, so ± 5 ms). Resolves with the ms.
 */
async function measureLatency(timeoutMs = 3000) {
  requireConnection();
  if (!audioIn || !analyser) throw new Error('no audio is coming back yet');
  const ctx = context();
  const { input, beep } = audioIn;
  input.gain.setValueAtTime(0, ctx.currentTime);
  const samples = new Float32Array(256);
  const quiet = () => { analyser.getFloatTimeDomainData(samples); return samples.every((v) => Math.abs(v) < 0.05); };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    for (let i = 0; i < 100 && !quiet(); i++) await wait(10); // what was on its way drains
    const start = ctx.currentTime + 0.02;
    beep.gain.setValueAtTime(0.5, start);
    beep.gain.setValueAtTime(0, start + 0.1);
    const startMs = performance.now() + 20;
    while (performance.now() - startMs < timeoutMs) {
      analyser.getFloatTimeDomainData(samples);
      if (performance.now() > startMs && samples.some((v) => Math.abs(v) > 0.1)) {
        state.audio.latencyMs = Math.round(performance.now() - startMs);
        $('audio-latency').textContent = `${state.audio.latencyMs} ms`;
        return state.audio.latencyMs;
      }
      await wait(2);
    }
    throw new Error(`the beep did not come back within ${timeoutMs} ms`);
  } finally {
    input.gain.setValueAtTime(1, ctx.currentTime + 0.15);
  }
}

// ---------------------------------------------------------------------------------------------
// Video: the camera is sent as it is; what comes back (the pipeline's output) plays beside it.

/** @type {{track: MediaStreamTrack, stop: () => void}|null} */
let videoIn = null;

/**
 * Sends `track` (e.g. a camera's, or a test's canvas) to the pipeline from the next connection
 * on; reconnects at once when connected.
 */
async function setVideoInput(track) {
  if (videoIn) videoIn.stop();
  videoIn = { track, stop: () => track.stop() };
  $('local-video').srcObject = new MediaStream([track]);
  state.video.on = true;
  $('camera').setAttribute('aria-pressed', 'true');
  $('camera').textContent = 'Camera on';
  await reconnectIfConnected();
}

/** Asks for the camera (getUserMedia) and sends it. `constraints`: getUserMedia's video constraints. */
async function enableCamera(constraints = { width: 640, height: 360, frameRate: 30 }) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: constraints });
  await setVideoInput(stream.getVideoTracks()[0]);
}

/** Stops sending video (from the next connection on; reconnects at once when connected). */
async function disableCamera() {
  if (videoIn) videoIn.stop();
  videoIn = null;
  $('local-video').srcObject = null;
  $('remote-video').srcObject = null;
  state.video.on = false;
  $('camera').setAttribute('aria-pressed', 'false');
  $('camera').textContent = 'Camera';
  await reconnectIfConnected();
}

$('camera').addEventListener('click', () => {
  (videoIn ? disableCamera() : enableCamera())
    .catch((e) => showError('Camera', describe(e)));
});

/** The video's getStats: frames per second back, size, bitrate, drops and freezes, decode time. */
async function sampleVideo(c) {
  const v = c && videoIn ? await c.videoStats().catch(() => null) : null;
  state.video.stats = v;
  push('fps', v?.framesPerSecond ?? 0);
  $('video-fps').textContent = v && v.framesPerSecond !== null ? v.framesPerSecond.toFixed(0) : '–';
  $('stat-fps').textContent = $('video-fps').textContent;
  $('video-size').textContent = v && v.frameWidth ? `${v.frameWidth}×${v.frameHeight}` : '–';
  $('video-bitrate').textContent = v && v.bitrate !== null ? `${(v.bitrate / 1000).toFixed(0)} kb/s` : '–';
  $('video-drops').textContent = v ? `${v.framesDropped} / ${v.freezeCount}` : '–';
  $('video-decode').textContent = v && v.decodeMs !== null ? `${v.decodeMs.toFixed(1)} ms` : '–';
  $('video-codec').textContent = v?.codec ?? '–';
  draw($('chart-fps'), [[series.fps, 'in']]);
}

$('mic').addEventListener('click', () => {
  (audioIn ? disableMicrophone() : enableMicrophone())
    .catch((e) => showError('Microphone', describe(e)));
});
$('mute').addEventListener('click', () => { try { toggleMute(); } catch (e) { showError('Mute', describe(e)); } });
$('volume').addEventListener('input', () => setVolume(Number($('volume').value) / 100));
$('measure-latency').addEventListener('click', () => {
  measureLatency().catch((e) => showError('Latency', describe(e)));
});
setInterval(analyse, 50);

// ---------------------------------------------------------------------------------------------
// Chat

function addChat(from, text) {
  state.chat.push({ from, text });
  const li = document.createElement('li');
  li.className = from;
  li.textContent = text;
  const log = $('chat-log');
  log.append(li);
  while (log.children.length > 200) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

/** Sends `text` on the chat channel. */
function sendChat(text) {
  const chat = requireConnection().channels.chat;
  if (chat.readyState !== 'open') throw new Error('the chat channel is not open');
  chat.send(String(text));
  addChat('me', String(text));
}

$('chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('chat-text').value;
  if (!text) return;
  try {
    sendChat(text);
    $('chat-text').value = '';
  } catch (err) {
    showError('Cannot send', describe(err));
  }
});

// ---------------------------------------------------------------------------------------------
// Live stats: sampled every second, drawn as sparklines

const zeros = () => new Array(CHART_POINTS).fill(0);
const series = { rtt: zeros(), msgOut: zeros(), msgIn: zeros(), bytesOut: zeros(), bytesIn: zeros(),
                 lost: zeros(), jitter: zeros(), jitterBuffer: zeros(), fps: zeros() };
let last = null;

function push(name, value) {
  const s = series[name];
  s.push(value);
  if (s.length > CHART_POINTS) s.shift();
}

async function sample() {
  const c = conn;
  const counters = c ? { ...c.counters } : { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0 };
  if (c && last && last.conn === c) {
    push('msgOut', counters.messagesSent - last.counters.messagesSent);
    push('msgIn', counters.messagesReceived - last.counters.messagesReceived);
    push('bytesOut', counters.bytesSent - last.counters.bytesSent);
    push('bytesIn', counters.bytesReceived - last.counters.bytesReceived);
  } else {
    for (const name of ['msgOut', 'msgIn', 'bytesOut', 'bytesIn']) push(name, 0);
  }
  last = { conn: c, counters };
  state.rttMs = c ? await c.roundTripTimeMs().catch(() => null) : null;
  push('rtt', state.rttMs ?? 0);
  $('stat-state').textContent = c ? c.pc.connectionState : 'closed';
  $('stat-rtt').textContent = state.rttMs === null ? '–' : `${state.rttMs.toFixed(1)} ms`;
  $('stat-messages').textContent = `${counters.messagesSent} / ${counters.messagesReceived}`;
  $('stat-bytes').textContent = `${formatBytes(counters.bytesSent)} / ${formatBytes(counters.bytesReceived)}`;
  draw($('chart-rtt'), [[series.rtt, 'out']]);
  draw($('chart-messages'), [[series.msgOut, 'out'], [series.msgIn, 'in']]);
  draw($('chart-bytes'), [[series.bytesOut, 'out'], [series.bytesIn, 'in']]);
  await sampleAudio(c);
  await sampleVideo(c);
}

let lastLost = null;

/** The audio's getStats: packets lost per second, jitter and the jitter buffer's delay. */
async function sampleAudio(c) {
  const a = c && audioIn ? await c.audioStats().catch(() => null) : null;
  state.audio.stats = a;
  const lost = a ? a.packetsLost : 0;
  push('lost', a && lastLost !== null ? Math.max(0, lost - lastLost) : 0);
  lastLost = a ? lost : null;
  push('jitter', a?.jitterMs ?? 0);
  push('jitterBuffer', a?.jitterBufferDelayMs ?? 0);
  const ms = (v) => (v === null || v === undefined ? '–' : `${v.toFixed(1)} ms`);
  $('stat-lost').textContent = a ? `${a.packetsLost} of ${a.packetsReceived + a.packetsLost}` : '–';
  $('stat-jitter').textContent = a ? ms(a.jitterMs) : '–';
  $('stat-jb').textContent = a ? ms(a.jitterBufferDelayMs) : '–';
  draw($('chart-lost'), [[series.lost, 'in']]);
  draw($('chart-jitter'), [[series.jitter, 'in']]);
  draw($('chart-jb'), [[series.jitterBuffer, 'in']]);
}

function draw(canvas, lines) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const styles = getComputedStyle(document.documentElement);
  const max = Math.max(1, ...lines.flatMap(([points]) => points));
  const pad = 6;
  for (const [points, which] of lines) {
    if (points.length < 2) continue;
    const color = styles.getPropertyValue(which === 'in' ? '--in' : '--out').trim();
    const x = (i) => pad + (i + CHART_POINTS - points.length) * (width - 2 * pad) / (CHART_POINTS - 1);
    const y = (v) => height - pad - (v / max) * (height - 2 * pad);
    g.beginPath();
    points.forEach((v, i) => (i ? g.lineTo(x(i), y(v)) : g.moveTo(x(i), y(v))));
    g.strokeStyle = color;
    g.lineWidth = 1.75;
    g.lineJoin = 'round';
    g.stroke();
    g.lineTo(x(points.length - 1), height - pad);
    g.lineTo(x(0), height - pad);
    g.closePath();
    g.globalAlpha = 0.12;
    g.fillStyle = color;
    g.fill();
    g.globalAlpha = 1;
  }
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// ---------------------------------------------------------------------------------------------
// Server health in the header

async function refreshHealth() {
  try {
    const health = await (await fetch('/health', { cache: 'no-store' })).json();
    $('version').textContent = 'v' + health.version;
    $('status').innerHTML = '';
    const pill = document.createElement('span');
    pill.className = 'pill';
    pill.textContent = health.status;
    $('status').append(pill);
    $('server-peers').textContent = String(health.server_peers);
    $('sessions').textContent = String(health.sessions);
    $('uptime').textContent = formatUptime(health.uptime_seconds);
  } catch {
    $('status').innerHTML = '<span class="pill bad">unreachable</span>';
  }
}

function formatUptime(seconds) {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + (s % 60) + ' s';
}

// ---------------------------------------------------------------------------------------------
// Start

const ready = (async () => {
  setStatus('loading', 'loading…');
  try {
    await loadPipelines();
    setStatus('idle');
  } catch (e) {
    showError('Cannot list the pipelines', describe(e));
    setStatus('failed', 'unavailable');
    return;
  }
  const params = new URLSearchParams(location.search);
  if (params.get('connect') === '1') {
    const pipeline = params.get('pipeline') ?? state.defaultPipeline;
    await connect(pipeline, params.get('signaling') ?? 'websocket').catch(() => { /* shown in the banner */ });
    if (state.status === 'connected' && params.has('send')) sendText(params.get('send'));
  }
})();

refreshHealth();
setInterval(refreshHealth, 2000);
setInterval(() => { sample().catch(() => { /* a closed connection's stats */ }); }, 1000);

/** The page's hooks for tests and scripts. */
window.demo = {
  state, ready, connect, disconnect, sendText, sendBytes, sendRandom, sendChat, refreshHealth,
  enableMicrophone, disableMicrophone, setAudioInput, toggleMute, setVolume, measureLatency,
  enableCamera, disableCamera, setVideoInput,
  /** The page's AudioContext (48 kHz), for sources given to setAudioInput. */
  audioContext: context,
  /** The current signaling client (to cut its socket in tests), or null. */
  signaling: () => signaling,
  /** The current ServerConnection, or null. */
  connection: () => conn,
  /** The charts' data: the last 60 one-second samples of each. */
  series,
};
