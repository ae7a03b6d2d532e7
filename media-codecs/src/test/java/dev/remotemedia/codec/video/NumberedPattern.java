package dev.remotemedia.codec.video;

import dev.remotemedia.testing.NumberedPicture;

/**
 * A synthetic test picture that carries its frame number: a row of 16 big blocks across the middle,
 * black for 0 and white for 1, most significant bit first, over a moving textured background that
 * gives the encoders real work. The blocks survive lossy coding, so every decoded picture can say
 * which frame it is.
 */
final class NumberedPattern {
    private NumberedPattern() {}

    static final int BITS = NumberedPicture.BITS;

    static VideoFrame frame(int number, int width, int height, long timestampMicros) {
        final VideoFrame frame = VideoFrame.allocate(width, height, timestampMicros);
        NumberedPicture.draw(number, width, height, frame.dataY(), frame.dataU(), frame.dataV());
        return frame;
    }

    /** Reads the number back from the middle of each block; -1 if a block is neither dark nor light. */
    static int read(VideoFrame frame) {
        return NumberedPicture.read(frame::lumaAt, frame.width(), frame.height());
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
