import { inflateRawSync } from 'node:zlib';
import { AppError } from '../contract/errors.ts';
import { fmt, MAX_UNZIPPED_BYTES } from './limits.ts';

// A minimal zip reader for .xlsx: the central directory is read first and the declared
// sizes of all entries are added up before anything is inflated; each entry is then inflated
// with that declared size as a hard ceiling, so a zip that lies about its sizes is stopped
// at the lie instead of expanding into gigabytes.

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);
const CORRUPT = '文件已损坏，或不是 Excel 表格（.xlsx）：请在 Excel/WPS 中打开确认后“另存为” .xlsx 再导入';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const b = this.buf;
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
      if (b.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw fileError(CORRUPT);
    const count = b.readUInt16LE(eocd + 10);
    let p = b.readUInt32LE(eocd + 16);
    if (p === 0xffffffff || count === 0xffff) throw fileError('不支持 ZIP64 格式的 .xlsx：请在 Excel/WPS 中“另存为” .xlsx 后再导入');
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw fileError(CORRUPT);
      const flags = b.readUInt16LE(p + 8);
      const method = b.readUInt16LE(p + 10);
      const compressedSize = b.readUInt32LE(p + 20);
      const size = b.readUInt32LE(p + 24);
      const nameLen = b.readUInt16LE(p + 28);
      const extraLen = b.readUInt16LE(p + 30);
      const commentLen = b.readUInt16LE(p + 32);
      const localOffset = b.readUInt32LE(p + 42);
      const name = b.toString('utf8', p + 46, p + 46 + nameLen);
      if (flags & 1) throw fileError('文件已加密：请在 Excel/WPS 中取消打开密码，并“另存为” .xlsx 后再导入');
      total += size;
      if (total > MAX_UNZIPPED_BYTES)
        throw fileError(`文件解压后超过 ${fmt(MAX_UNZIPPED_BYTES / 1024 / 1024)} MB 的上限（一个 2 万人的县级花名册解压后约 25 MB），不像是花名册，未导入`);
      this.entries.set(name, { name, method, compressedSize, size, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, never more than its declared size. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const b = this.buf;
    const h = e.localOffset;
    if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw fileError(CORRUPT);
    const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
    const data = b.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw fileError(CORRUPT);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw lying(name);
      return data;
    }
    if (e.method !== 8) throw fileError(CORRUPT);
    let out: Buffer;
    try {
      // One byte of headroom: output that reaches it is larger than declared.
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw lying(name);
      throw fileError(CORRUPT);
    }
    if (out.length !== e.size) throw lying(name);
    return out;
  }
}

function lying(name: string): AppError {
  return fileError(`文件已损坏：压缩包中“${name}”的实际大小与记录的大小不符（可能是恶意构造的文件），未导入`);
}
