/** Reads a picked file as base64 (chunked: large bundles would overflow String.fromCharCode). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Saves bytes through the browser's download; in browser mode the user picks the USB folder in the save dialog. */
export function saveBytes(fileName: string, bytes: Uint8Array<ArrayBuffer> | string, mime = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const OUTCOME_TEXT: Record<string, string> = {
  ACCEPTED: '已接收', DUPLICATE: '重复（无改动）', ROLLBACK: '旧数据包', GAP: '缺前序，已暂存', FORK: '链不连续',
  SIG_UNKNOWN_KEY: '签名未登记', SENDER_MISMATCH: '发送单位不符', RECIPIENT_MISMATCH: '非发给本单位', KEY_REVOKED: '密钥已吊销',
  CORRUPT: '文件损坏', SCHEMA_INVALID: '内容不合规', TOO_LARGE: '文件过大',
};

export const isCalm = (outcome: string) => outcome === 'ACCEPTED' || outcome === 'DUPLICATE' || outcome === 'GAP';

export const fmtTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN') : '—');
