import type { PersonHours } from '../../training/contract-views.ts';
import { hoursByPerson } from '../../training/hours.ts';
import { defineReport } from '../def.ts';
import { orgGroups, unitsUnder } from '../groups.ts';
import type { Column } from '../table.ts';

// 培训完成情况: per unit, who met the year's requirement, and how the credited hours spread.
// Reads the training module's own per-person evaluation, so the figures match its pages.

type C = Column<PersonHours>;
const count = (key: string, label: string, group: string, test: (p: PersonHours) => boolean): C => ({ key, label, group, kind: 'count', test, unit: '人' });

export const HOUR_BANDS: { key: string; label: string; min: number; max: number | null }[] = [
  { key: 'h0', label: '0 学时', min: 0, max: 0 },
  { key: 'h1', label: '不足 20 学时', min: 0.01, max: 19.99 },
  { key: 'h2', label: '20–39 学时', min: 20, max: 39.99 },
  { key: 'h3', label: '40 学时及以上', min: 40, max: null },
];

export const trainingColumns: C[] = [
  count('people', '人数', '人员', () => true),
  count('required', '有年度要求', '达标情况', (p) => p.met !== null),
  count('met', '已达标', '达标情况', (p) => p.met === true),
  count('notMet', '未达标', '达标情况', (p) => p.met === false),
  { key: 'metRate', label: '达标率', group: '达标情况', kind: 'rate', rate: { num: 'met', den: 'required' }, unit: '%' },
  ...HOUR_BANDS.map((b) => count(b.key, b.label, '学时分布', (p) => p.hours >= b.min && (b.max === null || p.hours <= b.max))),
  { key: 'hours', label: '总学时', group: '学时', kind: 'sum', value: (p) => p.hours, unit: '学时' },
  { key: 'avgHours', label: '人均学时', group: '学时', kind: 'avg', value: (p) => p.hours, unit: '学时' },
];

export const trainingReport = defineReport<PersonHours>({
  name: 'training',
  title: '社区工作者培训完成情况统计表',
  period: 'year',
  summary: '某年度各社区培训达标人数、达标率与学时分布',
  comparable: false,
  charts: [{ type: 'bar', columns: ['met', 'notMet'], rows: 'leaf', title: '各社区培训达标情况' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const rows = hoursByPerson(ctx, { year: p.year, orgId: p.orgId }).rows;
    return {
      unit: root,
      groups: orgGroups(root, units, rows, (x) => x.orgId),
      columns: trainingColumns,
      member: (x, c) => ({
        id: x.personId, name: x.name, orgName: x.orgName,
        detail: `${x.hours} 学时 / ${x.days} 天${x.shortfall ? `，${x.shortfall}` : ''}`,
        ...(c.kind === 'sum' ? { value: x.hours } : {}),
      }),
      notes: [`${p.year} 年度内任一时间在岗的人员；达标按培训模块的年度要求规则判定（示例规则已在培训页标注）。`],
    };
  },
});
