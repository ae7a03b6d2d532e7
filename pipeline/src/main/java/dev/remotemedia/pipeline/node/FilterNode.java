package dev.remotemedia.pipeline.node;

import dev.remotemedia.pipeline.data.RuntimeData;

/** A node that passes an input on unchanged or drops it. */
public non-sealed interface FilterNode extends Node {

    /** Returns whether {@code data} goes on downstream. */
    boolean accept(RuntimeData data) throws Exception;
}
