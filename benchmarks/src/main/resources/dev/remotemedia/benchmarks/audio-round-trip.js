// Audio round trips measured in the page, on its AudioContext's clock: a 1 kHz tone burst every
// 600 ms is sent on an RTCPeerConnection track, comes back on the same connection from the far end
// (Java echoing RTP, or a second RTCPeerConnection in this page sending the received track back),
// and a ScriptProcessor finds each burst's first sample in what comes back. A round trip is that
// sample's time minus the time the burst was scheduled. Both cases are measured the same way.
(() => {
  const BURST_SECONDS = 0.06;
  const PERIOD_SECONDS = 0.6;
  const state = { ctx: null, bursts: [], onsets: [], keep: [] };

  function context() {
    if (!state.ctx) state.ctx = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
    return state.ctx;
  }

  // A track that carries a tone burst every PERIOD_SECONDS from `from` (context time) for `count` bursts.
  function burstTrack(count) {
    const ctx = context();
    const oscillator = ctx.createOscillator();
    oscillator.frequency.value = 1000;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    const destination = ctx.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const from = ctx.currentTime + 1.0;
    state.bursts = [];
    for (let k = 0; k < count; k++) {
      const t = from + k * PERIOD_SECONDS;
      gain.gain.setValueAtTime(0.5, t);
      gain.gain.setValueAtTime(0, t + BURST_SECONDS);
      state.bursts.push(t);
    }
    state.keep.push(oscillator, gain, destination);
    return destination.stream;
  }

  // Finds burst onsets in a received stream.
  function listen(stream) {
    const ctx = context();
    const element = new Audio(); // Chromium pulls remote WebRTC audio only while an element plays it
    element.muted = true;
    element.srcObject = stream;
    element.play().catch(() => {});
    const source = ctx.createMediaStreamSource(stream);
    const processor = ctx.createScriptProcessor(256, 1, 1);
    let silentSamples = 48000;
    processor.onaudioprocess = (e) => {
      const input = e.inputBuffer.getChannelData(0);
      for (let i = 0; i < input.length; i++) {
        if (Math.abs(input[i]) > 0.05) {
          if (silentSamples > 4800) state.onsets.push(e.playbackTime + i / ctx.sampleRate);
          silentSamples = 0;
        } else {
          silentSamples++;
        }
      }
    };
    const sink = ctx.createGain();
    sink.gain.value = 0;
    source.connect(processor).connect(sink).connect(ctx.destination);
    state.keep.push(element, source, processor, sink);
  }

  // Pairs each scheduled burst with the first onset after it (within one period).
  function roundTrips() {
    const out = [];
    let j = 0;
    for (const t of state.bursts) {
      while (j < state.onsets.length && state.onsets[j] < t) j++;
      if (j < state.onsets.length && state.onsets[j] - t < PERIOD_SECONDS) out.push((state.onsets[j] - t) * 1000);
    }
    return out;
  }

  async function waitForBursts() {
    const last = state.bursts[state.bursts.length - 1];
    while (context().currentTime < last + 1.0) await new Promise((r) => setTimeout(r, 100));
  }

  window.audioRoundTrip = {
    // Chromium↔Chromium: pc1 sends the bursts, pc2 sends the received track back on the same m-line.
    async chromium(count) {
      await context().resume();
      state.onsets = [];
      const pc1 = new RTCPeerConnection();
      const pc2 = new RTCPeerConnection();
      pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
      pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
      const stream = burstTrack(count);
      pc1.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
      pc1.ontrack = (e) => listen(new MediaStream([e.track]));
      pc2.ontrack = (e) => { e.transceiver.sender.replaceTrack(e.track); e.transceiver.direction = 'sendrecv'; };
      await pc1.setLocalDescription();
      await pc2.setRemoteDescription(pc1.localDescription);
      await pc2.setLocalDescription();
      await pc1.setRemoteDescription(pc2.localDescription);
      await waitForBursts();
      pc1.close();
      pc2.close();
      return roundTrips();
    },
    // Java: the page offers a sendrecv audio m-line with the bursts; Java answers and echoes.
    async offer(count) {
      await context().resume();
      state.onsets = [];
      const pc = new RTCPeerConnection();
      state.pc = pc;
      state.candidates = [];
      pc.onicecandidate = (e) => state.candidates.push(e.candidate ? e.candidate.toJSON() : null);
      const stream = burstTrack(count);
      pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
      pc.ontrack = (e) => listen(new MediaStream([e.track]));
      await pc.setLocalDescription();
      return pc.localDescription.sdp;
    },
    async answer(sdp) {
      await state.pc.setRemoteDescription({ type: 'answer', sdp });
      return true;
    },
    candidates() {
      const taken = state.candidates;
      state.candidates = [];
      return taken;
    },
    async addCandidate(candidate) {
      await state.pc.addIceCandidate(candidate);
      return true;
    },
    async finish() {
      await waitForBursts();
      state.pc.close();
      return roundTrips();
    },
  };
  return true;
})();
