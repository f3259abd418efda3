import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import { nonRisingLevels } from '../../../../core/salary/scheme-rules.ts';
import { baseAmount } from '../../../../core/salary/pay.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';

interface Props {
  config: SchemeConfig;
  onChange: (c: SchemeConfig) => void;
  /** False for a role that may not save schemes, or a frozen version: cells stay read-only. */
  editable?: boolean;
}

interface Row {
  id: string;
  label: string;
  post: string | null;
  kind: 'coef' | 'postCoef' | 'amount' | 'computed';
}

// The posts × levels matrix. A table scheme edits 元/月 per cell; a coefficient scheme edits
// one shared row of coefficients and shows each post's resulting amount. Cells outside a
// post's band are disabled; cells where the amount does not rise over the level below are red.
export function GridEditor({ config, onChange, editable = true }: Props) {
  const m = config.amountModel;
  const warnings = useMemo(() => new Set(nonRisingLevels(config).map((w) => `${w.post}#${w.level}`)), [config]);
  const rows = useMemo<Row[]>(() => {
    const posts = config.posts.map((p): Row => ({ id: p.name, label: p.name, post: p.name, kind: m.kind === 'table' ? 'amount' : 'computed' }));
    if (m.kind !== 'coefficient') return posts;
    // A post with its own coefficients (西安 2019) gets its own editable row above the amounts.
    const own = m.postCoefficients.map((r): Row => ({ id: `__coef#${r.post}`, label: `${r.post}系数`, post: r.post, kind: 'postCoef' }));
    return [{ id: '__coef', label: '等级系数', post: null, kind: 'coef' }, ...own, ...posts];
  }, [config, m.kind]);

  const columns = useMemo<ColDef<Row>[]>(() => {
    const inBand = (post: string | null, lv: number) => {
      if (!post) return true;
      const p = config.posts.find((x) => x.name === post);
      return !!p && lv >= p.minLevel && lv <= p.maxLevel;
    };
    const cols: ColDef<Row>[] = [{ headerName: '岗位 \\ 级', field: 'label', pinned: 'left', width: 130, editable: false }];
    for (let lv = 1; lv <= config.levelCount; lv++) {
      cols.push({
        headerName: `${lv}级`,
        colId: `L${lv}`,
        width: 82,
        type: 'numericColumn',
        editable: (p) => editable && !!p.data && p.data.kind !== 'computed' && inBand(p.data.post, lv),
        valueGetter: (p) => {
          const r = p.data;
          if (!r || !inBand(r.post, lv)) return '';
          if (r.kind === 'coef') return m.kind === 'coefficient' ? (m.coefficients[lv - 1] ?? '') : '';
          if (r.kind === 'postCoef') return m.kind === 'coefficient' ? (m.postCoefficients.find((x) => x.post === r.post)?.coefficients[lv - 1] ?? '') : '';
          const fen = r.kind === 'amount' && m.kind === 'table' ? m.rows.find((x) => x.post === r.post)?.amounts[lv - 1] : baseAmount(config, r.post!, lv);
          return fen == null ? '' : fenToYuan(fen);
        },
        valueSetter: (p) => {
          const text = String(p.newValue ?? '').trim();
          if (p.data.kind === 'coef' && m.kind === 'coefficient') {
            const coefficients = [...m.coefficients];
            coefficients[lv - 1] = text === '' ? null : Number(text);
            onChange({ ...config, amountModel: { ...m, coefficients } });
            return true;
          }
          if (p.data.kind === 'postCoef' && m.kind === 'coefficient') {
            const postCoefficients = m.postCoefficients.map((r) =>
              r.post === p.data.post ? { ...r, coefficients: r.coefficients.map((x, i) => (i === lv - 1 ? (text === '' ? null : Number(text)) : x)) } : r);
            onChange({ ...config, amountModel: { ...m, postCoefficients } });
            return true;
          }
          if (p.data.kind === 'amount' && m.kind === 'table') {
            const fen = text === '' ? null : yuanToFen(text);
            if (text !== '' && fen === null) return false;
            const rowsNext = m.rows.map((r) => (r.post === p.data.post ? { ...r, amounts: r.amounts.map((a, i) => (i === lv - 1 ? fen : a)) } : r));
            onChange({ ...config, amountModel: { ...m, rows: rowsNext } });
            return true;
          }
          return false;
        },
        cellClass: (p) => {
          const r = p.data;
          if (!r) return undefined;
          if (!inBand(r.post, lv)) return 'off-band';
          if (r.post && warnings.has(`${r.post}#${lv}`)) return 'not-rising';
          return undefined;
        },
      });
    }
    return cols;
  }, [config, m, warnings, onChange, editable]);

  if (m.kind === 'none') return <div className="muted small-text">本方案不设等级工资，工资由岗位工资、津贴等组成。</div>;
  const ownPost = (post: string, on: boolean) =>
    m.kind === 'coefficient' && onChange({ ...config, amountModel: { ...m, postCoefficients: on
      ? [...m.postCoefficients, { post, coefficients: [...m.coefficients] }]
      : m.postCoefficients.filter((r) => r.post !== post) } });
  return (
    <div className="grid-editor">
      {m.kind === 'coefficient' && (
        <div className="small-text">岗位单独设系数：
          {config.posts.map((p) => (
            <label key={p.name}><input type="checkbox" aria-label={`${p.name}单独设系数`} checked={m.postCoefficients.some((r) => r.post === p.name)}
              onChange={(e) => ownPost(p.name, e.target.checked)} />{p.name}</label>
          ))}
        </div>
      )}
      {warnings.size > 0 && (
        <div className="warn" role="status">
          金额未随级别递增：{[...warnings].map((w) => w.replace('#', ' ') + '级').join('、')}
        </div>
      )}
      <div className="matrix-host">
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('还没有薪级')}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
        />
      </div>
    </div>
  );
}
