import { orgUnits } from '../../../db/schema/index.ts';
import type { Ctx } from '../../context.ts';

// The 共建 and 网格 figures for the county view (issue 16 §6), per requested org, each summed
// over that org's subtree. One grouped query per table, then a roll-up along the org tree,
// so the cost does not grow with the number of orgs asked for.

export const COOP_FIGURE_LABELS = {
  residentUnits: '共建单位（个）',
  sharedSpaceM2: '共享阵地（平方米）',
  squares: '共享广场（个）',
  facilities: '共享设施（件）',
  agreementsInForce: '有效共建协议（份）',
  meetingsHeld: '联席会议（次）',
  rotatingChairs: '轮值主席（人次）',
  activities: '共建活动（次）',
  problemsSolved: '活动解决问题（个）',
  volunteerTeams: '志愿服务队（支）',
  grids: '网格（个）',
  dualMembers: '双报到在职党员（人）',
  dualUnits: '双报到机关单位（个）',
} as const;

export type CoopFigureKey = keyof typeof COOP_FIGURE_LABELS;
export const COOP_FIGURE_KEYS = Object.keys(COOP_FIGURE_LABELS) as CoopFigureKey[];

type Range = { from: string; to: string };

/** SQL per figure: rows of (org_id, value) for records kept at each org. */
const QUERIES: Record<CoopFigureKey, string> = {
  residentUnits: `SELECT org_id, count(*) v FROM coop_units WHERE deleted_at IS NULL GROUP BY org_id`,
  sharedSpaceM2: `SELECT org_id, total(space_m2) v FROM coop_units WHERE deleted_at IS NULL GROUP BY org_id`,
  squares: `SELECT org_id, total(squares) v FROM coop_units WHERE deleted_at IS NULL GROUP BY org_id`,
  facilities: `SELECT org_id, total(facilities) v FROM coop_units WHERE deleted_at IS NULL GROUP BY org_id`,
  agreementsInForce: `SELECT org_id, count(*) v FROM coop_agreements WHERE deleted_at IS NULL AND start_date <= @to AND end_date >= @to GROUP BY org_id`,
  meetingsHeld: `SELECT org_id, count(*) v FROM coop_meetings WHERE deleted_at IS NULL AND date BETWEEN @from AND @to GROUP BY org_id`,
  // One chair per host unit and quarter, however many meetings it hosted.
  rotatingChairs: `SELECT org_id, count(DISTINCT host_unit_id || '/' || substr(date, 1, 4) || '/' || ((CAST(substr(date, 6, 2) AS INTEGER) + 2) / 3)) v
    FROM coop_meetings WHERE deleted_at IS NULL AND host_unit_id IS NOT NULL AND date BETWEEN @from AND @to GROUP BY org_id`,
  activities: `SELECT org_id, count(*) v FROM coop_activities WHERE deleted_at IS NULL AND date BETWEEN @from AND @to GROUP BY org_id`,
  problemsSolved: `SELECT org_id, total(problems_solved) v FROM coop_activities WHERE deleted_at IS NULL AND date BETWEEN @from AND @to GROUP BY org_id`,
  volunteerTeams: `SELECT org_id, count(*) v FROM coop_teams WHERE deleted_at IS NULL GROUP BY org_id`,
  grids: `SELECT org_id, count(*) v FROM grid_areas WHERE deleted_at IS NULL GROUP BY org_id`,
  dualMembers: `SELECT org_id, count(*) v FROM grid_registrations WHERE deleted_at IS NULL AND kind = '在职党员' AND registered_date <= @to AND (left_date IS NULL OR left_date >= @to) GROUP BY org_id`,
  dualUnits: `SELECT org_id, count(*) v FROM grid_registrations WHERE deleted_at IS NULL AND kind = '机关单位' AND registered_date <= @to AND (left_date IS NULL OR left_date >= @to) GROUP BY org_id`,
};

/** The figure provider: `orgIds` → figure key → value, each over the org and everything below it. */
export function coopFigures(ctx: Ctx, orgIds: string[], range: Range): Record<string, Record<CoopFigureKey, number>> {
  const parent = new Map(ctx.db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).all().map((o) => [o.id, o.parentId]));
  const wanted = new Set(orgIds);
  const out: Record<string, Record<CoopFigureKey, number>> = {};
  for (const id of orgIds) out[id] = Object.fromEntries(COOP_FIGURE_KEYS.map((k) => [k, 0])) as Record<CoopFigureKey, number>;
  // Which requested orgs a record kept at `orgId` counts towards (itself and its ancestors).
  const targets = new Map<string, string[]>();
  const targetsOf = (orgId: string): string[] => {
    let t = targets.get(orgId);
    if (!t) {
      t = [];
      for (let at: string | null | undefined = orgId, guard = 0; at && guard < 64; at = parent.get(at), guard++) if (wanted.has(at)) t.push(at);
      targets.set(orgId, t);
    }
    return t;
  };
  for (const key of COOP_FIGURE_KEYS) {
    const rows = ctx.sqlite.prepare(QUERIES[key]).all(QUERIES[key].includes('@') ? { from: range.from, to: range.to } : {}) as { org_id: string; v: number }[];
    for (const r of rows) for (const t of targetsOf(r.org_id)) out[t]![key] += r.v;
  }
  for (const id of orgIds) out[id]!.sharedSpaceM2 = Math.round(out[id]!.sharedSpaceM2 * 100) / 100;
  return out;
}
