import { refuseUnread } from '../../../../core/bundle/limits.ts';
import { readAsBase64 } from '../../api/files.ts';

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Short Chinese names of the import outcomes; the stable codes stay in data-outcome only.
export const OUTCOME_TEXT: Record<string, string> = {
  ACCEPTED: '已接收', DUPLICATE: '重复（无改动）', ROLLBACK: '旧数据包', GAP: '缺前序，已暂存', FORK: '链不连续',
  SIG_UNKNOWN_KEY: '签名未登记', SENDER_MISMATCH: '发送单位不符', RECIPIENT_MISMATCH: '非发给本单位', KEY_REVOKED: '密钥已吊销',
  CORRUPT: '文件损坏', SCHEMA_INVALID: '内容不合规', OUT_OF_SCOPE: '超出发送单位范围', TOO_LARGE: '文件过大',
  AUDIT_REWRITTEN: '审计记录被改写，已暂扣', SIG_MISSING: '缺少签名文件',
};

export const outcomeText = (outcome: string) => OUTCOME_TEXT[outcome] ?? '其他结果';

export const PEER_STATUS: Record<string, string> = { trusted: '已信任', pending: '待核对指纹', revoked: '已吊销', replaced: '已更换' };

export const isCalm = (outcome: string) => outcome === 'ACCEPTED' || outcome === 'DUPLICATE' || outcome === 'GAP';

export const fmtTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN') : '—');

/**
 * Pairs each picked `.age` bundle with its `.age.sig` (one picker takes both). A bundle whose
 * signature file was not picked, or whose size the signature does not declare, is not read:
 * the core gets its size and logs the refusal (SIG_MISSING, TOO_LARGE, CORRUPT).
 */
export function pairBundleFiles(list: File[]): { bundles: File[]; sigs: Map<string, File>; unsigned: string[] } {
  const bundles = list.filter((f) => f.name.endsWith('.age')).sort((a, b) => a.name.localeCompare(b.name));
  const sigs = new Map(list.filter((f) => f.name.endsWith('.age.sig')).map((f) => [f.name.slice(0, -4), f]));
  return { bundles, sigs, unsigned: bundles.filter((f) => !sigs.has(f.name)).map((f) => f.name) };
}

export const UNSIGNED_TEXT = (names: string[]) =>
  `以下数据包缺少同名的签名文件（.sig），未导入：${names.join('、')}。请在选择文件时同时选中数据包和它的签名文件（例如 X.age 与 X.age.sig）。`;

export async function bundleImportInput(f: File, sig: File | undefined) {
  const signature = sig ? (await sig.text()).slice(0, 10_000) : null;
  const refused = refuseUnread(f.size, signature);
  return { fileName: f.name, file: refused ? '' : await readAsBase64(f), signature, size: f.size };
}
