// Test-side helpers injected into a Chromium page: RTCPeerConnections driven from Java through
// Playwright, with every event recorded so the Java test can poll it. Binary data crosses as base64.
(() => {
  const peers = new Map();

  const toBase64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const fromBase64 = (b64) => {
    const s = atob(b64);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  };

  function watchChannel(peer, channel) {
    channel.binaryType = 'arraybuffer';
    const record = { channel, received: [], events: [], countOnly: false, bytes: 0, messages: 0 };
    peer.channels.set(channel.label, record);
    channel.onopen = () => record.events.push('open');
    channel.onclosing = () => record.events.push('closing');
    channel.onclose = () => record.events.push('close');
    channel.onerror = (e) => record.events.push('error:' + (e.error ? e.error.message : 'unknown'));
    channel.onmessage = (e) => {
      if (record.countOnly) {
        record.bytes += typeof e.data === 'string' ? e.data.length : e.data.byteLength;
        record.messages++;
        return;
      }
      const message = typeof e.data === 'string' ? { kind: 'text', data: e.data }
                                                   : { kind: 'binary', base64: toBase64(new Uint8Array(e.data)) };
      record.received.push(message);
      if (peer.echo) channel.send(typeof e.data === 'string' ? e.data : e.data);
    };
    return record;
  }

  // Audio: a WebAudio oscillator as a sent track, and an AnalyserNode on each received one.
  let audioContext = null;
  const context = () => {
    if (!audioContext) audioContext = new AudioContext({ sampleRate: 48000 });
    return audioContext;
  };

  // Video: numbered pictures (the layout of NumberedPicture.java) drawn on a canvas and sent, and
  // the numbers read back from each received picture as the page's <video> presents it.
  const BITS = 16;
  function drawNumbered(ctx2d, width, height, number) {
    for (let x = 0; x < width; x += 8) {
      const shade = 60 + (((x + 2 * number) * 3) & 127);
      ctx2d.fillStyle = `rgb(${shade}, ${(shade * 2) & 255}, ${255 - shade})`;
      ctx2d.fillRect(x, 0, 8, height);
    }
    const blockWidth = Math.floor(width / BITS);
    const top = (height * 3 / 8) & ~1;
    const bottom = (height * 5 / 8) & ~1;
    for (let bit = 0; bit < BITS; bit++) {
      const one = ((number >> (BITS - 1 - bit)) & 1) !== 0;
      ctx2d.fillStyle = one ? '#ffffff' : '#000000';
      ctx2d.fillRect(bit * blockWidth, top, blockWidth, bottom - top);
    }
  }
  function readNumbered(ctx2d, width, height) {
    const blockWidth = Math.floor(width / BITS);
    const top = (height * 3 / 8) & ~1;
    const bottom = (height * 5 / 8) & ~1;
    const pixels = ctx2d.getImageData(0, 0, width, height).data;
    let number = 0;
    for (let bit = 0; bit < BITS; bit++) {
      let sum = 0, count = 0;
      for (let row = top + Math.floor((bottom - top) / 4); row < bottom - Math.floor((bottom - top) / 4); row++) {
        for (let x = bit * blockWidth + Math.floor(blockWidth / 4); x < (bit + 1) * blockWidth - Math.floor(blockWidth / 4); x++) {
          const i = (row * width + x) * 4;
          sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
          count++;
        }
      }
      const mean = sum / count;
      if (mean > 80 && mean < 170) return -1;
      number = (number << 1) | (mean >= 170 ? 1 : 0);
    }
    return number;
  }
  // The most any sampled pixel's channels differ (0 for a gray picture).
  function colourfulness(ctx2d, width, height) {
    const pixels = ctx2d.getImageData(0, 0, width, height).data;
    let most = 0;
    for (let row = 0; row < height; row += 8) {
      for (let x = 0; x < width; x += 8) {
        const i = (row * width + x) * 4;
        most = Math.max(most, Math.abs(pixels[i] - pixels[i + 1]), Math.abs(pixels[i + 1] - pixels[i + 2]),
                        Math.abs(pixels[i] - pixels[i + 2]));
      }
    }
    return most;
  }
  function watchVideo(peer, event) {
    const element = document.createElement('video');
    element.muted = true;
    element.autoplay = true;
    element.playsInline = true;
    element.srcObject = event.streams[0] || new MediaStream([event.track]);
    document.body.appendChild(element);
    const record = watchElement(element);
    record.track = event.track;
    record.mid = event.transceiver.mid;
    peer.videos.push(record);
  }
  // Reads the number (and the colourfulness) of each picture a <video> presents.
  function watchElement(element) {
    const record = { element, numbers: [], colours: [], width: 0, height: 0 };
    const canvas = document.createElement('canvas');
    const onFrame = () => {
      const width = element.videoWidth, height = element.videoHeight;
      if (width > 0 && height > 0) {
        if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
        const ctx2d = canvas.getContext('2d', { willReadFrequently: true });
        ctx2d.drawImage(element, 0, 0, width, height);
        record.numbers.push(readNumbered(ctx2d, width, height));
        record.colours.push(colourfulness(ctx2d, width, height));
        record.width = width;
        record.height = height;
      }
      element.requestVideoFrameCallback(onFrame);
    };
    element.requestVideoFrameCallback(onFrame);
    element.play().catch(() => {});
    return record;
  }
  const tracks = new Map();
  const watched = new Map();

  function listen(peer, event) {
    if (event.track.kind === 'video') {
      watchVideo(peer, event);
      return;
    }
    const stream = event.streams[0] || new MediaStream([event.track]);
    // Chromium pulls remote WebRTC audio into WebAudio only while a media element plays it.
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    element.play().catch(() => {});
    const source = context().createMediaStreamSource(stream);
    const analyser = context().createAnalyser();
    analyser.fftSize = 16384;
    analyser.smoothingTimeConstant = 0;
    source.connect(analyser);
    peer.tracks.push({ track: event.track, analyser, element, mid: event.transceiver.mid });
  }

  function addTone(peer, frequency) {
    const ctx = context();
    const oscillator = ctx.createOscillator();
    oscillator.frequency.value = frequency;
    const gain = ctx.createGain();
    gain.gain.value = 0.5;
    const destination = ctx.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const track = destination.stream.getAudioTracks()[0];
    return peer.pc.addTrack(track, destination.stream);
  }

  // A canvas drawing numbered pictures at `fps`, captured as a track; `stop` ends both.
  function numberedTrack(width, height, fps) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx2d = canvas.getContext('2d');
    let number = 0;
    drawNumbered(ctx2d, width, height, number);
    const timer = setInterval(() => drawNumbered(ctx2d, width, height, ++number), 1000 / fps);
    const track = canvas.captureStream(fps).getVideoTracks()[0];
    return { track, stop: () => { clearInterval(timer); track.stop(); } };
  }

  function addNumberedVideo(peer, width, height, fps) {
    const numbered = numberedTrack(width, height, fps);
    peer.drawing = numbered;
    return peer.pc.addTrack(numbered.track, new MediaStream([numbered.track]));
  }

  window.browserPeers = {
    // A canvas track of numbered pictures kept under `name`, for the page's own code (track(name)).
    startNumberedTrack(name, width, height, fps) {
      tracks.set(name, numberedTrack(width, height, fps));
      return true;
    },
    track(name) {
      return tracks.get(name).track;
    },
    // Starts reading the numbers of the pictures the <video> with this id presents.
    watchVideoElement(elementId) {
      watched.set(elementId, watchElement(document.getElementById(elementId)));
      return true;
    },
    watchedVideo(elementId) {
      const r = watched.get(elementId);
      return r ? { numbers: r.numbers.slice(), colours: r.colours.slice(), width: r.width, height: r.height } : null;
    },
    addNumberedVideo(id, width, height, fps) {
      addNumberedVideo(peers.get(id), width, height, fps);
      return true;
    },
    // The numbers read from each received picture of the first video track, and its size.
    videoNumbers(id) {
      const video = peers.get(id).videos[0];
      return video ? { numbers: video.numbers.slice(), width: video.width, height: video.height } : null;
    },
    // Prefers one video codec in every video transceiver's next offer or answer (mime type, e.g. video/VP8).
    preferVideoCodec(id, mimeType) {
      const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
      const preferred = codecs.filter((c) => c.mimeType.toLowerCase() === mimeType.toLowerCase());
      if (!preferred.length) return false;
      const rest = codecs.filter((c) => c.mimeType.toLowerCase() !== mimeType.toLowerCase());
      for (const t of peers.get(id).pc.getTransceivers()) {
        if (t.receiver.track.kind === 'video') t.setCodecPreferences(preferred.concat(rest));
      }
      return true;
    },
    videoCodecs() {
      return RTCRtpReceiver.getCapabilities('video').codecs.map((c) => c.mimeType + (c.sdpFmtpLine ? ';' + c.sdpFmtpLine : ''));
    },
    addTransceiver(id, kind, direction) {
      peers.get(id).pc.addTransceiver(kind, { direction: direction || 'sendrecv' });
      return true;
    },
    addTone(id, frequency) {
      addTone(peers.get(id), frequency);
      return true;
    },
    async answerWithTone(id, offerSdp, frequency) {
      const pc = peers.get(id).pc;
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      addTone(peers.get(id), frequency);
      await pc.setLocalDescription(await pc.createAnswer());
      return pc.localDescription.sdp;
    },
    // The frequency with the most energy in the first received track, refined by a parabolic fit
    // of the log magnitudes around the peak bin; null before a track or any sound arrived.
    async receivedFrequency(id) {
      await context().resume();
      const peer = peers.get(id);
      if (!peer.tracks.length) return null;
      const analyser = peer.tracks[0].analyser;
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      let peak = 1;
      for (let i = 2; i < bins.length - 1; i++) if (bins[i] > bins[peak]) peak = i;
      if (!isFinite(bins[peak]) || bins[peak] < -80) return null;
      const a = bins[peak - 1], b = bins[peak], c = bins[peak + 1];
      const shift = (a - 2 * b + c) === 0 ? 0 : 0.5 * (a - c) / (a - 2 * b + c);
      return (peak + shift) * context().sampleRate / analyser.fftSize;
    },
    trackCount(id) {
      return peers.get(id).tracks.length;
    },
    // The page's own W3C stats of its RTP streams (and transport), as plain objects.
    async rtpStats(id) {
      const report = await peers.get(id).pc.getStats();
      const out = [];
      report.forEach((s) => {
        if (['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'transport'].includes(s.type)) {
          out.push(JSON.parse(JSON.stringify(s)));
        }
      });
      return out;
    },
    localSdp(id) {
      return peers.get(id).pc.localDescription ? peers.get(id).pc.localDescription.sdp : null;
    },
    create(id, echo) {
      const pc = new RTCPeerConnection();
      const peer = { pc, candidates: [], channels: new Map(), echo: !!echo, states: [], tracks: [], videos: [] };
      pc.onicecandidate = (e) => peer.candidates.push(e.candidate ? e.candidate.toJSON() : null);
      pc.onconnectionstatechange = () => peer.states.push(pc.connectionState);
      pc.ondatachannel = (e) => watchChannel(peer, e.channel);
      pc.ontrack = (e) => listen(peer, e);
      peers.set(id, peer);
      return true;
    },
    createChannel(id, label, init) {
      const peer = peers.get(id);
      watchChannel(peer, peer.pc.createDataChannel(label, init || {}));
      return true;
    },
    async offer(id) {
      const pc = peers.get(id).pc;
      await pc.setLocalDescription(await pc.createOffer());
      return pc.localDescription.sdp;
    },
    async answer(id, offerSdp) {
      const pc = peers.get(id).pc;
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await pc.setLocalDescription(await pc.createAnswer());
      return pc.localDescription.sdp;
    },
    async acceptAnswer(id, answerSdp) {
      await peers.get(id).pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      return true;
    },
    async addCandidate(id, candidate) {
      await peers.get(id).pc.addIceCandidate(candidate);
      return true;
    },
    takeCandidates(id) {
      const peer = peers.get(id);
      const taken = peer.candidates;
      peer.candidates = [];
      return taken;
    },
    connectionState(id) {
      return peers.get(id).pc.connectionState;
    },
    channelEvents(id, label) {
      const record = peers.get(id).channels.get(label);
      return record ? record.events.slice() : null;
    },
    channelInfo(id, label) {
      const record = peers.get(id).channels.get(label);
      if (!record) return null;
      const c = record.channel;
      return { id: c.id, ordered: c.ordered, maxRetransmits: c.maxRetransmits, maxPacketLifeTime: c.maxPacketLifeTime,
               protocol: c.protocol, negotiated: c.negotiated, readyState: c.readyState };
    },
    received(id, label) {
      const record = peers.get(id).channels.get(label);
      return record ? record.received.slice() : null;
    },
    send(id, label, messages) {
      const channel = peers.get(id).channels.get(label).channel;
      for (const m of messages) channel.send(m.kind === 'text' ? m.data : fromBase64(m.base64));
      return channel.bufferedAmount;
    },
    // Bulk transfers for benchmarks: count received bytes instead of recording messages.
    countOnly(id, label) {
      peers.get(id).channels.get(label).countOnly = true;
      return true;
    },
    counted(id, label) {
      const record = peers.get(id).channels.get(label);
      return { bytes: record.bytes, messages: record.messages };
    },
    async sendBulk(id, label, messageBytes, totalBytes) {
      const channel = peers.get(id).channels.get(label).channel;
      const payload = new Uint8Array(messageBytes);
      for (let i = 0; i < payload.length; i++) payload[i] = i & 0xff;
      channel.bufferedAmountLowThreshold = 1024 * 1024;
      let sent = 0;
      await new Promise((resolve) => {
        const pump = () => {
          while (sent < totalBytes && channel.bufferedAmount < 4 * 1024 * 1024) {
            channel.send(payload);
            sent += messageBytes;
          }
          if (sent >= totalBytes) resolve();
        };
        channel.onbufferedamountlow = pump;
        pump();
      });
      return sent;
    },
    closeChannel(id, label) {
      peers.get(id).channels.get(label).channel.close();
      return true;
    },
    close(id) {
      const peer = peers.get(id);
      if (peer && peer.drawing) peer.drawing.stop();
      if (peer) peer.pc.close();
      peers.delete(id);
      return true;
    },
  };
  return true;
})();
