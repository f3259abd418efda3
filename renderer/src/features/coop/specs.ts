import type { ColDef } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { FOLLOW_UP_STATUSES, SERVICE_CATEGORIES, UNIT_KINDS } from '../../../../core/ledger/coop/fields.ts';
import { REGISTRATION_KINDS } from '../../../../core/ledger/grid/contract.ts';

// What each 共建与网格 tab lists, exports and edits, as data: the tab component is generic.

export const callAny = call as unknown as (name: string, input: unknown) => Promise<unknown>;

export interface Option {
  value: string;
  label: string;
}
export interface FieldSpec {
  key: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'textarea';
  required?: boolean;
  optional?: boolean;
  placeholder?: string;
  initial?: string;
  options?: () => Option[];
  toText?: (v: unknown) => string;
  /** `initial` is the stored value, so an edit can keep what the text does not show. */
  fromText?: (s: string, initial?: unknown) => unknown;
}
export interface FormSpec {
  title: string;
  create: string;
  update: string;
  fields: FieldSpec[];
}
export interface Lookups {
  units: Option[];
  grids: Option[];
  meetings: Option[];
  people: Option[];
}
export interface TabSpec {
  tab: string;
  list: string;
  remove: string;
  exportTable: string;
  title: string;
  columns: ColDef[];
  form: (l: Lookups) => FormSpec;
}

const opts = (xs: readonly string[]): (() => Option[]) => () => xs.map((x) => ({ value: x, label: x }));
const num = (s: string) => (s.trim() === '' ? 0 : Number(s));
const nullIfEmpty = (s: string) => (s.trim() === '' ? null : s);
const list = (s: string) => s.split(/[，,、\s]+/).map((x) => x.trim()).filter(Boolean);
const joinList = (v: unknown) => (Array.isArray(v) ? v.join('、') : '');
/** A select showing a list's first entry: changing it keeps the other entries (the form edits only the first). */
const one = (s: string, initial?: unknown) => {
  const rest = Array.isArray(initial) ? (initial as string[]).slice(1) : [];
  return s ? [s, ...rest.filter((x) => x !== s)] : rest;
};
const first = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : '');
const j = (p: { value: unknown }) => (Array.isArray(p.value) ? p.value.join('、') : '');

/** 议题 lines: "标题 2026-03-01" (the date is when it was handed in). */
const topicsFrom = (s: string) =>
  s.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(.*?)\s+(\d{4}-\d{2}-\d{2})$/.exec(l);
    return m ? { title: m[1], submittedDate: m[2] } : { title: l, submittedDate: null };
  });
const topicsTo = (v: unknown) => (Array.isArray(v) ? v.map((t: { title: string; submittedDate: string | null }) => [t.title, t.submittedDate].filter(Boolean).join(' ')).join('\n') : '');
/** Follow-up lines: "事项 已办结|办理中|未办理". */
const followFrom = (s: string) =>
  s.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const status = FOLLOW_UP_STATUSES.find((x) => l.endsWith(x));
    return { item: status ? l.slice(0, -status.length).trim() : l, status: status ?? '办理中', note: null };
  });
const followTo = (v: unknown) => (Array.isArray(v) ? v.map((f: { item: string; status: string }) => `${f.item} ${f.status}`).join('\n') : '');

export const TABS: TabSpec[] = [
  {
    tab: '共建单位', list: 'ledger.coop.units.list', remove: 'ledger.coop.units.remove', exportTable: 'units', title: '共建单位台账',
    columns: [{ field: 'name', headerName: '单位名称', width: 200 }, { field: 'kind', headerName: '类别', width: 90 }, { field: 'partyOrg', headerName: '单位党组织', width: 160 },
      { field: 'contactName', headerName: '联络员', width: 90 }, { field: 'contactPhone', headerName: '联系电话', width: 120 }, { field: 'spaceM2', headerName: '共享阵地㎡', width: 100 },
      { field: 'squares', headerName: '广场', width: 70 }, { field: 'facilities', headerName: '设施', width: 70 }, { field: 'agreementsInForce', headerName: '有效协议', width: 90 }, { field: 'orgName', headerName: '所属组织', width: 110 }],
    form: () => ({
      title: '共建单位', create: 'ledger.coop.units.create', update: 'ledger.coop.units.update',
      fields: [{ key: 'name', label: '单位名称', required: true }, { key: 'kind', label: '单位类别', required: true, options: opts(UNIT_KINDS), initial: '机关' },
        { key: 'partyOrg', label: '单位党组织' }, { key: 'contactName', label: '联络员' }, { key: 'contactPhone', label: '联络员电话' },
        { key: 'spaceM2', label: '共享阵地面积（平方米）', type: 'number', fromText: num }, { key: 'squares', label: '共享广场（个）', type: 'number', fromText: num },
        { key: 'facilities', label: '共享设施（件）', type: 'number', fromText: num }, { key: 'remarks', label: '备注', type: 'textarea' }],
    }),
  },
  {
    tab: '共建协议', list: 'ledger.coop.agreements.list', remove: 'ledger.coop.agreements.remove', exportTable: 'agreements', title: '共建协议台账',
    columns: [{ field: 'unitName', headerName: '共建单位', width: 180 }, { field: 'title', headerName: '协议名称', width: 220 }, { field: 'startDate', headerName: '开始日期', width: 110 },
      { field: 'endDate', headerName: '终止日期', width: 110 }, { field: 'contactName', headerName: '联络员', width: 90 },
      { field: 'inForce', headerName: '状态', width: 90, cellDataType: false, valueFormatter: (p) => (p.value ? '有效' : '不在期内') },
      { field: 'overdueQuarters', headerName: '逾期未报季度', width: 160, valueFormatter: j, cellClass: (p) => (p.data?.overdue ? 'cell-overdue' : '') }, { field: 'orgName', headerName: '所属组织', width: 110 }],
    form: (l) => ({
      title: '共建协议', create: 'ledger.coop.agreements.create', update: 'ledger.coop.agreements.update',
      fields: [{ key: 'unitId', label: '共建单位', required: true, options: () => l.units, initial: l.units[0]?.value ?? '' }, { key: 'title', label: '协议名称', required: true, initial: '党建共驻共建协议书' },
        { key: 'signedDate', label: '签订日期', type: 'date', required: true }, { key: 'startDate', label: '开始日期', type: 'date', required: true }, { key: 'endDate', label: '终止日期', type: 'date', required: true },
        { key: 'contactName', label: '联络员' }, { key: 'clauses', label: '协议条款', type: 'textarea' }, { key: 'remarks', label: '备注', type: 'textarea' }],
    }),
  },
  {
    tab: '联席会议', list: 'ledger.coop.meetings.list', remove: 'ledger.coop.meetings.remove', exportTable: 'meetings', title: '联席会议台账',
    columns: [{ field: 'date', headerName: '会议日期', width: 110 }, { field: 'quarter', headerName: '季度', width: 90 }, { field: 'hostUnitName', headerName: '轮值主席单位', width: 180 },
      { field: 'chairName', headerName: '轮值主席', width: 90 }, { field: 'topics', headerName: '议题', width: 240, valueFormatter: (p) => (Array.isArray(p.value) ? p.value.map((t: { title: string }) => t.title).join('、') : '') },
      { field: 'warnings', headerName: '提示', width: 280, valueFormatter: (p) => (Array.isArray(p.value) ? p.value.join('；') : ''), cellClass: (p) => (p.value?.length ? 'cell-overdue' : '') }, { field: 'orgName', headerName: '所属组织', width: 110 }],
    form: (l) => ({
      title: '联席会议', create: 'ledger.coop.meetings.create', update: 'ledger.coop.meetings.update',
      fields: [{ key: 'date', label: '会议日期', type: 'date', required: true }, { key: 'hostUnitId', label: '轮值主席单位', optional: true, options: () => l.units, fromText: nullIfEmpty },
        { key: 'chairName', label: '轮值主席' }, { key: 'attendees', label: '参会人员（以顿号或逗号分隔）', toText: joinList, fromText: list },
        { key: 'topics', label: '议题（每行一个，行尾可写提交日期 YYYY-MM-DD）', type: 'textarea', toText: topicsTo, fromText: topicsFrom },
        { key: 'minutes', label: '会议纪要', type: 'textarea' }, { key: 'previousMeetingId', label: '上次会议', optional: true, options: () => l.meetings, fromText: nullIfEmpty },
        { key: 'followUps', label: '上次会议事项办理情况（每行：事项 已办结/办理中/未办理）', type: 'textarea', toText: followTo, fromText: followFrom }],
    }),
  },
  {
    tab: '共建活动', list: 'ledger.coop.activities.list', remove: 'ledger.coop.activities.remove', exportTable: 'activities', title: '共建活动台账',
    columns: [{ field: 'date', headerName: '活动日期', width: 110 }, { field: 'title', headerName: '活动名称', width: 180 }, { field: 'unitNames', headerName: '参与单位', width: 200, valueFormatter: j },
      { field: 'teamNames', headerName: '参与服务队', width: 160, valueFormatter: j }, { field: 'participants', headerName: '参与人数', width: 90 }, { field: 'problemsSolved', headerName: '解决问题', width: 90 },
      { field: 'orderRefs', headerName: '关联工单', width: 140, valueFormatter: j }, { field: 'orgName', headerName: '所属组织', width: 110 }],
    form: (l) => ({
      title: '共建活动', create: 'ledger.coop.activities.create', update: 'ledger.coop.activities.update',
      fields: [{ key: 'date', label: '活动日期', type: 'date', required: true }, { key: 'title', label: '活动名称', required: true },
        { key: 'unitIds', label: '参与共建单位', optional: true, options: () => l.units, toText: first, fromText: one }, { key: 'participants', label: '参与人数', type: 'number', required: true, fromText: num },
        { key: 'problemsSolved', label: '解决问题数', type: 'number', fromText: num }, { key: 'orderRefs', label: '关联工单编号（逗号分隔）', toText: joinList, fromText: list },
        { key: 'content', label: '活动内容', type: 'textarea' }],
    }),
  },
  {
    tab: '志愿服务队', list: 'ledger.coop.teams.list', remove: 'ledger.coop.teams.remove', exportTable: 'teams', title: '党员志愿服务队台账',
    columns: [{ field: 'name', headerName: '服务队名称', width: 200 }, { field: 'categories', headerName: '服务类别', width: 160, valueFormatter: j },
      { field: 'members', headerName: '队员', width: 320, valueFormatter: (p) => (Array.isArray(p.value) ? p.value.map((m: { name: string }) => m.name).join('、') : '') }, { field: 'orgName', headerName: '所属组织', width: 110 }],
    form: () => ({
      title: '志愿服务队', create: 'ledger.coop.teams.create', update: 'ledger.coop.teams.update',
      fields: [{ key: 'name', label: '服务队名称', required: true }, { key: 'categories', label: '服务类别（逗号分隔）', toText: joinList, fromText: list },
        { key: 'members', label: '队员姓名（逗号分隔；花名册与双报到队员请在列表中查看）', toText: (v) => (Array.isArray(v) ? v.map((m: { name: string }) => m.name).join('、') : ''),
          // Members from the roster or the 双报到 list keep their link when their name stays.
          fromText: (s, initial) => {
            const before = Array.isArray(initial) ? (initial as { source: string; refId: string | null; name: string }[]) : [];
            return list(s).map((name) => {
              const m = before.find((x) => x.name === name);
              if (m?.source === '花名册') return { source: '花名册', personId: m.refId, name };
              if (m?.source === '双报到') return { source: '双报到', registrationId: m.refId, name };
              return { source: '手工', name };
            });
          } },
        { key: 'remarks', label: '备注', type: 'textarea' }],
    }),
  },
  {
    tab: '网格', list: 'ledger.grid.areas.list', remove: 'ledger.grid.areas.remove', exportTable: 'grids', title: '网格台账',
    columns: [{ field: 'name', headerName: '网格名称', width: 120 }, { field: 'households', headerName: '户数', width: 80 }, { field: 'leaderName', headerName: '网格长', width: 100 },
      { field: 'workerNames', headerName: '网格员', width: 200, valueFormatter: j }, { field: 'registered', headerName: '报到党员', width: 90 }, { field: 'orgName', headerName: '所属社区', width: 110 }],
    form: (l) => ({
      title: '网格', create: 'ledger.grid.areas.create', update: 'ledger.grid.areas.update',
      fields: [{ key: 'name', label: '网格名称', required: true }, { key: 'households', label: '户数', type: 'number', required: true, fromText: num },
        { key: 'leaderPersonId', label: '网格长（花名册）', optional: true, options: () => l.people, fromText: nullIfEmpty },
        { key: 'workerPersonIds', label: '网格员（花名册）', optional: true, options: () => l.people, toText: first, fromText: one }, { key: 'remarks', label: '备注', type: 'textarea' }],
    }),
  },
  {
    tab: '双报到', list: 'ledger.grid.registrations.list', remove: 'ledger.grid.registrations.remove', exportTable: 'registrations', title: '双报到台账',
    columns: [{ field: 'kind', headerName: '类型', width: 90 }, { field: 'name', headerName: '姓名/单位', width: 140 }, { field: 'workUnit', headerName: '工作单位', width: 160 },
      { field: 'categories', headerName: '服务类别', width: 180, valueFormatter: j }, { field: 'gridName', headerName: '网格', width: 100 }, { field: 'registeredDate', headerName: '报到日期', width: 110 },
      { field: 'receiptDate', headerName: '回执日期', width: 110 }, { field: 'services', headerName: '服务次数', width: 90 },
      { field: 'feedbackMissing', headerName: '未反馈季度', width: 150, valueFormatter: j, cellClass: (p) => (p.value?.length ? 'cell-overdue' : '') }, { field: 'orgName', headerName: '报到社区', width: 110 }],
    form: (l) => ({
      title: '双报到登记', create: 'ledger.grid.registrations.create', update: 'ledger.grid.registrations.update',
      fields: [{ key: 'kind', label: '报到类型', required: true, options: opts(REGISTRATION_KINDS), initial: '在职党员' }, { key: 'name', label: '姓名/单位名称', required: true },
        { key: 'workUnit', label: '工作单位/上级党组织', required: true }, { key: 'phone', label: '联系电话' }, { key: 'specialty', label: '个人专长' },
        { key: 'categories', label: `服务类别（${SERVICE_CATEGORIES.join('、')}）`, toText: joinList, fromText: list },
        { key: 'gridId', label: '所在网格', optional: true, options: () => l.grids, fromText: nullIfEmpty }, { key: 'registeredDate', label: '报到日期', type: 'date', required: true },
        { key: 'receiptDate', label: '回执日期', type: 'date', fromText: nullIfEmpty }, { key: 'leftDate', label: '退出日期', type: 'date', fromText: nullIfEmpty }],
    }),
  },
];
