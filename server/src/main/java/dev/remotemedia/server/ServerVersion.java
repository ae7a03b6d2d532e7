package dev.remotemedia.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the build stamped into {@code remotemedia-server.properties}. */
final class ServerVersion {
    private static final String VERSION = load();

    private ServerVersion() {}

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/remotemedia-server.properties")) {
            if (in == null) {
                throw new IllegalStateException("remotemedia-server.properties is missing from the classpath");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
