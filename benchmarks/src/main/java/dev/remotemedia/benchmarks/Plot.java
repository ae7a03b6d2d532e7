package dev.remotemedia.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A scatter/line chart of one or more series written as a PNG, for figures in docs/ that people
 * would rather look at than read (headless Java2D, no library).
 */
final class Plot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
                                           new Color(0x9467bd)};
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> horizontalLines = new ArrayList<>();
    private final List<String> lineLabels = new ArrayList<>();

    private record Series(String name, double[] x, double[] y) {}

    Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    Plot series(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y));
        return this;
    }

    /** A dashed horizontal line at {@code y}, such as a target. */
    Plot line(String label, double y) {
        horizontalLines.add(new double[] {y});
        lineLabels.add(label);
        return this;
    }

    void write(Path file) {
        final int width = 960;
        final int height = 480;
        final int left = 70;
        final int right = 20;
        final int top = 40;
        final int bottom = 50;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double v : s.x) {
                minX = Math.min(minX, v);
                maxX = Math.max(maxX, v);
            }
            for (double v : s.y) {
                maxY = Math.max(maxY, v);
            }
        }
        for (double[] line : horizontalLines) {
            maxY = Math.max(maxY, line[0]);
        }
        maxY = niceCeiling(maxY * 1.05);
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final int plotWidth = width - left - right;
        final int plotHeight = height - top - bottom;
        g.setColor(new Color(0xeeeeee));
        for (int i = 0; i <= 5; i++) {
            final int y = top + plotHeight - i * plotHeight / 5;
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", maxY * i / 5), 10, y + 4);
            g.setColor(new Color(0xeeeeee));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, plotWidth, plotHeight);
        for (int i = 0; i <= 5; i++) {
            final int x = left + i * plotWidth / 5;
            g.drawString(String.format("%.0f", minX + (maxX - minX) * i / 5), x - 10, top + plotHeight + 16);
        }
        g.drawString(xLabel, left + plotWidth / 2 - 40, height - 12);
        g.drawString(yLabel, 10, top - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left + 10, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < horizontalLines.size(); i++) {
            final int y = top + plotHeight - (int) Math.round(horizontalLines.get(i)[0] / maxY * plotHeight);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(left, y, left + plotWidth, y);
            g.drawString(lineLabels.get(i), left + plotWidth - 160, y - 4);
        }
        g.setStroke(new BasicStroke(1));
        for (int s = 0; s < series.size(); s++) {
            final Series one = series.get(s);
            g.setColor(COLORS[s % COLORS.length]);
            for (int i = 0; i < one.x.length; i++) {
                final int x = left + (int) Math.round((one.x[i] - minX) / (maxX - minX) * plotWidth);
                final int y = top + plotHeight - (int) Math.round(Math.min(one.y[i], maxY) / maxY * plotHeight);
                g.fillOval(x - 2, y - 2, 4, 4);
            }
            g.fillRect(left + 12, top + 10 + 16 * s, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(one.name, left + 28, top + 19 + 16 * s);
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
