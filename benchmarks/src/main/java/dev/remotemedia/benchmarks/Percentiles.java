package dev.remotemedia.benchmarks;

import java.util.Arrays;

/** Order statistics of a sample; machines here are noisy, so figures are quoted as medians. */
record Percentiles(int count, double min, double p10, double median, double p90, double max) {

    static Percentiles of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("sample: empty (expected: at least one value)");
        }
        final double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, sorted[0], at(sorted, 0.10), at(sorted, 0.50), at(sorted, 0.90),
                               sorted[sorted.length - 1]);
    }

    /** The {@code quantile} (0..1) of {@code sample}, by linear interpolation between closest ranks. */
    static double quantile(double[] sample, double quantile) {
        final double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return at(sorted, quantile);
    }

    /** Linear interpolation between closest ranks. */
    private static double at(double[] sorted, double quantile) {
        final double rank = quantile * (sorted.length - 1);
        final int low = (int) Math.floor(rank);
        final int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
