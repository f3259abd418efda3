// Stored values as a clerk reads them, where the stored form is a code: a record's status, a
// backup's kind and file name, a timestamp. Plain data with no imports, so the renderer's
// backup list says the same words as the audit log.

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026年11月30日 11:04:58" in the machine's own time zone, as the office reads clocks. */
export function zhDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A file's size as the office reads it: "820 KB", "12.4 MB". */
export const fileSize = (n: number) => (n > 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export const BACKUP_KIND_LABEL: Record<string, string> = { auto: '每日自动', exit: '退出时', manual: '手动', 'before-restore': '恢复前自动' };

// jiceng-20261130-110458Z[-2]-manual.db (core/security/backup.ts names them so).
const BACKUP_NAME = /^jiceng-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z(?:-\d+)?-([a-z-]+)\.db$/;

/** A backup file's name as "2026年11月30日 11:04:58 手动备份"; null for any other value. */
export function backupLabel(name: string): string | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const when = zhDateTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return `${when} ${BACKUP_KIND_LABEL[m[7]!] ?? ''}备份`;
}

// The statuses records keep as codes (assessment cycles, pay months, bundle exports and holds,
// keys, salary schemes); statuses stored in Chinese (在岗, 已派单 …) need no word here.
export const STATUS_WORD: Record<string, string> = {
  open: '未锁定', locked: '已锁定', draft: '草稿', confirmed: '已确认', pending: '待处理', written: '已写入', failed: '失败',
  held: '暂扣待审', accepted: '已接收', refused: '已拒收', trusted: '已信任', revoked: '已吊销', replaced: '已更换',
  active: '在用', retired: '已停用', grade: '待定级', graded: '已定级', error: '有误', all: '全部', ok: '成功', denied: '被拒绝',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const isIsoTime = (v: string) => ISO_TIME.test(v);

/**
 * A value made only of ASCII letters, digits and punctuation, with at least one lower-case
 * letter: a code, an id, a file name ("composition", "3f2a…-ef-d…", "x.db"). Text people type
 * (a name, "Excel 培训", "ABC") is never taken for one.
 */
export const isCodeLike = (v: string) => /^[\x21-\x7e]+$/.test(v) && /[a-z]/.test(v);
