import { defineReport } from '../def.ts';
import { orgGroups, unitsUnder } from '../groups.ts';
import type { Column, RowGroup } from '../table.ts';
import { confirmedPayLines, yuan, type PayItem } from './pay-lines.ts';

// 薪酬支出: confirmed pay per month and per component (基本工资 / 津补贴 / 绩效), money in fen.

const money = (key: string, label: string, value: (l: PayItem) => number): Column<PayItem> => ({ key, label, group: '金额（元）', kind: 'sum', value, unit: '元', money: true });

export const payColumns: Column<PayItem>[] = [
  { key: 'lines', label: '发放人次', group: '人数', kind: 'count', unit: '人次' },
  money('base', '基本工资', (l) => l.baseFen),
  money('allowances', '津补贴', (l) => l.allowancesFen),
  money('performance', '绩效', (l) => l.performanceFen),
  money('total', '应发合计', (l) => l.totalFen),
];

export const payReport = defineReport<PayItem>({
  name: 'pay',
  title: '社区工作者薪酬发放月度统计表',
  period: 'year',
  summary: '某年度已确认工资表的每月发放人次与各组成部分金额',
  comparable: false,
  charts: [{ type: 'line', columns: ['total', 'base', 'performance'], rows: 'period', title: '月度薪酬走势（元）' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const lines = confirmedPayLines(ctx, units.map((u) => u.id), p.year);
    const groups: RowGroup<PayItem>[] = [];
    for (let m = 1; m <= 12; m++) {
      const month = `${p.year}-${String(m).padStart(2, '0')}`;
      groups.push({ key: month, label: `${m}月`, level: 'period', items: lines.filter((l) => l.month === month) });
    }
    groups.push({ key: 'total', label: '合计', level: 'total', items: lines });
    return {
      unit: root,
      groups,
      columns: payColumns,
      member: (l, c) => {
        const v = c.value ? c.value(l) : l.totalFen;
        return { id: l.id, name: l.name, orgName: l.orgName, detail: `${l.month} ${c.kind === 'sum' ? c.label : '应发合计'} ${yuan(v)} 元`, ...(c.kind === 'sum' ? { value: v } : {}) };
      },
      notes: ['只统计已确认的月份；未确认月份的工资表仍可能变化，不计入。'],
    };
  },
});

interface PersonPerformance {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  months: number;
  performanceFen: number;
  totalFen: number;
}

export const performanceReport = defineReport<PersonPerformance>({
  name: 'performance',
  title: '社区工作者年度绩效统计表',
  period: 'year',
  summary: '某年度各单位已发放绩效合计与人均（按已确认工资表）',
  comparable: false,
  charts: [{ type: 'bar', columns: ['performance'], rows: 'leaf', title: '各社区年度绩效合计（元）' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const byPerson = new Map<string, PersonPerformance>();
    for (const l of confirmedPayLines(ctx, units.map((u) => u.id), p.year)) {
      const x = byPerson.get(l.personId) ?? { id: l.personId, name: l.name, orgId: l.orgId, orgName: l.orgName, months: 0, performanceFen: 0, totalFen: 0 };
      x.months++;
      x.performanceFen += l.performanceFen;
      x.totalFen += l.totalFen;
      byPerson.set(l.personId, x);
    }
    const columns: Column<PersonPerformance>[] = [
      { key: 'people', label: '人数', group: '人数', kind: 'count', unit: '人' },
      { key: 'performance', label: '绩效合计', group: '金额（元）', kind: 'sum', value: (x) => x.performanceFen, unit: '元', money: true },
      { key: 'avgPerformance', label: '人均绩效', group: '金额（元）', kind: 'avg', value: (x) => x.performanceFen, unit: '元', money: true },
      { key: 'total', label: '全年应发合计', group: '金额（元）', kind: 'sum', value: (x) => x.totalFen, unit: '元', money: true },
    ];
    return {
      unit: root,
      groups: orgGroups(root, units, [...byPerson.values()], (x) => x.orgId),
      columns,
      member: (x, c) => {
        const v = c.value ? c.value(x) : x.performanceFen;
        return { id: x.id, name: x.name, orgName: x.orgName, detail: `${x.months} 个月，绩效 ${yuan(x.performanceFen)} 元`, ...(c.kind === 'sum' ? { value: v } : {}) };
      },
      notes: ['年度绩效 = 当年已确认各月工资表中的绩效部分之和；人员按工资表中的所属社区归入。'],
    };
  },
});
