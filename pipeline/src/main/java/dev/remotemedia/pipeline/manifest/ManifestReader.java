package dev.remotemedia.pipeline.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.remotemedia.pipeline.manifest.ManifestValidator.RawConnection;
import dev.remotemedia.pipeline.manifest.ManifestValidator.RawNode;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads manifest text (YAML or JSON) into nodes and connections, reporting syntax errors with their
 * line and column and shape errors (missing or mistyped fields, unknown fields) with their path.
 * Input is hostile: its size, nesting depth and YAML aliases are bounded.
 */
final class ManifestReader {
    static final String ID_RULE = "1 to 64 letters, digits, '_' or '-'";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_DEPTH = 32;
    private static final List<String> TOP_FIELDS = List.of("version", "metadata", "nodes", "connections");
    private static final List<String> NODE_FIELDS = List.of("id", "node_type", "params");
    private static final List<String> CONNECTION_FIELDS = List.of("from", "to");

    private static final ObjectMapper JSON;
    private static final ObjectMapper YAML;

    static {
        final StreamReadConstraints constraints = StreamReadConstraints.builder()
                                                                       .maxNestingDepth(MAX_DEPTH)
                                                                       .maxStringLength(ManifestLoader.MAX_CHARS)
                                                                       .maxNumberLength(64)
                                                                       .build();
        JSON = JsonMapper.builder()
                         .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                         .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                         .build();
        JSON.getFactory().setStreamReadConstraints(constraints);
        final LoaderOptions yamlLimits = new LoaderOptions();
        // Aliases are how "billion laughs" documents explode; a manifest has no use for many.
        yamlLimits.setMaxAliasesForCollections(16);
        yamlLimits.setNestingDepthLimit(MAX_DEPTH);
        yamlLimits.setCodePointLimit(ManifestLoader.MAX_CHARS);
        final YAMLFactory yamlFactory = YAMLFactory.builder()
                                                   .loaderOptions(yamlLimits)
                                                   .streamReadConstraints(constraints)
                                                   .build();
        YAML = YAMLMapper.builder(yamlFactory).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private final List<ManifestProblem> problems;
    final List<RawNode> nodes = new ArrayList<>();
    final List<RawConnection> connections = new ArrayList<>();
    final Map<String, String> metadata = new LinkedHashMap<>();
    /** Whether the text was well-formed and its top level could be read. */
    boolean readable;
    /** Whether {@code nodes} was a list; if not, checking connections against it would only add noise. */
    boolean nodesReadable;

    ManifestReader(List<ManifestProblem> problems) {
        this.problems = problems;
    }

    static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /** Reads {@code text}; JSON when it starts with '{', YAML (a superset) otherwise. */
    void read(String text) {
        final String trimmed = text.stripLeading();
        final boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        final JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(new ManifestProblem("manifest", "empty (expected: an object with version, nodes and "
                                                         + "connections)"));
            return;
        }
        if (!root.isObject()) {
            problems.add(new ManifestProblem("manifest", describe(root) + " (expected: an object with version, "
                                                         + "nodes and connections)"));
            return;
        }
        readable = true;
        unknownFields("", root, TOP_FIELDS);
        final JsonNode version = root.get("version");
        if (version == null) {
            problems.add(new ManifestProblem("version", "missing (expected: v1)"));
        } else if (!version.isTextual() || !Manifest.VERSION.equals(version.asText())) {
            problems.add(new ManifestProblem("version", describe(version) + " (expected: v1)"));
        }
        readMetadata(root.get("metadata"));
        readNodes(root.get("nodes"));
        readConnections(root.get("connections"));
    }

    private void readMetadata(@Nullable JsonNode node) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new ManifestProblem("metadata", describe(node) + " (expected: an object)"));
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                metadata.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(new ManifestProblem("metadata." + e.getKey(), describe(e.getValue())
                                                                           + " (expected: a string)"));
            }
        }
    }

    private void readNodes(@Nullable JsonNode list) {
        if (list == null) {
            problems.add(new ManifestProblem("nodes", "missing (expected: a list of nodes)"));
            return;
        }
        if (!list.isArray()) {
            problems.add(new ManifestProblem("nodes", describe(list) + " (expected: a list of nodes)"));
            return;
        }
        nodesReadable = true;
        for (int i = 0; i < list.size(); i++) {
            final String at = "nodes[" + i + ']';
            final JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(new ManifestProblem(at, describe(node) + " (expected: an object with id, node_type "
                                                     + "and params)"));
                continue;
            }
            unknownFields(at + '.', node, NODE_FIELDS);
            final String id = string(at + ".id", node.get("id"), ID_RULE);
            final String type = string(at + ".node_type", node.get("node_type"), "a node type");
            nodes.add(new RawNode(i, id, type, params(at + ".params", node.get("params"))));
        }
    }

    private Map<String, Object> params(String at, @Nullable JsonNode node) {
        final Map<String, Object> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            problems.add(new ManifestProblem(at, describe(node) + " (expected: an object)"));
            return params;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            final JsonNode v = e.getValue();
            if (v.isNull()) {
                problems.add(new ManifestProblem(at + '.' + e.getKey(), "null (expected: a value)"));
            } else {
                params.put(e.getKey(), value(v));
            }
        }
        return params;
    }

    private void readConnections(@Nullable JsonNode list) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(new ManifestProblem("connections", describe(list) + " (expected: a list of connections)"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            final String at = "connections[" + i + ']';
            final JsonNode c = list.get(i);
            if (!c.isObject()) {
                problems.add(new ManifestProblem(at, describe(c) + " (expected: an object with from and to)"));
                continue;
            }
            unknownFields(at + '.', c, CONNECTION_FIELDS);
            connections.add(new RawConnection(i, string(at + ".from", c.get("from"), "a node id"),
                                              string(at + ".to", c.get("to"), "a node id")));
        }
    }

    private @Nullable String string(String at, @Nullable JsonNode node, String expected) {
        if (node == null) {
            problems.add(new ManifestProblem(at, "missing (expected: " + expected + ')'));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new ManifestProblem(at, describe(node) + " (expected: " + expected + ')'));
            return null;
        }
        return node.asText();
    }

    private void unknownFields(String prefix, JsonNode object, List<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            final String name = it.next();
            if (!known.contains(name)) {
                problems.add(new ManifestProblem(prefix + name, "unknown field (expected one of: "
                                                                + String.join(", ", known) + ')'));
            }
        }
    }

    /** A JSON value as a Java param value: Boolean, Long, Double, String, List or Map. */
    private static Object value(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            final List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(e.isNull() ? "null" : value(e)));
            return List.copyOf(list);
        }
        if (v.isObject()) {
            return Map.of();
        }
        return v.asText();
    }

    /** A JSON value as a user wrote it, for messages. */
    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return ManifestValidator.quote(node.textValue());
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.asText();
    }

    private static ManifestProblem syntaxProblem(JsonProcessingException e) {
        final JsonLocation loc = e.getLocation();
        final String where = loc == null ? "manifest"
                                         : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        // Parser messages repeat the location and quote the source; keep the sentences that say what is wrong.
        final StringBuilder what = new StringBuilder();
        for (String line : String.valueOf(e.getOriginalMessage()).split("\n")) {
            final String l = line.strip();
            if (l.isEmpty() || l.startsWith("in 'reader'") || l.startsWith("^") || line.startsWith(" ")
                || l.startsWith("at [Source")) {
                continue;
            }
            if (what.length() > 0) {
                what.append("; ");
            }
            what.append(l);
        }
        return new ManifestProblem(where, "syntax error: " + what);
    }
}
