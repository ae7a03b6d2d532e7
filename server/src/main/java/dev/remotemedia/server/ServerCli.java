package dev.remotemedia.server;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.cluster.ClusterOptions;
import dev.remotemedia.transport.ConfigKey;
import dev.remotemedia.transport.ConfigLoader;
import dev.remotemedia.transport.ConfigProblem;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code remotemedia-server}. Its options are made from the {@link ConfigKey}
 * table, so {@code --help} lists every option with its environment variable and default, and a new
 * key needs no change here.
 */
final class ServerCli {
    /** Exit code for a bad command line or configuration, as picocli uses for usage errors. */
    static final int EXIT_USAGE = 2;
    static final String MODE_ENV = "REMOTEMEDIA_MODE";
    private static final String MODE_FLAG = "--mode";
    /** Scale-out (issue 15): the cluster's Redis, its name and this node's id; see {@link #cluster}. */
    static final String REDIS_URL_ENV = "REDIS_URL";
    static final String REDIS_URL_FLAG = "--redis-url";
    static final String CLUSTER_ENV = "REMOTEMEDIA_CLUSTER";
    static final String CLUSTER_FLAG = "--cluster";
    static final String NODE_ID_ENV = "REMOTEMEDIA_NODE_ID";
    static final String NODE_ID_FLAG = "--node-id";
    /** Keys that are validated but do nothing in this build (README "Limits"); see {@link #notices}. */
    private static final Set<ConfigKey> NO_EFFECT_YET = EnumSet.of(
            ConfigKey.AUDIO_CODEC, ConfigKey.VIDEO_CODEC, ConfigKey.VIDEO_RESOLUTION, ConfigKey.ENABLE_DATA_CHANNEL,
            ConfigKey.MAX_CONNECTION_ATTEMPTS, ConfigKey.ENABLE_KEEPALIVE);
    /** Keys that only mode {@code websocket} uses: the external signaling server and how to reach it. */
    private static final Set<ConfigKey> WEBSOCKET_MODE_ONLY = EnumSet.of(
            ConfigKey.SIGNALING_URL, ConfigKey.RECONNECT_INITIAL_DELAY_MS, ConfigKey.RECONNECT_BACKOFF_FACTOR,
            ConfigKey.RECONNECT_MAX_DELAY_MS, ConfigKey.RECONNECT_MAX_ATTEMPTS);
    /** Keys that only the built-in signaling (modes {@code server} and {@code grpc}) uses. */
    private static final Set<ConfigKey> SERVER_MODE_ONLY = EnumSet.of(ConfigKey.SIGNALING_ALLOWED_ORIGINS);
    /** Keys whose values are secrets: {@link #scrubSecrets} masks them in picocli's messages. */
    private static final Set<ConfigKey> SECRET_KEYS = EnumSet.of(ConfigKey.TURN_SERVERS, ConfigKey.SIGNALING_AUTH_TOKEN);
    /** Keys that only gRPC signaling uses (mode {@code grpc}, or {@code --enable-grpc-signaling}). */
    private static final Set<ConfigKey> GRPC_ONLY = EnumSet.of(ConfigKey.GRPC_SIGNALING_ADDRESS);
    /** Added to the help of keys that need more than their own value. */
    private static final Map<ConfigKey, String> HELP_NOTES = Map.of(
            ConfigKey.ENABLE_GRPC_SIGNALING, " Mode grpc turns it on; mode websocket cannot have it.");

    private ServerCli() {}

    /** What to do after parsing: exit with a code, or start. */
    sealed interface Outcome permits Exit, Start {}

    record Exit(int code) implements Outcome {}

    /**
     * Start with {@code config}; {@code notices} name options that are set but do nothing yet;
     * {@code cluster} is the cluster to join, or {@code null} to run alone (no {@code REDIS_URL}).
     */
    record Start(WebRtcTransportConfig config, ServerMode mode, List<String> notices, @Nullable ClusterOptions cluster)
            implements Outcome {
        Start {
            notices = List.copyOf(notices);
        }

        Start(WebRtcTransportConfig config, ServerMode mode, List<String> notices) {
            this(config, mode, notices, null);
        }
    }

    /** Parses {@code args} and {@code env}; prints help, version and every problem found. */
    static Outcome parse(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        final CommandSpec spec = spec();
        final CommandLine commandLine = new CommandLine(spec);
        final ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("remotemedia-server: " + scrubSecrets(String.valueOf(e.getMessage()), args));
            err.println("Run remotemedia-server --help for the options.");
            err.flush();
            return new Exit(EXIT_USAGE);
        }
        if (parsed.isUsageHelpRequested()) {
            commandLine.usage(out);
            out.flush();
            return new Exit(0);
        }
        if (parsed.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            out.flush();
            return new Exit(0);
        }

        final List<String> problems = new ArrayList<>();
        final ServerMode mode = mode(parsed, env, problems);
        final Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (parsed.hasMatchedOption(key.flag())) {
                flags.put(key, parsed.matchedOptionValue(key.flag(), ""));
            }
        }
        final ConfigLoader.Result loaded = ConfigLoader.load(flags, env);
        for (ConfigProblem problem : loaded.problems()) {
            problems.add(problem.toString());
        }
        final Set<ConfigKey> bad = EnumSet.noneOf(ConfigKey.class);
        loaded.problems().forEach(problem -> bad.add(problem.key()));
        if (mode != null) {
            problems.addAll(modeConflicts(loaded.config(), mode, bad));
        }
        final List<String> clusterNotices = new ArrayList<>();
        final ClusterOptions cluster = cluster(parsed, env, mode, problems, clusterNotices);
        if (!problems.isEmpty() || mode == null) {
            err.println("remotemedia-server: cannot start, " + problems.size()
                        + (problems.size() == 1 ? " problem:" : " problems:"));
            problems.forEach(p -> err.println("  " + p));
            err.flush();
            return new Exit(EXIT_USAGE);
        }
        final List<String> notices = new ArrayList<>(notices(loaded.config(), mode));
        notices.addAll(clusterNotices);
        return new Start(loaded.config(), mode, notices, cluster);
    }

    /** A flag's value, else its environment variable's (empty counts as unset), else {@code null}. */
    private static @Nullable String option(ParseResult parsed, Map<String, String> env, String flag, String envVar) {
        if (parsed.hasMatchedOption(flag)) {
            return parsed.matchedOptionValue(flag, "");
        }
        final String value = env.get(envVar);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The cluster to join: {@code null} without a Redis URL (the server runs alone, as by default). */
    private static @Nullable ClusterOptions cluster(ParseResult parsed, Map<String, String> env, @Nullable ServerMode mode,
                                                   List<String> problems, List<String> notices) {
        final String url = option(parsed, env, REDIS_URL_FLAG, REDIS_URL_ENV);
        final String name = option(parsed, env, CLUSTER_FLAG, CLUSTER_ENV);
        final String node = option(parsed, env, NODE_ID_FLAG, NODE_ID_ENV);
        if (url == null) {
            if (name != null || node != null) {
                notices.add((name != null ? CLUSTER_ENV + " (" + CLUSTER_FLAG + ")" : NODE_ID_ENV + " (" + NODE_ID_FLAG + ")")
                            + " has no effect without " + REDIS_URL_ENV + " (" + REDIS_URL_FLAG + "): the server runs alone");
            }
            return null;
        }
        final int before = problems.size();
        try {
            ClusterOptions.redisUri(url);
        } catch (IllegalArgumentException e) {
            problems.add(REDIS_URL_ENV + " (" + REDIS_URL_FLAG + "): " + e.getMessage());
        }
        if (name != null && !ClusterOptions.isValidName(name)) {
            problems.add(CLUSTER_ENV + " (" + CLUSTER_FLAG + "): '" + name
                         + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
        }
        if (node != null && !ClusterOptions.isValidName(node)) {
            problems.add(NODE_ID_ENV + " (" + NODE_ID_FLAG + "): '" + node
                         + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
        }
        if (mode == ServerMode.WEBSOCKET) {
            problems.add(REDIS_URL_ENV + " (" + REDIS_URL_FLAG + "): mode websocket joins an external signaling server "
                         + "and serves no signaling of its own to share; use mode server or grpc for a cluster");
        }
        if (problems.size() > before) {
            return null;
        }
        return ClusterOptions.of(url, name == null ? ClusterOptions.DEFAULT_CLUSTER : name, node);
    }

    /**
     * Options that are accepted and validated, so deployments can be configured ahead, but have no
     * effect in this build (README "Limits") or in this mode; a notice for each one set to other
     * than its default.
     */
    private static List<String> notices(WebRtcTransportConfig config, ServerMode mode) {
        final WebRtcTransportConfig defaults = WebRtcTransportConfig.defaults();
        final List<String> notices = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.format(config).equals(key.format(defaults))) {
                continue;
            }
            final String set = key.envVar() + " (" + key.flag() + ") = " + key.display(config);
            if (NO_EFFECT_YET.contains(key)) {
                notices.add(set + " has no effect yet: this build carries data channels only (README, Limits)");
            } else if (mode != ServerMode.WEBSOCKET && WEBSOCKET_MODE_ONLY.contains(key)) {
                notices.add(set + " has no effect in mode " + mode.cliName() + ": only mode websocket joins "
                            + "an external signaling server");
            } else if (!mode.hasOwnSignaling() && SERVER_MODE_ONLY.contains(key)) {
                notices.add(set + " has no effect in mode " + mode.cliName()
                            + ": only modes server and grpc run signaling of their own");
            } else if (GRPC_ONLY.contains(key) && !grpcSignaling(config, mode)) {
                notices.add(set + " has no effect: gRPC signaling is off (turn it on with "
                            + ConfigKey.ENABLE_GRPC_SIGNALING.envVar() + " or mode grpc)");
            }
        }
        return notices;
    }

    /**
     * Picocli quotes the arguments it could not use; when those may hold secrets (TURN credentials,
     * the signaling auth token), they are masked: every argument after a secret option's flag that
     * is not itself an option, the value of {@code --flag=value}, and any text that looks like a
     * {@code turn:} URI.
     */
    static String scrubSecrets(String message, String[] args) {
        String scrubbed = message;
        ConfigKey afterSecretFlag = null;
        for (String arg : args) {
            final boolean isOption = arg.startsWith("-");
            ConfigKey inline = null;
            for (ConfigKey key : SECRET_KEYS) {
                // Also a mistyped flag (--auth-tokens=...): its value is still a secret.
                if (arg.startsWith(key.flag()) && arg.indexOf('=') > 0) {
                    inline = key;
                }
            }
            if (inline != null) {
                scrubbed = replaceIfSecret(scrubbed, arg.substring(arg.indexOf('=') + 1), inline);
            } else if (afterSecretFlag != null && !isOption) {
                scrubbed = replaceIfSecret(scrubbed, arg, afterSecretFlag);
            }
            if (isOption) {
                afterSecretFlag = null;
                for (ConfigKey key : SECRET_KEYS) {
                    if (arg.equals(key.flag())) {
                        afterSecretFlag = key;
                    }
                }
            }
        }
        return ConfigKey.maskCredentials(scrubbed);
    }

    private static String replaceIfSecret(String message, String value, ConfigKey key) {
        if (value.isEmpty()) {
            return message;
        }
        if (key == ConfigKey.TURN_SERVERS) {
            return message.replace(value, key.mask(value));
        }
        // A token may be short enough to occur inside ordinary words: mask it only where picocli
        // quotes it, alone ('value') or as the end of an argument (--flag=value').
        return message.replace('\'' + value + '\'', "'***'").replace('=' + value + '\'', "=***'");
    }

    /** Whether the server serves gRPC signaling: mode grpc, or mode server with it enabled. */
    static boolean grpcSignaling(WebRtcTransportConfig config, ServerMode mode) {
        return mode == ServerMode.GRPC || mode == ServerMode.SERVER && config.grpcSignalingEnabled();
    }

    /** Options that the chosen mode cannot honour. */
    private static List<String> modeConflicts(WebRtcTransportConfig config, ServerMode mode, Set<ConfigKey> alreadyBad) {
        final List<String> problems = new ArrayList<>();
        if (mode == ServerMode.WEBSOCKET && config.grpcSignalingEnabled()
            && !alreadyBad.contains(ConfigKey.ENABLE_GRPC_SIGNALING)) {
            problems.add(ConfigKey.ENABLE_GRPC_SIGNALING.envVar() + " (" + ConfigKey.ENABLE_GRPC_SIGNALING.flag()
                         + "): mode websocket joins an external signaling server and serves no signaling of its "
                         + "own; use mode server or grpc for gRPC signaling");
        }
        return problems;
    }

    private static @Nullable ServerMode mode(ParseResult parsed, Map<String, String> env, List<String> problems) {
        // As with every option, an empty environment variable is unset but an empty flag is a value.
        String text = parsed.hasMatchedOption(MODE_FLAG) ? parsed.matchedOptionValue(MODE_FLAG, "") : env.get(MODE_ENV);
        if (text == null || text.isEmpty() && !parsed.hasMatchedOption(MODE_FLAG)) {
            text = ServerMode.SERVER.cliName();
        }
        final ServerMode mode = ServerMode.fromCliName(text);
        final String where = MODE_ENV + " (" + MODE_FLAG + "): '" + text + "' ";
        if (mode == null) {
            problems.add(where + "(expected: one of: " + ServerMode.available() + ')');
            return null;
        }
        return mode;
    }

    static CommandSpec spec() {
        final WebRtcTransportConfig defaults = WebRtcTransportConfig.defaults();
        final CommandSpec spec = CommandSpec.create()
                .name("remotemedia-server")
                .version("remotemedia-server " + ServerVersion.get(),
                         "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ')')
                .mixinStandardHelpOptions(true);
        spec.usageMessage()
            .description("Real-time media transport and pipeline server: WebRTC to server-side processing.",
                         "Every option can also be set by the environment variable named beside it;",
                         "a flag wins over its variable, which wins over the default.")
            .sortOptions(false)
            .width(110);
        spec.addOption(OptionSpec.builder(MODE_FLAG)
                                 .paramLabel("MODE")
                                 .type(String.class)
                                 .description(escape("What the server does: " + ServerMode.available()
                                                     + " (grpc: server with gRPC signaling on)."
                                                     + " Env: " + MODE_ENV + ". Default: server."))
                                 .build());
        spec.addOption(OptionSpec.builder(REDIS_URL_FLAG).paramLabel("URL").type(String.class)
                .description(escape("Join a cluster of servers on this Redis (redis://host:port): peers on every "
                                    + "server are one namespace. Env: " + REDIS_URL_ENV + ". Default: none (run alone)."))
                .build());
        spec.addOption(OptionSpec.builder(CLUSTER_FLAG).paramLabel("NAME").type(String.class)
                .description(escape("The cluster's name; servers of one name share peers. Env: " + CLUSTER_ENV
                                    + ". Default: " + ClusterOptions.DEFAULT_CLUSTER + '.'))
                .build());
        spec.addOption(OptionSpec.builder(NODE_ID_FLAG).paramLabel("ID").type(String.class)
                .description(escape("This server's id in the cluster, unique among live ones. Env: " + NODE_ID_ENV
                                    + ". Default: generated."))
                .build());
        for (ConfigKey key : ConfigKey.values()) {
            final boolean flagLike = "true or false".equals(key.expected());
            final OptionSpec.Builder option = OptionSpec.builder(key.flag())
                    .paramLabel(flagLike ? "BOOL" : paramLabel(key))
                    .type(String.class)
                    .description(escape(key.description() + " Values: " + key.expected() + ". Env: "
                                        + key.envVar() + ". Default: " + key.display(defaults) + '.'
                                        + HELP_NOTES.getOrDefault(key, "")));
            if (flagLike) {
                // `--enable-data-channel` alone means true; `--enable-data-channel false` turns it off.
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
        return spec;
    }

    private static String paramLabel(ConfigKey key) {
        final String flag = key.flag().substring(2);
        return flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** Picocli formats descriptions with {@code String.format}: a literal '%' must be doubled. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
