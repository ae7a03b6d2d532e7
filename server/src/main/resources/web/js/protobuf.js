// Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/), just what the
// browser client needs: varints, length-delimited fields and skipping unknown ones. No build step.

const utf8 = new TextEncoder();

/** Writes one message's fields in order; `finish()` gives the bytes. Default values are not written. */
export class ProtoWriter {
  constructor() { this.bytes = []; }
  varint(v) {
    let n = BigInt(v);
    if (n < 0n) n += 1n << 64n;                        // int64 two's complement
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n > 0n) b |= 0x80;
      this.bytes.push(b);
    } while (n > 0n);
  }
  tag(field, wire) { this.varint((field << 3) | wire); }
  lengthDelimited(field, u8) { this.tag(field, 2); this.varint(u8.length); for (const b of u8) this.bytes.push(b); }
  string(field, s) { if (s) this.lengthDelimited(field, utf8.encode(s)); }
  bytesField(field, u8) { if (u8 && u8.length) this.lengthDelimited(field, u8); }
  uint(field, v) { if (v) { this.tag(field, 0); this.varint(v); } }
  bool(field, v) { if (v) { this.tag(field, 0); this.varint(1); } }
  /** A nested message, written even when empty (a set oneof case). */
  message(field, writer) { this.lengthDelimited(field, writer.finish()); }
  finish() { return Uint8Array.from(this.bytes); }
}

/** Reads a message; errors name `what` (the message being read). */
export class ProtoReader {
  constructor(u8, what = 'protobuf') { this.u8 = u8; this.pos = 0; this.what = what; }
  done() { return this.pos >= this.u8.length; }
  varint() {
    let result = 0n, shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.u8.length) throw new Error(`${this.what}: truncated varint`);
      const b = this.u8[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
    throw new Error(`${this.what}: varint longer than 10 bytes`);
  }
  field() {
    const key = Number(this.varint());
    return { field: key >>> 3, wire: key & 7 };
  }
  lengthDelimited() {
    const len = Number(this.varint());
    if (len > this.u8.length - this.pos) throw new Error(`${this.what}: length past the end`);
    const out = this.u8.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.lengthDelimited();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`${this.what}: unsupported wire type ${wire}`);
    if (this.pos > this.u8.length) throw new Error(`${this.what}: field past the end`);
  }
  /** Reads a message's fields: handlers[field](reader, wire). */
  each(handlers) {
    while (!this.done()) {
      const { field, wire } = this.field();
      const h = handlers[field];
      if (h) h(this, wire); else this.skip(wire);
    }
  }
}
