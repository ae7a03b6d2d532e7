// In-page WebRTC loopback: two RTCPeerConnections in one page joined by a data channel.
// Used by /diagnostics/loopback.html (a browser self-check) and by the test suite and benchmarks,
// which measure Chromium's own figures with it. Plain ES module, no build step.

/**
 * Connects two peer connections in this page (trickle ICE between them) and waits until the
 * data channel is open on both sides.
 * @param {{ordered?: boolean, label?: string}} [options]
 * @returns {Promise<{pc1: RTCPeerConnection, pc2: RTCPeerConnection, dc1: RTCDataChannel,
 *                    dc2: RTCDataChannel, setupMs: number, close: () => void}>}
 */
export async function connectPair(options = {}) {
  const started = performance.now();
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate).catch(() => {});
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate).catch(() => {});
  const dc1 = pc1.createDataChannel(options.label ?? 'loopback', { ordered: options.ordered ?? true });
  dc1.binaryType = 'arraybuffer';
  const remoteChannel = new Promise((resolve) => {
    pc2.ondatachannel = (e) => {
      e.channel.binaryType = 'arraybuffer';
      if (e.channel.readyState === 'open') resolve(e.channel);
      else e.channel.onopen = () => resolve(e.channel);
    };
  });
  const localOpen = new Promise((resolve) => { dc1.onopen = resolve; });

  const offer = await pc1.createOffer();
  await pc1.setLocalDescription(offer);
  await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc1.setRemoteDescription(answer);
  const [, dc2] = await withTimeout(Promise.all([localOpen, remoteChannel]), 10000, 'data channel open');
  const setupMs = performance.now() - started;
  return { pc1, pc2, dc1, dc2, setupMs, close: () => { pc1.close(); pc2.close(); } };
}

/**
 * Sends each message from one side, echoes it back from the other, and returns what came back,
 * in arrival order.
 * @param {Array<{kind: 'text', data: string} | {kind: 'binary', base64: string}>} messages
 * @returns {Promise<Array<{kind: 'text', data: string} | {kind: 'binary', base64: string}>>}
 */
export async function echo(messages) {
  const pair = await connectPair();
  try {
    pair.dc2.onmessage = (e) => pair.dc2.send(e.data);
    const received = [];
    const done = new Promise((resolve) => {
      pair.dc1.onmessage = (e) => {
        received.push(typeof e.data === 'string'
          ? { kind: 'text', data: e.data }
          : { kind: 'binary', base64: toBase64(new Uint8Array(e.data)) });
        if (received.length === messages.length) resolve();
      };
    });
    for (const m of messages) {
      pair.dc1.send(m.kind === 'text' ? m.data : fromBase64(m.base64));
    }
    await withTimeout(done, 20000, 'echoes');
    return received;
  } finally {
    pair.close();
  }
}

/**
 * Measures connection setup (offer to data channel open on both sides) `runs` times.
 * @param {number} runs
 * @returns {Promise<number[]>} milliseconds per run
 */
export async function measureSetup(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const pair = await connectPair();
    times.push(pair.setupMs);
    pair.close();
  }
  return times;
}

/**
 * Sends `totalBytes` over a reliable ordered channel in messages of `messageBytes`, keeping the
 * send buffer between 1 and 4 MiB, and times it until the last byte arrives.
 * @param {{messageBytes?: number, totalBytes?: number}} [options]
 * @returns {Promise<{bytes: number, millis: number, megabytesPerSecond: number}>}
 */
export async function measureThroughput(options = {}) {
  const messageBytes = options.messageBytes ?? 65536;
  const totalBytes = options.totalBytes ?? 64 * 1024 * 1024;
  const pair = await connectPair();
  try {
    const payload = new Uint8Array(messageBytes);
    for (let i = 0; i < payload.length; i++) payload[i] = i & 0xff;
    let received = 0;
    const done = new Promise((resolve) => {
      pair.dc2.onmessage = (e) => {
        received += e.data.byteLength;
        if (received >= totalBytes) resolve();
      };
    });
    const high = 4 * 1024 * 1024;
    pair.dc1.bufferedAmountLowThreshold = 1024 * 1024;
    const started = performance.now();
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && pair.dc1.bufferedAmount < high) {
        pair.dc1.send(payload);
        sent += messageBytes;
      }
    };
    pair.dc1.onbufferedamountlow = pump;
    pump();
    await withTimeout(done, 120000, 'throughput transfer');
    const millis = performance.now() - started;
    return { bytes: received, millis, megabytesPerSecond: received / 1e6 / (millis / 1000) };
  } finally {
    pair.close();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what + ' timed out after ' + ms + ' ms')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** @param {Uint8Array} bytes */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** @param {string} base64 */
export function fromBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
