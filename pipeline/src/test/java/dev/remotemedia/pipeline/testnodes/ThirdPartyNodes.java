package dev.remotemedia.pipeline.testnodes;

import dev.remotemedia.pipeline.data.JsonData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.node.FilterNode;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeProvider;
import dev.remotemedia.pipeline.node.ParamSpec;
import dev.remotemedia.pipeline.node.TransformNode;
import java.util.List;

/**
 * Stands for a third-party jar: registered only through
 * {@code src/test/resources/META-INF/services/dev.remotemedia.pipeline.node.NodeProvider}.
 */
public final class ThirdPartyNodes implements NodeProvider {
    @Override
    public List<NodeDescriptor> nodes() {
        return List.of(
                NodeDescriptor.builder("acme.WordCount", NodeKind.TRANSFORM)
                              .description("Replaces text by a JSON word count.")
                              .param(ParamSpec.string("field", "words", "Name of the JSON field."))
                              .factory(ctx -> {
                                  final String field = ctx.params().getString("field");
                                  return (TransformNode) (data, out) -> {
                                      if (data instanceof TextData) {
                                          final String t = ((TextData) data).text().strip();
                                          final int n = t.isEmpty() ? 0 : t.split("\\s+").length;
                                          out.emit(JsonData.of("{\"" + field + "\":" + n + '}'));
                                      } else {
                                          out.emit(data);
                                      }
                                  };
                              }).build(),
                NodeDescriptor.builder("acme.DropBlankText", NodeKind.FILTER)
                              .description("Drops text that is empty or blank.")
                              .factory(ctx -> (FilterNode) data -> !(data instanceof TextData)
                                                                   || !((TextData) data).text().isBlank())
                              .build());
    }
}
