import { useState } from 'react';
import { useDirty } from '../../components/useDirty.ts';
import type { ImportPreview } from '../../../../core/roster-io/contract.ts';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormBanner } from '../../components/Field.tsx';
import { downloadBase64, readAsBase64 } from '../../api/files.ts';
import { newJobId } from './files.ts';
import { IssuesGrid } from './IssuesGrid.tsx';
import { MappingTable } from './MappingTable.tsx';
import { ChangesList } from './ChangesList.tsx';
import { choiceKey, UnknownValues, type ValueChoices } from './UnknownValues.tsx';
import { progressText, useImportProgress } from './useImportProgress.ts';
import './roster-import.css';
import { FilePicker } from '../../components/FilePicker.tsx';

interface Props {
  orgs: OrgUnit[];
  initialOrgId: string | null;
  onImported: () => void;
  onClose: () => void;
}

interface Chosen {
  fileName: string;
  contentBase64: string;
}

type Done = { created: number; updated: number; unchanged: number; skipped: number };

/** Choose a file and a unit → dry run (mapping, counts, row errors) → confirmed commit. */
export function ImportDialog({ orgs, initialOrgId, onImported, onClose }: Props) {
  const [orgId, setOrgId] = useState(initialOrgId ?? orgs.find((o) => o.level === 'community')?.id ?? '');
  const [file, setFile] = useState<Chosen | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [overrides, setOverrides] = useState<Record<number, string | null>>({});
  const [choices, setChoices] = useState<ValueChoices>({});
  const [validOnly, setValidOnly] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'commit' | 'report' | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // A changed mapping has not been checked yet: commit waits for the next dry run.
  const [stale, setStale] = useState(false);
  const progress = useImportProgress(jobId);

  const mapping = () => {
    const entries = Object.entries(overrides);
    return entries.length ? entries.map(([index, field]) => ({ index: Number(index), field })) : undefined;
  };
  const values = () =>
    Object.entries(choices).map(([k, code]) => {
      const [table, value] = k.split('\u0000') as [string, string];
      return { table, value, code };
    });
  const input = (f: Chosen) => ({ ...f, orgId, ...(mapping() ? { mapping: mapping() } : {}), ...(values().length ? { values: values() } : {}) });

  async function choose(f: File | undefined) {
    if (!f) return;
    setPreview(null);
    setOverrides({});
    setChoices({});
    setDone(null);
    setBanner(null);
    try {
      const contentBase64 = await readAsBase64(f, (loaded, total) => setReading(`正在读取文件：${Math.round((loaded / Math.max(total, 1)) * 100)}%`));
      setFile({ fileName: f.name, contentBase64 });
    } catch (e) {
      setBanner(errorText(e));
    } finally {
      setReading(null);
    }
  }

  async function runPreview() {
    if (!file || !orgId) return;
    const id = newJobId();
    setBusy('preview');
    setJobId(id);
    setBanner(null);
    setStale(false);
    try {
      setPreview(await call('roster.importPreview', { ...input(file), jobId: id }));
    } catch (e) {
      setPreview(null);
      setBanner(errorText(e));
    } finally {
      setBusy(null);
      setJobId(null);
    }
  }

  const importText = (c: ImportPreview['counts']) =>
    `将新增 ${c.create} 人、更新 ${c.update} 人${validOnly && c.error ? `，跳过有错误的 ${c.error} 行` : ''}`;

  const c = preview?.counts;
  const blocked = !!c && c.error > 0 && !validOnly;
  const nothingToDo = !!c && c.create + c.update === 0;
  // Why 确认导入 would import nothing: the button is disabled then, and 保存 in the leave question says it.
  const why = stale ? '列对应关系或未识别的值已修改，请先重新预检' : blocked ? '有错误的行，请改正文件或勾选只导入无误的行' : nothingToDo ? '没有需要导入的人员' : null;

  /** `asked`: the leave question already showed what 保存 imports, so no second confirmation. */
  async function commit(asked = false): Promise<boolean> {
    if (!file || !preview || !c) return false;
    if (why) return (setBanner(`未导入：${why}`), false);
    if (!asked && !window.confirm(`确认导入？${importText(c)}。`)) return false;
    const id = newJobId();
    setBusy('commit');
    setJobId(id);
    try {
      setDone(await call('roster.importCommit', { ...input(file), validOnly, jobId: id }));
      onImported();
      return true;
    } catch (e) {
      setBanner(errorText(e));
      return false;
    } finally {
      setBusy(null);
      setJobId(null);
    }
  }

  async function report() {
    if (!file) return;
    setBusy('report');
    try {
      const r = await call('roster.importErrorReport', input(file));
      downloadBase64(r.fileName, r.contentBase64);
    } catch (e) {
      setBanner(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  // A previewed file (with its mapping and value choices) is work in progress until imported;
  // a file not yet previewed holds nothing to save. 保存 in the leave question is 确认导入 and
  // its label says what that writes, so it asks no second confirmation.
  const pending = !!file && !!preview && !done;
  const { leave } = useDirty(pending, { label: `导入“${file?.fileName ?? ''}”（尚未导入；保存即确认导入：${c ? importText(c) : ''}）`, save: () => commit(true) });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      wide
      title="从 Excel/CSV 导入花名册"
      onClose={close}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <span className="muted rio-progress" role="status">
            {busy === 'preview' || busy === 'commit' ? progressText(progress, busy === 'preview' ? '正在预检…' : '正在导入…') : reading ?? ''}
          </span>
          {preview && preview.issues.length > 0 && (
            <button type="button" disabled={busy !== null} onClick={() => void report()}>
              {busy === 'report' ? '正在生成…' : '下载错误报告'}
            </button>
          )}
          <button type="button" onClick={close}>
            {done ? '关闭' : '取消'}
          </button>
          {!done && (
            <button type="button" className="primary" disabled={!preview || busy !== null || why !== null} onClick={() => void commit()}>
              {busy === 'commit' ? '正在导入…' : '确认导入'}
            </button>
          )}
        </>
      }
    >
      <div className="rio-step">
        <div className="rio-row">
          <label>
            导入到：
            <select value={orgId} onChange={(e) => { setOrgId(e.target.value); setPreview(null); }} aria-label="导入到的组织单位">
              <option value="">请选择组织单位</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}（{o.code}）
                </option>
              ))}
            </select>
          </label>
          <FilePicker label="选择文件…" name="选择 Excel 或 CSV 文件" accept=".xlsx,.csv" onFiles={(files) => void choose(files[0])} />
          <button type="button" className={preview ? undefined : 'primary'} disabled={!file || !orgId || busy !== null || reading !== null} onClick={() => void runPreview()}>
            {preview ? '重新预检' : '预检（不写入）'}
          </button>
        </div>
        {done && (
          <p role="status">
            已导入：新增 {done.created} 人，更新 {done.updated} 人，未变 {done.unchanged} 人{done.skipped ? `，跳过有错误的 ${done.skipped} 行` : ''}。
          </p>
        )}
        {preview && c && !done && (
          <>
            <div className="rio-counts" aria-label="预检结果">
              <span>
                表头在第 {preview.file.headerRows.join('、')} 行，数据 <strong>{preview.file.dataRows}</strong> 行
              </span>
              <span>新增 <strong>{c.create}</strong></span>
              <span>更新 <strong>{c.update}</strong></span>
              <span>未变 <strong>{c.unchanged}</strong></span>
              <span className={c.error ? 'bad' : undefined}>有错误 <strong>{c.error}</strong> 行</span>
            </div>
            {preview.notices.length > 0 && (
              <ul className="rio-notices">
                {preview.notices.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            <MappingTable preview={preview} overrides={overrides} onChange={(i, f) => {
                setOverrides((o) => ({ ...o, [i]: f }));
                setStale(true);
              }} />
            {stale && <p className="rio-warning">列对应关系或未识别的值已修改，请点“重新预检”后再导入。</p>}
            <UnknownValues preview={preview} choices={choices} onChange={(table, value, code) => {
                setChoices((o) => {
                  const next = { ...o };
                  if (code === undefined) delete next[choiceKey(table, value)];
                  else next[choiceKey(table, value)] = code;
                  return next;
                });
                setStale(true);
              }} />
            <ChangesList preview={preview} />
            <IssuesGrid issues={preview.issues} />
            {preview.issuesTruncated && <p className="muted">问题较多，这里只列出前一部分；完整内容请下载错误报告。</p>}
            {c.error > 0 && (
              <label className="rio-row">
                <input type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} />
                只导入无误的行（跳过 {c.error} 行有错误的行；不勾选时，有任何错误都不会写入）
              </label>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
