package dev.remotemedia.benchmarks;

/** Benchmark command-line arguments: {@code --name N} or {@code --name=N}. */
final class Args {
    private Args() {}

    /**
     * Reads an integer argument. Maven passes {@code -Dbench.args="..."} as one argument, so the
     * arguments are split on white space first.
     */
    static int intArg(String[] args, String name, int defaultValue) {
        final String[] words = String.join(" ", args).strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith(name + '=')) {
                return Integer.parseInt(words[i].substring(name.length() + 1));
            }
            if (words[i].equals(name) && i + 1 < words.length) {
                return Integer.parseInt(words[i + 1]);
            }
        }
        return defaultValue;
    }

    /** Reads a text argument. */
    static String stringArg(String[] args, String name, String defaultValue) {
        final String[] words = String.join(" ", args).strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith(name + '=')) {
                return words[i].substring(name.length() + 1);
            }
            if (words[i].equals(name) && i + 1 < words.length) {
                return words[i + 1];
            }
        }
        return defaultValue;
    }
}
