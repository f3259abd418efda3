import { constants, crc32, deflateRawSync } from 'node:zlib';

// A minimal zip writer for .xlsx: every entry is deflated in memory, so its CRC and sizes are
// known before its local header is written (no data descriptors, no ZIP64: a roster sheet is
// tens of MB, never 4 GB). An entry may arrive in chunks: each chunk is deflated on its own
// with a sync flush (byte-aligned, no final-block bit), so the pieces concatenate into one
// valid deflate stream, closed by an empty final block. That keeps the raw XML of only one
// chunk in memory at a time, and the caller can yield to the event loop between chunks.
// zlib.crc32 needs Node ≥ 22.2 (Electron 45 ships Node 22.20; the CLI runs on Node 24).

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const MAX32 = 0xffffffff;
const TEXT_BUFFER = 2 * 1024 * 1024;

export interface ZipEntryWriter {
  write(chunk: Buffer): void;
  end(): void;
}

/**
 * Text into an entry through one reused byte buffer. Encoding small strings straight into it
 * measured far cheaper than building a large string and encoding it at once: Buffer.from() of
 * a 3 MB rope of small pieces was about 60% of the whole sheet's time (flattening the rope,
 * then UTF-8 from a two-byte string). Deflate starts a new window per 2 MiB, which costs
 * almost nothing in size.
 */
export class TextEntryWriter {
  private readonly buf = Buffer.allocUnsafe(TEXT_BUFFER);
  private off = 0;
  private readonly entry: ZipEntryWriter;

  constructor(entry: ZipEntryWriter) {
    this.entry = entry;
  }

  add(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.off + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) return this.entry.write(Buffer.from(s, 'utf8'));
    }
    this.off += this.buf.write(s, this.off, 'utf8');
  }

  private flush(): void {
    // The entry deflates synchronously, so the buffer is free again on return.
    if (this.off > 0) this.entry.write(this.buf.subarray(0, this.off));
    this.off = 0;
  }

  end(): void {
    this.flush();
    this.entry.end();
  }
}

/** DOS date and time, local time as zip tools expect (2-second resolution). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private readonly parts: Buffer[] = [];
  private readonly central: Buffer[] = [];
  private offset = 0;
  private count = 0;
  private open = false;
  private readonly time: number;
  private readonly date: number;
  private readonly level: number;

  /** `level`: zlib level 1–9 (1 is fastest; measured in the report of issue 19's export row). */
  constructor(level = 1, when = new Date()) {
    this.level = level;
    ({ time: this.time, date: this.date } = dosTime(when));
  }

  /** A whole entry at once. */
  add(name: string, data: Buffer | string): void {
    const e = this.begin(name);
    e.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    e.end();
  }

  /** An entry written in chunks; one entry at a time. */
  begin(name: string): ZipEntryWriter {
    if (this.open) throw new Error('zip: an entry is still open');
    this.open = true;
    const chunks: Buffer[] = [];
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const opts = { level: this.level, finishFlush: constants.Z_SYNC_FLUSH };
    return {
      write: (chunk) => {
        if (chunk.length === 0) return;
        crc = crc32(chunk, crc);
        size += chunk.length;
        const c = deflateRawSync(chunk, opts);
        compressed += c.length;
        chunks.push(c);
      },
      end: () => {
        // The empty final block (BFINAL=1) that ends the concatenated stream.
        const last = deflateRawSync(Buffer.alloc(0), { level: this.level });
        chunks.push(last);
        compressed += last.length;
        this.entry(name, crc, size, compressed, chunks);
        this.open = false;
      },
    };
  }

  private entry(name: string, crc: number, size: number, compressed: number, data: Buffer[]): void {
    if (size > MAX32 || compressed > MAX32 || this.offset > MAX32) throw new Error('zip: entry too large for a zip without ZIP64');
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(UTF8_NAMES, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(this.time, 10);
    h.writeUInt16LE(this.date, 12);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(n.length, 26);
    h.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    h.copy(c, 8, 6, 30); // flags … name length are the same fields in both headers
    // extra, comment, disk, internal and external attributes stay 0
    c.writeUInt32LE(this.offset, 42);
    this.central.push(c, n);
    this.parts.push(h, n, ...data);
    this.offset += 30 + n.length + compressed;
    this.count++;
  }

  /** The whole archive; the writer is spent afterwards. */
  finish(): Buffer {
    if (this.open) throw new Error('zip: an entry is still open');
    const dir = Buffer.concat(this.central);
    const e = Buffer.alloc(22);
    e.writeUInt32LE(END, 0);
    e.writeUInt16LE(this.count, 8);
    e.writeUInt16LE(this.count, 10);
    e.writeUInt32LE(dir.length, 12);
    e.writeUInt32LE(this.offset, 16);
    return Buffer.concat([...this.parts, dir, e]);
  }
}
