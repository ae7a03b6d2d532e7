package dev.remotemedia.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine a figure was measured on. */
final class MachineInfo {
    private MachineInfo() {}

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                       .filter(line -> line.startsWith("model name"))
                       .map(line -> line.substring(line.indexOf(':') + 1).strip())
                       .findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // Not Linux: the CPU stays unknown.
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
               + System.getProperty("os.name") + ' ' + System.getProperty("os.arch")
               + ", Java " + Runtime.version();
    }
}
