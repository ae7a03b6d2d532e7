package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import java.util.Locale;

/**
 * Transforms text by {@code mode}: {@code upper}, {@code lower} (locale-independent),
 * {@code reverse} (by code point, so surrogate pairs stay whole) or {@code echo} (unchanged, a text
 * echo service). Other data passes unchanged.
 */
final class TextTransformNode implements TransformNode {
    private final String mode;

    TextTransformNode(String mode) {
        this.mode = mode;
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof TextData)) {
            out.emit(data);
            return;
        }
        final TextData text = (TextData) data;
        switch (mode) {
            case "upper":
                out.emit(text.withText(text.text().toUpperCase(Locale.ROOT)));
                break;
            case "lower":
                out.emit(text.withText(text.text().toLowerCase(Locale.ROOT)));
                break;
            case "reverse":
                out.emit(text.withText(new StringBuilder(text.text()).reverse().toString()));
                break;
            case "echo":
                out.emit(text);
                break;
            default:
                throw new IllegalStateException("mode: " + mode);
        }
    }
}
