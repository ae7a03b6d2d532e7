package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/** Opaque bytes with a MIME type ({@code application/octet-stream} when unknown). */
public final class BinaryData implements RuntimeData {
    /** The MIME type used when none is given. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private final byte[] data;
    private final String mimeType;
    private final Map<String, String> metadata;

    private BinaryData(byte[] data, String mimeType, Map<String, String> metadata) {
        this.data = requireNonNull(data, "data");
        this.mimeType = requireNonNull(mimeType, "mimeType");
        this.metadata = Metadata.copy(metadata);
    }

    /** Returns binary data holding a copy of {@code data}. */
    public static BinaryData of(byte[] data, String mimeType) {
        return new BinaryData(data.clone(), mimeType, Map.of());
    }

    /** Returns binary data that owns {@code data}; the caller must not write to it afterwards. */
    public static BinaryData wrap(byte[] data, String mimeType) {
        return new BinaryData(data, mimeType, Map.of());
    }

    public String mimeType() {
        return mimeType;
    }

    /** The number of bytes. */
    public int size() {
        return data.length;
    }

    /** A read-only view of the bytes; no copy. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Returns a fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public BinaryData withMetadata(Map<String, String> metadata) {
        return new BinaryData(data, mimeType, metadata);
    }

    @Override
    public String kind() {
        return "binary";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BinaryData)) {
            return false;
        }
        final BinaryData that = (BinaryData) o;
        return mimeType.equals(that.mimeType) && Arrays.equals(data, that.data) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + mimeType.hashCode();
    }

    @Override
    public String toString() {
        return "BinaryData{" + data.length + " bytes, " + mimeType
               + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + '}';
    }
}
