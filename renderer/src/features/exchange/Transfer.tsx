import { useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { base64ToBytes, saveBytes } from '../../api/files.ts';
import { FilePicker } from '../../components/FilePicker.tsx';
import { bundleImportInput, fmtTime, isCalm, outcomeText, pairBundleFiles, sha256Hex, UNSIGNED_TEXT } from './files.ts';

type ImportRow = OpOutput<'bundle.import'>;

/** Exports the next bundle: a community's data bundle, or the county's policy bundles. */
export function ExportPanel({ role, onDone }: { role: 'county' | 'community'; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (full: boolean) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const out = await call('bundle.export', { full });
      const names: string[] = [];
      for (const f of out.files) {
        const bytes = base64ToBytes(f.file);
        // The browser cannot write to a folder: the file goes through the save dialog, so
        // the write-back check happens on the bytes handed to it.
        saveBytes(f.fileName, bytes);
        saveBytes(`${f.fileName}.sig`, f.signature, 'application/json');
        await call('bundle.exportDone', { exportId: f.id, ok: true, sha256: await sha256Hex(bytes) });
        names.push(`${f.fileName}（第 ${f.seq} 号，${Object.values(f.counts).reduce((a, b) => a + b, 0)} 条）`);
      }
      setMessage(`已导出：${names.join('；')}。请将数据包和同名的签名文件一起拷入 U 盘。`);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="exchange-section" aria-labelledby="export-title">
      <h2 id="export-title">{role === 'community' ? '向县（区）报送数据' : '向社区下发政策包'}</h2>
      {role === 'county' && <p className="muted">政策包含本县的薪酬方案、考核方案、培训要求和任务等，每个已登记的社区各得一份。</p>}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(false)}>导出增量包</button>
        <button type="button" disabled={busy} onClick={() => void run(true)}>导出全量包</button>
      </div>
      <FormBanner message={error} />
      {message && <p className="ok-text" role="status">{message}</p>}
    </section>
  );
}

export function ImportPanel({ side, onDone }: { side: 'county' | 'community'; onDone: () => void }) {
  const [results, setResults] = useState<ImportRow[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (all: File[]) => {
    if (!all.length) return;
    const { bundles, sigs, unsigned } = pairBundleFiles(all);
    setResults([]);
    setError(!bundles.length ? '请同时选择 .age 数据包文件和同名的 .sig 签名文件' : unsigned.length ? UNSIGNED_TEXT(unsigned) : null);
    const out: ImportRow[] = [];
    for (const [i, f] of bundles.entries()) {
      setProgress(`正在导入 ${i + 1}/${bundles.length}：${f.name}`);
      try {
        out.push(await call('bundle.import', await bundleImportInput(f, sigs.get(f.name))));
      } catch (e) {
        setError(errorText(e));
      }
      setResults([...out]);
    }
    setProgress(bundles.length ? `已处理 ${bundles.length} 个文件` : null);
    onDone();
  };
  return (
    <section className="exchange-section" aria-labelledby="import-title">
      <h2 id="import-title">导入数据包</h2>
      <p className="muted">
        {side === 'county'
          ? '可一次选择多个社区的数据包及其签名文件。每个社区的数据包按序号接收：缺少前面的数据包时，后面的先暂存，缺的导入后自动接收；重复导入同一个文件不会改动数据。'
          : '导入县里下发的政策包（请同时选择数据包和它的同名签名文件）。'}
      </p>
      <div className="toolbar">
        <FilePicker label="选择数据包…" accept=".age,.sig" multiple testId="bundle-files" onFiles={(f) => void pick(f)} />
        {progress && <span role="status" className="muted">{progress}</span>}
      </div>
      <FormBanner message={error} />
      {results.length > 0 && (
        <table className="plain-table">
          <thead><tr><th>文件</th><th>结果</th><th>说明</th></tr></thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={i} className={isCalm(r.outcome) ? '' : 'outcome-bad-row'}>
                <td>{r.fileName}</td><td data-outcome={r.outcome}>{outcomeText(r.outcome)}</td><td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function OverviewPanel({ data, onConflicts }: { data: OpOutput<'bundle.overview'>; onConflicts: (() => void) | null }) {
  return (
    <section className="exchange-section" aria-labelledby="overview-title">
      <h2 id="overview-title">各社区报送情况</h2>
      <table className="plain-table">
        <thead><tr><th>社区</th><th>代码</th><th>最近报送</th><th>数据生成时间</th><th>序号</th><th>记录数</th><th>暂存</th></tr></thead>
        <tbody>
          {data.communities.map((c) => (
            <tr key={c.orgCode} className={c.lastSeq === null ? 'muted' : ''}>
              <td>{c.orgName}{c.peerStatus === 'revoked' ? '（密钥已吊销）' : ''}</td><td>{c.orgCode}</td>
              <td>{c.lastImportedAt ? fmtTime(c.lastImportedAt) : '尚未报送'}</td><td>{fmtTime(c.lastCreatedAt)}</td>
              <td>{c.lastSeq ?? '—'}</td><td>{c.records ?? '—'}</td><td>{c.held || ''}</td>
            </tr>
          ))}
          {!data.communities.length && <tr><td colSpan={7} className="muted">尚无已登记的社区</td></tr>}
        </tbody>
      </table>
      {data.conflicts.length > 0 && (
        <p className="outcome-bad">
          有 {data.conflicts.length} 条跨社区重复或冲突记录待处理。
          {onConflicts && <button type="button" className="link" onClick={onConflicts}>逐条处理</button>}
        </p>
      )}
    </section>
  );
}

export function HistoryPanel({ data }: { data: OpOutput<'bundle.history'> }) {
  return (
    <section className="exchange-section" aria-labelledby="history-title">
      <h2 id="history-title">收发记录</h2>
      <div className="history-cols">
        <table className="plain-table">
          <caption>已发送</caption>
          <thead><tr><th>时间</th><th>文件</th><th>序号</th><th>状态</th></tr></thead>
          <tbody>
            {data.exports.map((e) => (
              <tr key={e.id}><td>{fmtTime(e.createdAt)}</td><td>{e.fileName}</td><td>{e.seq}{e.full ? '（全量）' : ''}</td>
                <td className={e.status === 'failed' ? 'outcome-bad' : ''}>{{ written: '已写入', pending: '待确认', failed: `失败：${e.error ?? ''}` }[e.status]}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="plain-table">
          <caption>已接收</caption>
          <thead><tr><th>时间</th><th>文件</th><th>来源</th><th>结果</th></tr></thead>
          <tbody>
            {data.imports.map((r) => (
              <tr key={r.id}><td>{fmtTime(r.at)}</td><td>{r.fileName}</td><td>{r.senderCode ?? '—'}{r.seq ? ` 第 ${r.seq} 号` : ''}</td>
                <td className={isCalm(r.outcome) ? '' : 'outcome-bad'} title={r.message}>{outcomeText(r.outcome)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
