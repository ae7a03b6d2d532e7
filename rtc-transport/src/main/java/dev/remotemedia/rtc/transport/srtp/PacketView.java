package dev.remotemedia.rtc.transport.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * The caller's {@code byte[]}, offset and length seen as jitsi-srtp's {@link ByteArrayBuffer},
 * reused for every packet so that handing a packet to jitsi allocates nothing. It never
 * reallocates: {@link SrtpSession} checks the spare room before a packet gets here, so running out
 * of it is a bug in this package.
 */
final class PacketView implements ByteArrayBuffer {

    private static final byte[] NONE = new byte[0];

    private byte[] buf = NONE;
    private int off;
    private int len;

    PacketView reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Drops the reference to the caller's array once jitsi is done with it. */
    void release() {
        buf = NONE;
        off = 0;
        len = 0;
    }

    @Override
    public byte[] getBuffer() {
        return buf;
    }

    @Override
    public int getOffset() {
        return off;
    }

    @Override
    public int getLength() {
        return len;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || off + length > buf.length) {
            throw new IllegalStateException("length: " + length + " (expected: 0.." + (buf.length - off) + ')');
        }
        len = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset + len > buf.length) {
            throw new IllegalStateException("offset: " + offset + " (expected: 0.." + (buf.length - len) + ')');
        }
        off = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int regionOff, int regionLen, byte[] out) {
        System.arraycopy(buf, off + regionOff, out, 0, regionLen);
    }

    @Override
    public void grow(int howMuch) {
        if (buf.length - off - len < howMuch) {
            throw new IllegalStateException("no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int dataLen) {
        grow(dataLen);
        System.arraycopy(data, 0, buf, off + len, dataLen);
        len += dataLen;
    }

    @Override
    public void shrink(int howMuch) {
        len = Math.max(0, len - howMuch);
    }
}
