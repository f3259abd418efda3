import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// Files that must survive a pulled USB stick or a power cut: written under a temporary name,
// flushed, optionally read back, then renamed, so a file with its final name is always whole.

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}

/** Renames a flushed temp file into place and flushes the directory entry. */
export function commitTemp(temp: string, final: string): void {
  fsyncFile(temp);
  renameSync(temp, final);
  fsyncDir(dirname(final));
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Writes `data` to `path` durably. With `verify`, the temp file is read back and compared
 * before the rename (a failing USB stick is caught before the file gets its final name).
 * Returns the SHA-256 of what was written.
 */
export function writeFileDurably(path: string, data: Uint8Array | string, opts: { mode?: number; verify?: boolean } = {}): string {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const temp = `${path}.tmp`;
  try {
    const fd = openSync(temp, 'w', opts.mode ?? 0o644);
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      closeSync(fd);
    }
    const hash = sha256(bytes);
    if (opts.verify && sha256(readFileSync(temp)) !== hash) throw new Error('读回校验失败：写入的文件与原内容不一致');
    commitTemp(temp, path);
    return hash;
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
