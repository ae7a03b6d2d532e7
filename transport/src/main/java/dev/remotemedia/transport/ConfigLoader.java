package dev.remotemedia.transport;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link WebRtcTransportConfig} from CLI flag values and environment variables: a flag
 * wins over its environment variable, which wins over the default. An environment variable set to
 * the empty string counts as unset, so {@code HTTP_PORT=} in a compose file means the default.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads a config and lists every problem with it at once: values that do not parse and values
     * out of range.
     *
     * @param flags values given on the command line, by key
     * @param env the environment, such as {@link System#getenv()}
     */
    public static Result load(Map<ConfigKey, String> flags, Map<String, String> env) {
        requireNonNull(flags, "flags");
        requireNonNull(env, "env");
        final WebRtcTransportConfig.Builder builder = WebRtcTransportConfig.builder();
        final List<ConfigProblem> problems = new ArrayList<>();
        final Set<ConfigKey> unparsed = EnumSet.noneOf(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            String text = flags.get(key);
            if (text == null) {
                text = env.get(key.envVar());
                if (text != null && text.isEmpty()) {
                    text = null;
                }
            }
            if (text != null && !key.parseInto(builder, text)) {
                problems.add(new ConfigProblem(key, key.mask(text), key.expected()));
                unparsed.add(key);
            }
        }
        final WebRtcTransportConfig config = builder.build();
        for (ConfigProblem problem : config.validate()) {
            if (!unparsed.contains(problem.key())) {
                problems.add(problem);
            }
        }
        problems.sort(Comparator.comparing(ConfigProblem::key));
        return new Result(config, problems);
    }

    /**
     * What {@link #load} found: the config (keys whose text did not parse keep their defaults) and
     * every problem, in {@link ConfigKey} order.
     */
    public record Result(WebRtcTransportConfig config, List<ConfigProblem> problems) {

        public Result {
            requireNonNull(config, "config");
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return problems.isEmpty();
        }

        /** Returns the config, or throws the exception {@link WebRtcTransportConfig#invalid} makes. */
        public WebRtcTransportConfig requireValid() {
            if (!isValid()) {
                throw WebRtcTransportConfig.invalid(problems);
            }
            return config;
        }
    }
}
