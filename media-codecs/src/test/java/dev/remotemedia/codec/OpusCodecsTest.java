package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpusCodecsTest {

    @Test
    void bothImplementationsAreAvailableWithTheFfmpegNatives() {
        assertThat(OpusCodecs.unavailableReason(OpusImplementation.CONCENTUS)).isNull();
        assertThat(OpusCodecs.unavailableReason(OpusImplementation.LIBOPUS)).isNull();
        try (OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.of(1));
             OpusDecoder decoder = OpusCodecs.decoder(1)) {
            assertThat(encoder.implementation()).isEqualTo(OpusCodecs.implementation());
            assertThat(decoder.implementation()).isEqualTo(OpusCodecs.implementation());
        }
    }

    @Test
    void aSystemPropertyOverridesTheDefault() {
        try {
            System.setProperty(OpusCodecs.IMPLEMENTATION_PROPERTY, "concentus");
            assertThat(OpusCodecs.implementation()).isEqualTo(OpusImplementation.CONCENTUS);
            try (OpusDecoder decoder = OpusCodecs.decoder(2)) {
                assertThat(decoder.implementation()).isEqualTo(OpusImplementation.CONCENTUS);
            }
            System.setProperty(OpusCodecs.IMPLEMENTATION_PROPERTY, "LIBOPUS");
            assertThat(OpusCodecs.implementation()).isEqualTo(OpusImplementation.LIBOPUS);
            System.setProperty(OpusCodecs.IMPLEMENTATION_PROPERTY, "opus-java");
            assertThatThrownBy(OpusCodecs::implementation)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dev.remotemedia.opus.implementation: opus-java (expected: CONCENTUS or LIBOPUS)");
        } finally {
            System.clearProperty(OpusCodecs.IMPLEMENTATION_PROPERTY);
        }
    }

    @Test
    void decoderChannelsAreChecked() {
        assertThatThrownBy(() -> OpusCodecs.decoder(0)).isInstanceOf(IllegalArgumentException.class)
                                                       .hasMessage("channels: 0 (expected: 1 or 2)");
    }

    /**
     * A data-only application has no FFmpeg jars: the codecs still load, Concentus is the default, and
     * asking for libopus fails with the reason. Run in a class loader that sees this module and
     * Concentus but not org.bytedeco.
     */
    @Test
    void withoutFfmpegOnTheClasspathConcentusIsTheDefaultAndLibopusSaysWhy() throws Exception {
        final List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("bytedeco")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
                                                        ClassLoader.getPlatformClassLoader())) {
            final Class<?> codecs = loader.loadClass(OpusCodecs.class.getName());
            final Class<?> implementations = loader.loadClass(OpusImplementation.class.getName());
            final Object libopus = implementations.getField("LIBOPUS").get(null);
            assertThat(codecs.getMethod("implementation").invoke(null)).hasToString("CONCENTUS");
            assertThat((String) codecs.getMethod("unavailableReason", implementations).invoke(null, libopus))
                    .startsWith("FFmpeg is not on the classpath: add org.bytedeco:ffmpeg");
            final Method decoder = codecs.getMethod("decoder", int.class, implementations);
            assertThatThrownBy(() -> decoder.invoke(null, 1, libopus))
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("LIBOPUS is not available: FFmpeg is not on the classpath");
            final Object concentus = codecs.getMethod("decoder", int.class).invoke(null, 1);
            assertThat(concentus.getClass().getSimpleName()).isEqualTo("ConcentusOpusDecoder");
        }
    }
}
