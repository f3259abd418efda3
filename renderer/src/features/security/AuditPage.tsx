import { useCallback, useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { downloadBase64 } from '../../api/files.ts';
import { AREA_LABEL } from '../../../../core/security/audit-areas.ts';
import './security.css';

type Row = OpOutput<'audit.list'>['rows'][number];
type Verify = OpOutput<'audit.verify'>;

const PAGE = 100;
const OUTCOME: Record<string, string> = { ok: '成功', denied: '拒绝', failed: '失败' };

// What people read: the sentence first; operation codes and entity names are not shown.
const COLUMNS: ColDef<Row>[] = [
  { field: 'id', headerName: '序号', colId: 'id', width: 80 },
  { field: 'at', headerName: '时间', colId: 'at', width: 170, valueFormatter: (p) => new Date(p.value as string).toLocaleString('zh-CN') },
  { field: 'sentence', headerName: '经过', colId: 'sentence', flex: 2, minWidth: 320, tooltipField: 'sentence' },
  { field: 'operationLabel', headerName: '操作', colId: 'operation', width: 170 },
  { field: 'orgName', headerName: '单位', colId: 'org', width: 120 },
  {
    field: 'outcome', headerName: '结果', colId: 'outcome', width: 80,
    valueFormatter: (p) => OUTCOME[p.value as string] ?? String(p.value),
    cellClass: (p) => (p.value === 'ok' ? undefined : 'outcome-bad'),
  },
  {
    field: 'detail', headerName: '变更明细（敏感值不显示）', colId: 'detail', flex: 1, minWidth: 200, tooltipField: 'detail',
  },
];

const EMPTY = { from: '', to: '', actor: '', operation: '', orgId: '', outcome: '' };

/** 审计日志 (审计员): filter, page through, verify the hash chain, export. */
export function AuditPage() {
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState(EMPTY);
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);

  const query = useCallback(
    () => ({
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.operation ? { operation: filter.operation } : {}),
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(filter.outcome ? { outcome: filter.outcome as 'ok' } : {}),
    }),
    [filter],
  );

  useEffect(() => {
    let live = true;
    call('audit.list', { ...query(), limit: PAGE, offset }).then(
      (d) => live && (setData(d), setError(null)),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [query, offset]);

  async function runVerify() {
    setBusy(true);
    try {
      setVerify(await call('audit.verify', {}));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function runExport() {
    setBusy(true);
    try {
      const r = await call('audit.export', query());
      downloadBase64(r.fileName, r.base64);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    call('org.tree', {}).then((t) => setUnits(t.map((u) => ({ id: u.id, name: u.name }))), () => setUnits([]));
  }, []);

  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <div className="page audit-page">
      <div className="toolbar">
        <h1>审计日志</h1>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void runVerify()}>
          校验完整性
        </button>
        <button type="button" disabled={busy} onClick={() => void runExport()}>
          导出
        </button>
      </div>
      <form
        className="audit-filters"
        aria-label="筛选"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        <label>
          起始日期 <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          截止日期 <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <label>
          操作人 <input type="text" value={draft.actor} placeholder="用户名或姓名" onChange={set('actor')} />
        </label>
        <label>
          业务{' '}
          <select value={draft.operation} onChange={set('operation')}>
            <option value="">全部</option>
            {Object.entries(AREA_LABEL).filter(([k]) => k !== 'test').map(([k, label]) => (
              <option key={k} value={k}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          单位{' '}
          <select value={draft.orgId} onChange={set('orgId')}>
            <option value="">全部</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </label>
        <label>
          结果{' '}
          <select value={draft.outcome} onChange={set('outcome')}>
            <option value="">全部</option>
            <option value="ok">成功</option>
            <option value="failed">失败</option>
            <option value="denied">拒绝</option>
          </select>
        </label>
        <button type="submit" className="primary">
          查询
        </button>
        <button type="button" onClick={() => (setDraft(EMPTY), setFilter(EMPTY), setOffset(0))}>
          清除
        </button>
      </form>
      <WhoMaySee />
      {verify && <VerifyResult result={verify} onClose={() => setVerify(null)} />}
      <FormBanner message={error} />
      <div className="grid-host">
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          rowData={data?.rows ?? []}
          columnDefs={COLUMNS}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => String(p.data.id)}
          overlayNoRowsTemplate="<span>没有符合条件的审计记录</span>"
        />
      </div>
      <div className="statusbar pager">
        <span>共 {data?.total ?? 0} 条</span>
        <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          上一页
        </button>
        <span>
          第 {Math.floor(offset / PAGE) + 1} / {pages} 页
        </span>
        <button type="button" className="small" disabled={!data || offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
          下一页
        </button>
      </div>
    </div>
  );
}

// 三员分立 (MLPS 2.0): the 系统管理员 manages accounts and keys and so must not also be the one
// who reviews what was done; the log is read by the 审计员, who can change nothing.
function WhoMaySee() {
  return (
    <details className="audit-who">
      <summary>谁可以查看审计日志</summary>
      <p>
        按“三员分立”要求，审计日志只由<strong>审计员</strong>查看、校验和导出；审计员不能录入或修改任何业务数据，也不能管理账号。
        <strong>系统管理员</strong>负责账号、密钥和备份，正因为能管理账号，所以不能查看审计日志，以免自己审查自己。
        录入员、审核员只处理业务数据，同样看不到审计日志。
      </p>
      <p>日志中不出现完整的身份证号、联系电话、住址和备注：人员以姓名和部分隐藏的身份证号标识，变更的敏感值以摘要表示（同一值的摘要相同，可以看出是否改动过）。</p>
    </details>
  );
}

function VerifyResult({ result, onClose }: { result: Verify; onClose: () => void }) {
  return (
    <div className={result.ok ? 'verify-result ok' : 'verify-result bad'} role="status" aria-label="校验结果">
      <div className="verify-head">
        <strong>{result.ok ? `校验通过：共 ${result.rows} 条记录，哈希链完整，未发现篡改或删除。` : `校验未通过：发现 ${result.problems.length} 处问题（共 ${result.rows} 条记录），审计日志可能被篡改或删除。`}</strong>
        <button type="button" className="icon" aria-label="关闭校验结果" onClick={onClose}>
          ×
        </button>
      </div>
      {!result.ok && (
        <ul>
          {result.problems.map((p, i) => (
            <li key={i}>
              {p.id === null ? '' : `第 ${p.id} 条：`}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
