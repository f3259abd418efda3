// The largest bundle file this program accepts, derived in docs/bundle-format.md ("Size
// limit") from the largest realistic community sending a full bundle. Kept free of imports so
// the CLI and the renderer can refuse a file by its size before reading it.
export const BUNDLE_MAX_BYTES = 256 * 1024 * 1024;

/** Bytes a base64 text decodes to, without decoding it. */
export function base64Size(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/**
 * What a caller that holds the file on disk can tell before reading it: the signature file
 * must exist and declare the file's size, and that size must be within the limit. Returns
 * null when the file is worth reading.
 */
export function refuseUnread(size: number, sigText: string | null, max: number = BUNDLE_MAX_BYTES): string | null {
  if (sigText === null) return 'SIG_MISSING';
  if (size > max) return 'TOO_LARGE';
  let declared: unknown;
  try {
    declared = (JSON.parse(sigText) as { fileSize?: unknown }).fileSize;
  } catch {
    return 'CORRUPT';
  }
  return declared === size ? null : 'CORRUPT';
}
