import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { BACKUP_KIND_LABEL, fileSize, zhDateTime } from '../../../../core/security/audit-values.ts';

type Backups = OpOutput<'backup.list'>;
type Installers = OpOutput<'system.findInstallers'>;

const size = fileSize;
// A backup is named by when it was made, in Chinese; its file name (Latin, timestamped) only
// matters when copying it by hand, so it is the cell's title, not its text.
const when = zhDateTime;
const KIND = BACKUP_KIND_LABEL;

/** 备份与恢复, and looking for a newer installer on a USB stick (系统管理员). */
export function MaintenancePanel() {
  const [backups, setBackups] = useState<Backups | null>(null);
  const [version, setVersion] = useState('');
  const [folder, setFolder] = useState('');
  const [usb, setUsb] = useState('');
  const [installers, setInstallers] = useState<Installers | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setBackups(await call('backup.list', {}));
      setVersion((await call('system.info', {})).version);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      setMessage(await work());
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const backupNow = (to: string | null) =>
    run(async () => {
      let b;
      try {
        b = await call('backup.create', to ? { folder: to } : {});
      } catch (e) {
        // A folder that does not exist is never made silently: say where, and make it only if asked.
        const missing = e instanceof ApiError && e.issues.find((i) => i.path === 'folder' && i.message.includes('不存在'));
        if (!to || !missing || !window.confirm(`${missing.message.replace(/：.*$/, '')}。\n要新建这个文件夹并把备份保存在其中吗？`)) throw e;
        b = await call('backup.create', { folder: to, createFolder: true });
      }
      return `已备份（${when(b.createdAt)}，加密，${size(b.size)}），保存在${to ? '该文件夹' : '自动备份目录'}中。复制到其他电脑时，请连同同名的密钥文件一起复制。`;
    });

  const restore = (file: string, createdAt: string) => {
    if (!window.confirm(`用${when(createdAt)}的备份替换当前数据库？\n备份文件：${file}\n恢复前会先做完整性检查，当前数据库另行保留；恢复后所有人需要重新登录。`)) return;
    void run(async () => {
      const r = await call('backup.restore', { file });
      return `已恢复。被替换的数据库保留在 ${r.keptAside}`;
    });
  };

  return (
    <section className="settings-section" aria-labelledby="maint-title">
      <div className="toolbar">
        <h1 id="maint-title">备份与升级</h1>
        <span className="muted">当前版本 {version}</span>
      </div>
      <FormBanner message={error} />
      {message && <p className="ok-text" role="status">{message}</p>}
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void backupNow(null)}>立即备份</button>
        <input aria-label="备份到文件夹" placeholder="备份到文件夹，如U盘" value={folder} onChange={(e) => setFolder(e.target.value)} />
        <button type="button" disabled={busy || !folder.trim()} onClick={() => void backupNow(folder.trim())}>备份到该文件夹</button>
      </div>
      {backups && (
        <table className="plain-table" aria-label="备份列表">
          <thead><tr><th>备份时间</th><th>类型</th><th>大小</th><th /></tr></thead>
          <tbody>
            {backups.rows.map((b) => (
              <tr key={b.file}>
                <td title={`文件：${b.file}`}>{when(b.createdAt)}</td><td>{KIND[b.kind] ?? '其他'}</td><td>{size(b.size)}</td>
                <td><button type="button" className="link" disabled={busy} onClick={() => restore(b.file, b.createdAt)}>从此备份恢复</button></td>
              </tr>
            ))}
            {!backups.rows.length && <tr><td colSpan={4} className="muted" title={`自动备份目录：${backups.folder}`}>自动备份目录中还没有备份</td></tr>}
          </tbody>
        </table>
      )}
      <div className="toolbar">
        <input aria-label="安装包所在文件夹" placeholder="U盘上安装包所在的文件夹" value={usb} onChange={(e) => setUsb(e.target.value)} />
        <button type="button" disabled={busy || !usb.trim()} onClick={() => void run(async () => {
          const r = await call('system.findInstallers', { folder: usb.trim() });
          setInstallers(r);
          const newer = r.rows.filter((f) => f.newer);
          return newer.length ? `发现新版本 ${newer[0]!.version}：请退出本程序后运行该安装程序，升级会保留数据并自动迁移。` : '没有比当前版本更新的安装包。';
        })}>查找新版本</button>
      </div>
      {installers && installers.rows.length > 0 && (
        <table className="plain-table" aria-label="安装包">
          <thead><tr><th>版本</th><th>类型</th><th>架构</th><th>文件</th></tr></thead>
          <tbody>
            {installers.rows.map((f) => (
              <tr key={f.file} className={f.newer ? 'newer-row' : undefined}>
                <td>{f.version}{f.newer ? '（较新）' : ''}</td><td>{f.kind}</td><td>{f.arch}</td><td className="small-text">{f.file}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
