import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import { loadRules } from './config.ts';
import type { PersonHours } from './contract-views.ts';
import { evaluateRequirement, round2, type LevelTotal } from './requirements.ts';

// Credited hours and days per person and level for one year. The credit rule (recorded
// figure, else the class/session figure for 出席/补学, else 0) is the same as
// effectiveCredit() in attendance.ts; sessions earn no days by default. Each branch starts
// from the year's classes or sessions (date index) and reaches attendance through the
// partial unique index on (class_id, person_id) / (session_id, person_id).
const PRESENT = `a.status IN ('出席', '补学')`;
const TOTALS_SQL = `
  SELECT a.person_id AS personId, c.level AS level,
         SUM(COALESCE(a.credited_hours, CASE WHEN ${PRESENT} THEN c.hours ELSE 0 END)) AS hours,
         SUM(COALESCE(a.credited_days, CASE WHEN ${PRESENT} THEN c.days ELSE 0 END)) AS days
    FROM training_classes c JOIN training_attendance a ON a.class_id = c.id AND a.deleted_at IS NULL
   WHERE c.deleted_at IS NULL AND c.start_date BETWEEN @from AND @to
   GROUP BY a.person_id, c.level
  UNION ALL
  SELECT a.person_id, sr.level,
         SUM(COALESCE(a.credited_hours, CASE WHEN ${PRESENT} THEN s.hours ELSE 0 END)),
         SUM(COALESCE(a.credited_days, 0))
    FROM training_sessions s JOIN training_series sr ON sr.id = s.series_id AND sr.deleted_at IS NULL
    JOIN training_attendance a ON a.session_id = s.id AND a.deleted_at IS NULL
   WHERE s.deleted_at IS NULL AND s.date BETWEEN @from AND @to
   GROUP BY a.person_id, sr.level`;

interface PersonLine {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  posts: string;
  postCategory: string;
}

/** Totals per person and level for one year, for the people in `personIds`. */
export function levelTotalsByPerson(ctx: Ctx, year: number, personIds: ReadonlySet<string>): Map<string, LevelTotal[]> {
  const rows = ctx.sqlite.prepare(TOTALS_SQL).all({ from: `${year}-01-01`, to: `${year}-12-31` }) as { personId: string; level: string; hours: number; days: number }[];
  const out = new Map<string, LevelTotal[]>();
  for (const r of rows) {
    if (!personIds.has(r.personId)) continue;
    const list = out.get(r.personId);
    const total = { level: r.level, hours: r.hours, days: r.days };
    if (list) list.push(total);
    else out.set(r.personId, [total]);
  }
  return out;
}

/**
 * Per person of `orgId` and below who was in post at some point of `year` (not left before
 * it, not started community work after it): credited hours
 * and days, the applicable requirement and whether it is met. The assessment module's
 * automatic training indicator reads this.
 */
export function hoursByPerson(ctx: Ctx, input: { year: number; orgId: string }): { year: number; rows: PersonHours[] } {
  assertInScope(ctx, input.orgId);
  const orgIds = subtreeIds(ctx, input.orgId);
  const people = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.org_id AS orgId, o.name AS orgName, p.posts, p.post_category AS postCategory
         FROM people p JOIN org_units o ON o.id = p.org_id
        WHERE p.deleted_at IS NULL AND p.org_id IN (SELECT value FROM json_each(@orgs))
          AND (p.status = '在岗' OR p.status_date IS NULL OR p.status_date >= @from)
          AND (p.community_work_start_date IS NULL OR p.community_work_start_date <= @to)
        ORDER BY o.code, p.name`,
    )
    .all({ orgs: JSON.stringify(orgIds), from: `${input.year}-01-01`, to: `${input.year}-12-31` }) as PersonLine[];
  const totals = levelTotalsByPerson(ctx, input.year, new Set(people.map((p) => p.id)));
  const rules = loadRules(ctx);
  const rows = people.map((p) => {
    const posts = JSON.parse(p.posts) as string[];
    const t = totals.get(p.id) ?? [];
    const ev = evaluateRequirement(rules, { posts, postCategory: p.postCategory }, input.year, t);
    return {
      personId: p.id, name: p.name, orgId: p.orgId, orgName: p.orgName, posts, postCategory: p.postCategory,
      hours: round2(t.reduce((s, x) => s + x.hours, 0)), days: round2(t.reduce((s, x) => s + x.days, 0)),
      requirement: ev.requirement, met: ev.met, sampleRule: ev.isSample, shortfall: ev.shortfall,
    };
  });
  return { year: input.year, rows };
}

export function belowRequirement(ctx: Ctx, input: { year: number; orgId: string }): { year: number; rows: PersonHours[] } {
  const all = hoursByPerson(ctx, input);
  return { year: all.year, rows: all.rows.filter((r) => r.met === false) };
}
