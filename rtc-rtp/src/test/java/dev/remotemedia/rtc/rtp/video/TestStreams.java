package dev.remotemedia.rtc.rtp.video;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Test streams per codec: frames that look enough like the codec's for the payload formats. */
enum TestStreams {
    H264(H264Packetizer::new, new H264Depacketizer()) {
        @Override
        byte[] frame(boolean keyframe, int size, Random random) {
            final List<byte[]> nals = new ArrayList<>();
            if (keyframe) {
                nals.add(nal(0x67, 0x42, 8, random));
                nals.add(nal(0x68, 0xce, 4, random));
                nals.add(nal(0x65, 0x88, size, random));
            } else {
                nals.add(nal(0x41, 0x9a, size, random));
            }
            return dev.remotemedia.rtc.rtp.video.H264.joinAnnexB(nals);
        }

        private byte[] nal(int header, int second, int size, Random random) {
            final byte[] nal = new byte[2 + size];
            for (int i = 2; i < nal.length; i++) {
                nal[i] = (byte) (1 + random.nextInt(255)); // no zero: no start code emulation
            }
            nal[0] = (byte) header;
            nal[1] = (byte) second;
            return nal;
        }
    },
    VP8(() -> new Vp8Packetizer(1000), new Vp8Depacketizer()) {
        @Override
        byte[] frame(boolean keyframe, int size, Random random) {
            final byte[] frame = Hex.random(random, 1 + size);
            frame[0] = (byte) (keyframe ? 0x10 : 0x11);
            return frame;
        }
    },
    VP9(() -> new Vp9Packetizer(2000), new Vp9Depacketizer()) {
        @Override
        byte[] frame(boolean keyframe, int size, Random random) {
            final byte[] header = Hex.hex(keyframe ? Vp9PayloadTest.KEYFRAME_HEADER : Vp9PayloadTest.DELTA_HEADER);
            final byte[] frame = Hex.random(random, header.length + size);
            System.arraycopy(header, 0, frame, 0, header.length);
            return frame;
        }
    },
    AV1(Av1Packetizer::new, new Av1Depacketizer()) {
        @Override
        byte[] frame(boolean keyframe, int size, Random random) {
            final ByteArrayOutputStream unit = new ByteArrayOutputStream();
            if (keyframe) {
                unit.writeBytes(Av1PayloadTest.obu(Av1Obu.SEQUENCE_HEADER, false, Hex.random(random, 12)));
            }
            unit.writeBytes(Av1PayloadTest.obu(Av1Obu.FRAME, false, Hex.random(random, size)));
            return unit.toByteArray();
        }
    };

    private final Supplier<VideoPacketizer> packetizer;
    private final VideoDepacketizer depacketizer;

    TestStreams(Supplier<VideoPacketizer> packetizer, VideoDepacketizer depacketizer) {
        this.packetizer = packetizer;
        this.depacketizer = depacketizer;
    }

    /** Returns a frame of about {@code size} bytes, as the codec's encoder would write it. */
    abstract byte[] frame(boolean keyframe, int size, Random random);

    VideoPacketizer newPacketizer() {
        return packetizer.get();
    }

    VideoDepacketizer depacketizer() {
        return depacketizer;
    }
}
