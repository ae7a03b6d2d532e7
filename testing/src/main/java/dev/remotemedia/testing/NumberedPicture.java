package dev.remotemedia.testing;

/**
 * A synthetic I420 test picture that carries its frame number, so that video is checked by content:
 * a row of 16 big blocks across the middle, black for 0 and white for 1, most significant bit
 * first, over a moving textured background that gives encoders real work. The blocks survive lossy
 * coding and scaling, so every decoded picture says which frame it is.
 *
 * <p>Works on plain planes (tightly packed: luma {@code width × height}, each chroma plane
 * {@code ceil(width/2) × ceil(height/2)}), so it serves any module's picture type.
 */
public final class NumberedPicture {
    private NumberedPicture() {}

    /** How many bits of the number the picture shows. */
    public static final int BITS = 16;

    /** Draws frame {@code number} into the planes. */
    public static void draw(int number, int width, int height, byte[] y, byte[] u, byte[] v) {
        for (int row = 0; row < height; row++) {
            for (int x = 0; x < width; x++) {
                // Detail that moves: a diagonal ramp plus a texture that scrolls 2 px a frame.
                final int sx = x + 2 * number;
                final int texture = ((sx * 7) ^ (row * 13)) & 31;
                y[row * width + x] = (byte) (60 + ((sx + row) & 127) + texture);
            }
        }
        final int cw = (width + 1) / 2;
        final int ch = (height + 1) / 2;
        for (int row = 0; row < ch; row++) {
            for (int x = 0; x < cw; x++) {
                u[row * cw + x] = (byte) (96 + ((x + number) & 63));
                v[row * cw + x] = (byte) (96 + ((row * 2 + number) & 63));
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
                    u[row * cw + x] = (byte) 128;
                    v[row * cw + x] = (byte) 128;
                }
            }
        }
    }

    /** The luma of a picture, whatever its layout. */
    @FunctionalInterface
    public interface Luma {
        int at(int x, int row);
    }

    /** Reads the number back from the middle of each block; -1 if a block is neither dark nor light. */
    public static int read(Luma luma, int width, int height) {
        final int blockWidth = width / BITS;
        final int top = bandTop(height);
        final int bottom = bandBottom(height);
        int number = 0;
        for (int bit = 0; bit < BITS; bit++) {
            long sum = 0;
            int count = 0;
            for (int row = top + (bottom - top) / 4; row < bottom - (bottom - top) / 4; row++) {
                for (int x = bit * blockWidth + blockWidth / 4; x < (bit + 1) * blockWidth - blockWidth / 4; x++) {
                    sum += luma.at(x, row);
                    count++;
                }
            }
            final long mean = count == 0 ? 0 : sum / count;
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
}
