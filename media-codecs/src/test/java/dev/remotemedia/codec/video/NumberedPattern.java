package dev.remotemedia.codec.video;

/**
 * A synthetic test picture that carries its frame number: a row of 16 big blocks across the middle,
 * black for 0 and white for 1, most significant bit first, over a moving textured background that
 * gives the encoders real work. The blocks survive lossy coding, so every decoded picture can say
 * which frame it is.
 */
final class NumberedPattern {
    private NumberedPattern() {}

    static final int BITS = 16;

    static VideoFrame frame(int number, int width, int height, long timestampMicros) {
        final VideoFrame frame = VideoFrame.allocate(width, height, timestampMicros);
        final byte[] y = frame.dataY();
        for (int row = 0; row < height; row++) {
            for (int x = 0; x < width; x++) {
                // Detail that moves: a diagonal ramp plus a texture that scrolls 2 px a frame.
                final int sx = x + 2 * number;
                final int texture = ((sx * 7) ^ (row * 13)) & 31;
                y[row * width + x] = (byte) (60 + ((sx + row) & 127) + texture);
            }
        }
        final int cw = frame.chromaWidth();
        for (int row = 0; row < frame.chromaHeight(); row++) {
            for (int x = 0; x < cw; x++) {
                frame.dataU()[row * cw + x] = (byte) (96 + ((x + number) & 63));
                frame.dataV()[row * cw + x] = (byte) (96 + ((row * 2 + number) & 63));
            }
        }
        final int blockWidth = width / BITS;
        final int top = bandTop(height);
        final int bottom = bandBottom(height);
        for (int bit = 0; bit < BITS; bit++) {
            final boolean one = ((number >> (BITS - 1 - bit)) & 1) != 0;
            for (int row = top; row < bottom; row++) {
                for (int x = bit * blockWidth; x < (bit + 1) * blockWidth; x++) {
                    y[row * width + x] = (byte) (one ? 235 : 16);
                }
            }
            for (int row = top / 2; row < bottom / 2; row++) {
                for (int x = bit * blockWidth / 2; x < (bit + 1) * blockWidth / 2; x++) {
                    frame.dataU()[row * cw + x] = (byte) 128;
                    frame.dataV()[row * cw + x] = (byte) 128;
                }
            }
        }
        return frame;
    }

    /** Reads the number back from the middle of each block; -1 if a block is neither dark nor light. */
    static int read(VideoFrame frame) {
        final int blockWidth = frame.width() / BITS;
        final int top = bandTop(frame.height());
        final int bottom = bandBottom(frame.height());
        int number = 0;
        for (int bit = 0; bit < BITS; bit++) {
            long sum = 0;
            int count = 0;
            for (int row = top + (bottom - top) / 4; row < bottom - (bottom - top) / 4; row++) {
                for (int x = bit * blockWidth + blockWidth / 4; x < (bit + 1) * blockWidth - blockWidth / 4; x++) {
                    sum += frame.lumaAt(x, row);
                    count++;
                }
            }
            final long mean = sum / count;
            if (mean > 80 && mean < 170) {
                return -1;
            }
            number = number << 1 | (mean >= 170 ? 1 : 0);
        }
        return number;
    }

    private static int bandTop(int height) {
        return height * 3 / 8 & ~1;
    }

    private static int bandBottom(int height) {
        return height * 5 / 8 & ~1;
    }

    /** The PSNR of the luma of {@code decoded} against {@code source}, in dB. */
    static double psnr(VideoFrame source, VideoFrame decoded) {
        double squares = 0;
        for (int row = 0; row < source.height(); row++) {
            for (int x = 0; x < source.width(); x++) {
                final int d = source.lumaAt(x, row) - decoded.lumaAt(x, row);
                squares += d * d;
            }
        }
        final double mse = squares / ((double) source.width() * source.height());
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
