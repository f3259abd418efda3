import { useState } from 'react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { PersonListRow } from '../../../../core/roster/contract.ts';
import { call, errorText } from '../../api/client.ts';

/** Masked ID number with a reveal action; the full value is fetched (and audited) on demand. */
function IdNumberCell({ data }: ICellRendererParams<PersonListRow>) {
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

const text = (field: keyof PersonListRow, headerName: string, width: number, extra: ColDef<PersonListRow> = {}): ColDef<PersonListRow> => ({
  field, colId: field, headerName, width, filter: 'agTextColumnFilter', ...extra,
});
// Sorting and filtering happen on the server (roster.page); the date filter only needs to
// send its date, and the server compares ISO text.
const date = (field: keyof PersonListRow, headerName: string, extra: ColDef<PersonListRow> = {}) =>
  text(field, headerName, 108, { filter: 'agDateColumnFilter', initialHide: true, ...extra });

// Shown by default: what fits beside the menu and the org tree at 1366 px (about 975 px of
// grid, see tests/e2e/roster-grid.spec.ts). The column chooser (列设置) keeps the rest.
export const ROSTER_COLUMNS: ColDef<PersonListRow>[] = [
  text('name', '姓名', 84, { pinned: 'left' }),
  text('gender', '性别', 56),
  text('ethnicity', '民族', 76, { initialHide: true }),
  date('birthDate', '出生日期'),
  { field: 'age', colId: 'age', headerName: '年龄', width: 60, filter: 'agNumberColumnFilter', type: 'numericColumn' },
  {
    field: 'idNumberMasked', colId: 'idNumberMasked', headerName: '身份证号', width: 186,
    filter: 'agTextColumnFilter', cellRenderer: IdNumberCell,
  },
  text('politicalStatus', '政治面貌', 100, { initialHide: true }),
  {
    colId: 'posts', headerName: '职务', width: 150, filter: 'agTextColumnFilter',
    valueGetter: (p) => p.data?.posts?.join('、') ?? '',
    tooltipValueGetter: (p) => p.data?.posts?.join('、') ?? '',
  },
  text('postCategory', '岗位类别', 92),
  { colId: 'education', headerName: '学历', width: 96, filter: 'agTextColumnFilter', initialHide: true, valueGetter: (p) => p.data?.ftEducation ?? p.data?.ptEducation ?? '' },
  {
    field: 'communityYears', colId: 'communityYears', headerName: '社区工作年限', width: 110,
    filter: 'agNumberColumnFilter', type: 'numericColumn', initialHide: true,
  },
  text('phone', '联系电话', 120),
  text('grid', '所在网格', 96, { initialHide: true }),
  text('orgName', '所属社区', 116),
  {
    colId: 'status', headerName: '状态', width: 104, filter: 'agTextColumnFilter',
    valueGetter: (p) => (p.data ? (p.data.statusDate && p.data.status !== '在岗' ? `${p.data.status} ${p.data.statusDate}` : p.data.status) : ''),
    cellClass: (p) => (p.data?.status === '在岗' ? 'status-on' : 'status-off'),
  },
  text('nativePlace', '籍贯', 90, { initialHide: true }),
  date('partyJoinDate', '入党时间'),
  date('communityWorkStartDate', '社区工作起始'),
  text('swQualification', '社工资格', 100, { initialHide: true }),
  text('remarks', '备注', 140, { initialHide: true }),
];

export const COLUMN_LABELS: { colId: string; label: string }[] = ROSTER_COLUMNS.map((c) => ({ colId: c.colId!, label: c.headerName! }));
