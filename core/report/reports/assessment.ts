import type { ResultRecord } from '../../assessment/contract.ts';
import { confirmedResults } from '../../assessment/handlers-reports.ts';
import { isLeaf } from '../groups.ts';
import { defineReport } from '../def.ts';
import { orgGroups, unitsUnder } from '../groups.ts';
import type { Column } from '../table.ts';
import { quotaPercents } from './assessment-quota.ts';

// 考核等次分布: confirmed results of the year per unit, each grade a column, and the share of
// the top grade set against the scheme's 优秀 quota.

const ORDER = ['优秀', '称职', '合格', '基本称职', '基本合格', '不称职', '不合格'];

export const assessmentReport = defineReport<ResultRecord>({
  name: 'assessment',
  title: '年度考核等次分布统计表',
  period: 'year',
  summary: '某年度已确认考核结果的等次分布，优秀占比与名额比例对照',
  comparable: false,
  charts: [{ type: 'pie', columns: [], rows: 'total', title: '等次分布' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const results = confirmedResults(ctx, { year: p.year, orgId: p.orgId });
    const labels = [...new Set(results.map((r) => r.grade))].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
    const top = labels[0] ?? '优秀';
    const quota = quotaPercents(ctx, results);
    const columns: Column<ResultRecord>[] = [
      { key: 'people', label: '参加考核人数', group: '人数', kind: 'count', unit: '人' },
      ...labels.map((g, i): Column<ResultRecord> => ({ key: `g${i}`, label: g, group: '等次', kind: 'count', test: (r) => r.grade === g, unit: '人' })),
      { key: 'top', label: `${top}人数`, group: `${top}占比`, kind: 'count', test: (r) => r.grade === top, unit: '人' },
      { key: 'topRate', label: `${top}占比`, group: `${top}占比`, kind: 'rate', rate: { num: 'top', den: 'people' }, unit: '%' },
      {
        key: 'quota', label: '名额比例', group: `${top}占比`, kind: 'text',
        text: (items) => {
          const ps = [...new Set(items.map((r) => quota.get(r.cycleId)).filter((x) => x !== undefined))];
          return ps.length === 0 ? '' : ps.map((x) => `${x}%`).join('、');
        },
      },
      {
        key: 'overQuota', label: '是否超出名额', group: `${top}占比`, kind: 'text',
        text: (items, row) => {
          if (!isLeaf(row.level) || items.length === 0) return '';
          const limit = Math.max(...items.map((r) => quota.get(r.cycleId) ?? 100));
          return (items.filter((r) => r.grade === top).length * 100) / items.length > limit ? '超出' : '未超出';
        },
      },
    ];
    return {
      unit: root,
      groups: orgGroups(root, units, results, (r) => r.orgId),
      columns,
      member: (r) => ({ id: r.personId, name: r.personName, orgName: r.orgName, detail: `${r.grade}，总分 ${r.total}，第 ${r.rank}/${r.rankOf} 名` }),
      // The pie reads the grade columns of the 合计 row.
      charts: [{ type: 'pie', columns: labels.map((_, i) => `g${i}`), rows: 'total', title: '等次分布' }],
      notes: [`只统计 ${p.year} 年度已确认（锁定）的考核结果；名额比例取自各考核周期所用方案。`],
    };
  },
});
