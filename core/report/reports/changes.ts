import { defineReport } from '../def.ts';
import { isLeaf, orgGroups, unitsUnder } from '../groups.ts';
import { inPostOn, loadPeople, type StatPerson } from '../people.ts';
import type { Column } from '../table.ts';

// 社工变动统计 (鄞州 layout, domain-2 §5.4): 12月底在册, and who joined and left during the
// year with the month. Joining is the 社区工作起始时间; leaving the 离任/退休/解聘 date.

interface Change extends StatPerson {
  atYearEnd: boolean;
  joinedMonth: number | null;
  leftMonth: number | null;
}

const month = (d: string | null, year: number): number | null => (d && d.startsWith(`${year}-`) ? Number(d.slice(5, 7)) : null);
const names = (items: readonly Change[], pick: (c: Change) => number | null) =>
  items.filter((c) => pick(c) !== null).map((c) => `${c.name}（${pick(c)}月）`).join('、');

export const changeColumns: Column<Change>[] = [
  { key: 'atYearEnd', label: '人数', group: '12月底在册', kind: 'count', test: (c) => c.atYearEnd, unit: '人' },
  { key: 'joined', label: '新增人数', group: '新增', kind: 'count', test: (c) => c.joinedMonth !== null, unit: '人' },
  { key: 'joinedNames', label: '新增人员名单及上岗月份', group: '新增', kind: 'text', text: (items, row) => (isLeaf(row.level) ? names(items, (c) => c.joinedMonth) : '') },
  { key: 'left', label: '减少人数', group: '减少', kind: 'count', test: (c) => c.leftMonth !== null, unit: '人' },
  { key: 'leftNames', label: '减少人员名单及离岗月份', group: '减少', kind: 'text', text: (items, row) => (isLeaf(row.level) ? names(items, (c) => c.leftMonth) : '') },
];

export const changesReport = defineReport<Change>({
  name: 'changes',
  title: '社区专职工作者变动统计表',
  period: 'year',
  summary: '某年度各社区 12 月底在册人数、新增与减少人员名单及月份',
  comparable: false,
  charts: [{ type: 'bar', columns: ['joined', 'left'], rows: 'leaf', title: '各社区新增与减少人数' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const end = `${p.year}-12-31`;
    const people = loadPeople(ctx, units.map((u) => u.id), end, { includeLeft: { from: `${p.year - 1}-12-31` } });
    const items: Change[] = people.map((x) => ({
      ...x,
      atYearEnd: inPostOn(x, end),
      joinedMonth: month(x.communityWorkStartDate, p.year),
      leftMonth: x.status !== '在岗' ? month(x.statusDate, p.year) : null,
    }));
    return {
      unit: root,
      groups: orgGroups(root, units, items, (x) => x.orgId),
      columns: changeColumns,
      member: (c) => ({
        id: c.id, name: c.name, orgName: c.orgName,
        detail: [c.joinedMonth !== null ? `${c.joinedMonth}月上岗` : '', c.leftMonth !== null ? `${c.leftMonth}月${c.status}` : '', c.atYearEnd ? '年末在册' : ''].filter(Boolean).join('，'),
      }),
      notes: ['新增按社区工作起始时间计；减少按离任、退休、解聘的日期计；人员所属社区为当前所属社区。'],
    };
  },
});
