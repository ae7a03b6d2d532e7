package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.signaling.cluster.ClusterOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's options on the command line and in the environment (issue 15). */
class ClusterCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ServerCli.Outcome parse(Map<String, String> env, String... args) {
        return ServerCli.parse(args, env, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void without_a_redis_url_the_server_runs_alone() {
        final ServerCli.Start start = (ServerCli.Start) parse(Map.of());
        assertThat(start.cluster()).isNull();
        assertThat(start.notices()).isEmpty();
    }

    @Test
    void the_environment_names_redis_the_cluster_and_the_node_and_a_flag_wins() {
        final ServerCli.Start start = (ServerCli.Start) parse(
                Map.of("REDIS_URL", "redis://127.0.0.1:6379", "REMOTEMEDIA_CLUSTER", "eu", "REMOTEMEDIA_NODE_ID", "one"),
                "--node-id", "two");
        final ClusterOptions cluster = start.cluster();
        assertThat(cluster).isNotNull();
        assertThat(cluster.redisUrl().toString()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(cluster.cluster()).isEqualTo("eu");
        assertThat(cluster.nodeId()).isEqualTo("two");
    }

    @Test
    void the_defaults_are_cluster_remotemedia_and_a_generated_node_id() {
        final ClusterOptions cluster = ((ServerCli.Start) parse(Map.of(), "--redis-url", "redis://h:1")).cluster();
        assertThat(cluster.cluster()).isEqualTo("remotemedia");
        assertThat(cluster.nodeId()).matches("node-[0-9a-f]{8}");
    }

    @Test
    void bad_values_stop_the_start_with_every_problem_named_and_no_password_shown() {
        assertThat(parse(Map.of("REMOTEMEDIA_CLUSTER", "a b"), "--redis-url", "http://:secret@h:1", "--node-id", "x/y"))
                .isEqualTo(new ServerCli.Exit(ServerCli.EXIT_USAGE));
        assertThat(err.toString())
                .contains("cannot start, 3 problems:")
                .contains("REDIS_URL (--redis-url): 'http://***@h:1' (expected: redis://host:port or rediss://host:port)")
                .contains("REMOTEMEDIA_CLUSTER (--cluster): 'a b' (expected: 1 to 64 letters, digits, '.', '_' or '-')")
                .contains("REMOTEMEDIA_NODE_ID (--node-id): 'x/y'")
                .doesNotContain("secret");
    }

    @Test
    void mode_websocket_cannot_join_a_cluster() {
        assertThat(parse(Map.of("REDIS_URL", "redis://h:1"), "--mode", "websocket"))
                .isEqualTo(new ServerCli.Exit(ServerCli.EXIT_USAGE));
        assertThat(err.toString()).contains("REDIS_URL (--redis-url): mode websocket joins an external signaling server");
    }

    @Test
    void a_cluster_name_without_redis_is_a_notice() {
        final ServerCli.Start start = (ServerCli.Start) parse(Map.of("REMOTEMEDIA_CLUSTER", "eu"));
        assertThat(start.cluster()).isNull();
        assertThat(start.notices()).singleElement().asString()
                .isEqualTo("REMOTEMEDIA_CLUSTER (--cluster) has no effect without REDIS_URL (--redis-url): "
                           + "the server runs alone");
    }

    @Test
    void help_lists_the_cluster_options() {
        parse(Map.of(), "--help");
        assertThat(out.toString()).contains("--redis-url=URL", "REDIS_URL", "--cluster=NAME", "REMOTEMEDIA_CLUSTER",
                                            "--node-id=ID", "REMOTEMEDIA_NODE_ID");
    }
}
