/**
 * Many strings as ONE UTF-8 buffer, each encoded on its own. On Node 20, encoding one large
 * string that holds any non-Latin-1 character (a Chinese task) costs about ten times as much as
 * encoding its pieces one by one: ~26 ms against ~2 ms for a 3.5 MB batch of COPY lines
 * (bench/README.md). Bulk import's COPY text and the PostgreSQL export pages are built here.
 *
 * @example
 * const b = new Utf8Builder(lines.length * 256);
 * for (const l of lines) b.add(l).add('\n');
 * socket.write(b.bytes());
 */
export class Utf8Builder {
  private buf: Buffer;
  private length = 0;

  constructor(sizeHint: number) {
    this.buf = Buffer.allocUnsafe(Math.max(sizeHint, 1024));
  }

  add(s: string): this {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this much room always suffices.
    const need = this.length + s.length * 3;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, need));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(s, this.length);
    return this;
  }

  /** The bytes written so far (a view: valid until the next add). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
