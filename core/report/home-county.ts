import { and, count, isNull } from 'drizzle-orm';
import { bundleConflicts } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { scopeCondition } from '../guard/scope.ts';
import { addYears } from '../roster/dates.ts';
import { deltaText } from './delta.ts';
import { unitsUnder } from './groups.ts';
import { headlineFigures } from './home-figures.ts';
import { countInPost } from './people.ts';
import type { HomeCard, HomeTable } from './home-contract.ts';

// The county's landing page: the headline figures of the team (the 队伍结构 report's columns,
// counted in SQL by home-figures.ts; a test holds them equal to the report) and each
// community's reporting state.

const pct = (v: unknown) => (typeof v === 'number' ? `${v}%` : '—');

export function countyFigures(ctx: Ctx, orgId: string, today: string): { cards: HomeCard[]; table: HomeTable; notes: string[] } {
  const rows = headlineFigures(ctx, orgId, today);
  const total = rows.find((r) => r.key === 'total')!.cells;
  // Last year's headcount by one COUNT with the same in-post rule, not a second full report.
  const yearAgo = addYears(today, -1);
  const before = countInPost(ctx, unitsUnder(ctx, orgId).units.map((u) => u.id), yearAgo);
  const link = '#/reports/composition';
  const cards: HomeCard[] = [
    { key: 'people', label: '在岗社区工作者', value: `${total.total} 人`, hint: `较上年 ${deltaText(Number(total.total), before, '人')}`, tone: 'info', link },
    { key: 'bachelor', label: '本科及以上', value: pct(total.hiBachelorRate), hint: `${total.hiBachelor} 人（最高学历）`, tone: 'info', link },
    { key: 'oneShoulder', label: '一肩挑率', value: pct(total.oneShoulderRate), hint: `${total.oneShoulder} 人`, tone: 'info', link },
    { key: 'cross', label: '交叉任职率', value: pct(total.crossRate), hint: `${total.cross} 人`, tone: 'info', link },
    { key: 'certified', label: '社工证持证率', value: pct(total.swRate), hint: `${total.swHeld} 人`, tone: 'info', link },
  ];
  const table: HomeTable = {
    key: 'streets', title: '各街道队伍概况', empty: '没有街道',
    columns: [{ key: 'name', label: '街道' }, { key: 'total', label: '人数' }, { key: 'bachelor', label: '本科及以上占比' }, { key: 'cert', label: '持证率' }],
    rows: rows.filter((r) => r.level === 'street').map((r) => ({ name: r.label.replace(/小计$/, ''), total: r.cells.total ?? 0, bachelor: pct(r.cells.hiBachelorRate), cert: pct(r.cells.swRate) })),
  };
  return { cards, table, notes: [`数字为 ${today} 在岗人员；“较上年”对比 ${yearAgo}。培训达标率见统计报表“培训完成情况”。`] };
}

/** Per community: the last data bundle received, bundles held back for a gap, conflicts; null before any enrolment. */
export function communityExchange(ctx: Ctx): { cards: HomeCard[]; table: HomeTable } | null {
  const peers = ctx.sqlite.prepare(`SELECT org_code AS code, org_name AS name, status FROM bundle_peers WHERE role = 'community' AND status != 'replaced' ORDER BY org_code`).all() as { code: string; name: string; status: string }[];
  if (!peers.length) return null;
  const states = new Map((ctx.sqlite.prepare('SELECT chain, last_seq AS seq, last_imported_at AS at, records FROM bundle_sender_state').all() as { chain: string; seq: number; at: string; records: number }[]).map((s) => [s.chain, s]));
  const held = ctx.sqlite.prepare('SELECT chain, COUNT(*) AS n FROM bundle_held GROUP BY chain').all() as { chain: string; n: number }[];
  const heldBy = new Map(held.map((h) => [h.chain, h.n]));
  const conflicts = ctx.db.select({ code: bundleConflicts.senderCode, n: count() }).from(bundleConflicts)
    .where(and(isNull(bundleConflicts.resolvedAt), scopeCondition(ctx, bundleConflicts.orgId))).groupBy(bundleConflicts.senderCode).all();
  const conflictBy = new Map(conflicts.map((c) => [c.code, c.n]));
  const rows = peers.map((p) => {
    const s = states.get(`data:${p.code}`);
    return { name: p.name, code: p.code, last: s?.at?.slice(0, 10) ?? '未收到', seq: s?.seq ?? null, records: s?.records ?? null, held: heldBy.get(`data:${p.code}`) ?? 0, conflicts: conflictBy.get(p.code) ?? 0 };
  });
  const never = rows.filter((r) => r.seq === null).length;
  const totalConflicts = conflicts.reduce((s, c) => s + c.n, 0);
  return {
    cards: [
      { key: 'never', label: '未报送社区', value: `${never} 个`, hint: `共 ${rows.length} 个已登记社区`, tone: never ? 'warn' : 'ok', link: '#/exchange' },
      { key: 'conflicts', label: '待处理冲突', value: `${totalConflicts} 条`, hint: '数据包合并时发现的冲突', tone: totalConflicts ? 'bad' : 'ok', link: '#/exchange' },
    ],
    table: {
      key: 'exchange', title: '各社区报送情况', empty: '没有已登记的社区',
      columns: [{ key: 'name', label: '社区' }, { key: 'last', label: '最近接收' }, { key: 'seq', label: '序号' }, { key: 'records', label: '记录数' }, { key: 'held', label: '缺号待补' }, { key: 'conflicts', label: '冲突' }],
      rows,
    },
  };
}
