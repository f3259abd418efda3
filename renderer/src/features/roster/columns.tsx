import { useState } from 'react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { PersonSummary } from '../../../../core/roster/contract.ts';
import { call, errorText } from '../../api/client.ts';

/** Masked ID number with a reveal action; the full value is fetched (and audited) on demand. */
function IdNumberCell({ data }: ICellRendererParams<PersonSummary>) {
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data?.idNumberMasked) return null;
  async function reveal() {
    if (!data) return;
    setBusy(true);
    try {
      setFull((await call('roster.reveal', { id: data.id, field: 'idNumber' })).value);
    } catch (e) {
      window.alert(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="id-cell">
      <span className="mono">{full ?? data.idNumberMasked}</span>
      <button
        type="button"
        className="link"
        disabled={busy}
        aria-label={full ? `隐藏${data.name}的身份证号` : `显示${data.name}的完整身份证号`}
        onClick={(e) => {
          e.stopPropagation();
          if (full) setFull(null);
          else void reveal();
        }}
      >
        {full ? '隐藏' : '显示'}
      </button>
    </span>
  );
}

// ISO dates compare as text; the date filter hands us a local-midnight Date.
function isoDateComparator(filterDate: Date, cell: string | null): number {
  if (!cell) return -1;
  const f = `${filterDate.getFullYear()}-${String(filterDate.getMonth() + 1).padStart(2, '0')}-${String(filterDate.getDate()).padStart(2, '0')}`;
  return cell < f ? -1 : cell > f ? 1 : 0;
}

const text = (field: keyof PersonSummary, headerName: string, width: number, extra: ColDef<PersonSummary> = {}): ColDef<PersonSummary> => ({
  field, colId: field, headerName, width, filter: 'agTextColumnFilter', ...extra,
});

export const ROSTER_COLUMNS: ColDef<PersonSummary>[] = [
  text('name', '姓名', 92, { pinned: 'left' }),
  text('gender', '性别', 68),
  text('ethnicity', '民族', 80),
  text('birthDate', '出生日期', 112, { filter: 'agDateColumnFilter', filterParams: { comparator: isoDateComparator } }),
  { field: 'age', colId: 'age', headerName: '年龄', width: 72, filter: 'agNumberColumnFilter', type: 'numericColumn' },
  {
    field: 'idNumberMasked', colId: 'idNumberMasked', headerName: '身份证号', width: 200,
    filter: 'agTextColumnFilter', cellRenderer: IdNumberCell, sortable: false,
  },
  text('politicalStatus', '政治面貌', 104),
  {
    colId: 'posts', headerName: '职务', width: 170, filter: 'agTextColumnFilter',
    valueGetter: (p) => p.data?.posts.join('、') ?? '',
    tooltipValueGetter: (p) => p.data?.posts.join('、') ?? '',
  },
  text('postCategory', '岗位类别', 98),
  { colId: 'education', headerName: '学历', width: 100, filter: 'agTextColumnFilter', valueGetter: (p) => p.data?.ftEducation ?? p.data?.ptEducation ?? '' },
  {
    field: 'communityYears', colId: 'communityYears', headerName: '社区工作年限', width: 116,
    filter: 'agNumberColumnFilter', type: 'numericColumn',
  },
  text('phone', '联系电话', 124),
  text('grid', '所在网格', 100),
  text('orgName', '所属社区', 130),
  {
    colId: 'status', headerName: '状态', width: 120, filter: 'agTextColumnFilter',
    valueGetter: (p) => (p.data ? (p.data.statusDate && p.data.status !== '在岗' ? `${p.data.status} ${p.data.statusDate}` : p.data.status) : ''),
    cellClass: (p) => (p.data?.status === '在岗' ? 'status-on' : 'status-off'),
  },
];

export const COLUMN_LABELS: { colId: string; label: string }[] = ROSTER_COLUMNS.map((c) => ({ colId: c.colId!, label: c.headerName! }));
