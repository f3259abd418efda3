import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { salarySchemes, type SalaryLevelRow, type SalarySchemeRow } from '../../db/schema/index.ts';
import { AppError, notFound, validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import type { LevelEntry } from './contract.ts';
import { versionInEffect } from './effective.ts';
import { schemeConfig, type SchemeConfig, type SchemeRecord } from './scheme-schema.ts';

// Reading schemes and level history; shared by the salary handlers.

export function toSchemeRecord(r: SalarySchemeRow): SchemeRecord {
  return {
    id: r.id, orgId: r.orgId, name: r.name, docNo: r.docNo, effectiveDate: r.effectiveDate, sample: r.sample,
    config: schemeConfig.parse(r.config), updatedAt: r.updatedAt,
  };
}

/** Live versions by effective date; `scope` narrows a list to what the caller may read. */
export function loadSchemes(ctx: Ctx, scope?: SQL): SchemeRecord[] {
  return ctx.db.select().from(salarySchemes).where(and(isNull(salarySchemes.deletedAt), scope)).orderBy(asc(salarySchemes.effectiveDate)).all().map(toSchemeRecord);
}

export function getScheme(ctx: Ctx, id: string): SchemeRecord {
  const r = ctx.db.select().from(salarySchemes).where(and(eq(salarySchemes.id, id), isNull(salarySchemes.deletedAt))).get();
  if (!r) throw notFound('薪酬方案', id);
  return toSchemeRecord(r);
}

/** The version in effect on `date`, or a validation error naming `field`. */
export function schemeOn(ctx: Ctx, date: string, field: string, label: string): SchemeRecord {
  const s = versionInEffect(loadSchemes(ctx), date);
  if (!s) throw validationError([{ path: field, message: `「${label}」${date} 没有生效的薪酬方案，请先建立生效日期不晚于该日的方案` }]);
  return s;
}

export function assertEffectiveDateFree(ctx: Ctx, date: string, exceptId: string | null): void {
  const clash = ctx.db.select().from(salarySchemes).where(and(eq(salarySchemes.effectiveDate, date), isNull(salarySchemes.deletedAt))).get();
  if (clash && clash.id !== exceptId) {
    const message = `「生效日期」${date} 已有方案“${clash.name}”，同一生效日期只能有一个版本`;
    throw new AppError('conflict', message, [{ path: 'effectiveDate', message }]);
  }
}

const HISTORY_SQL = `SELECT id, org_id AS orgId, created_at AS createdAt, updated_at AS updatedAt, change_seq AS changeSeq,
  deleted_at AS deletedAt, delete_reason AS deleteReason, person_id AS personId, scheme_id AS schemeId, post, level,
  effective_date AS effectiveDate, reason, approver, note, run_id AS runId
  FROM salary_level_history WHERE deleted_at IS NULL`;

/** Level history in effective order; all people when `personIds` is null (a county run reads them all at once). */
export function historyRows(ctx: Ctx, personIds: string[] | null): SalaryLevelRow[] {
  const order = ' ORDER BY effective_date, change_seq';
  if (!personIds) return ctx.sqlite.prepare(HISTORY_SQL + order).all() as SalaryLevelRow[];
  if (personIds.length === 1) return ctx.sqlite.prepare(`${HISTORY_SQL} AND person_id = ?${order}`).all(personIds[0]) as SalaryLevelRow[];
  const wanted = new Set(personIds);
  return (ctx.sqlite.prepare(HISTORY_SQL + order).all() as SalaryLevelRow[]).filter((r) => wanted.has(r.personId));
}

export function groupByPerson<T extends { personId: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.personId);
    if (list) list.push(r);
    else m.set(r.personId, [r]);
  }
  return m;
}

export function toLevelEntry(r: SalaryLevelRow, schemeNames: Map<string, string>): LevelEntry {
  return {
    id: r.id, personId: r.personId, schemeId: r.schemeId, schemeName: schemeNames.get(r.schemeId) ?? '', post: r.post, level: r.level,
    effectiveDate: r.effectiveDate, reason: r.reason, approver: r.approver, note: r.note, runId: r.runId, createdAt: r.createdAt,
  };
}

export function schemeNameMap(ctx: Ctx): Map<string, string> {
  return new Map(ctx.db.select({ id: salarySchemes.id, name: salarySchemes.name }).from(salarySchemes).all().map((r) => [r.id, r.name]));
}

/** The level and post must sit in the post's band of `config`. */
export function assertInBand(config: SchemeConfig, post: string, level: number, schemeName: string): void {
  const p = config.posts.find((x) => x.name === post);
  if (!p) throw validationError([{ path: 'post', message: `「岗位」“${post}”不在方案“${schemeName}”中` }]);
  if (level < p.minLevel || level > p.maxLevel)
    throw validationError([{ path: 'level', message: `「级别」${level} 超出岗位“${post}”的级段 ${p.minLevel}–${p.maxLevel} 级` }]);
}

export interface ScopePerson {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  status: string;
  statusDate: string | null;
  communityWorkStartDate: string | null;
  swQualification: string | null;
  swQualificationDate: string | null;
  ftEducation: string | null;
  ftDegree: string | null;
  ptEducation: string | null;
  ptDegree: string | null;
  oneShoulder: number;
  crossPosting: number;
}

// Only the columns pay and promotion need, through a prepared statement: the query
// builder's full-row mapping of 15,000 people costs more than the whole pay computation.
const SCOPE_SQL = `SELECT p.id, p.name, p.org_id AS orgId, o.name AS orgName, p.status, p.status_date AS statusDate,
  p.community_work_start_date AS communityWorkStartDate, p.sw_qualification AS swQualification, p.sw_qualification_date AS swQualificationDate,
  p.ft_education AS ftEducation, p.ft_degree AS ftDegree, p.pt_education AS ptEducation, p.pt_degree AS ptDegree,
  p.one_shoulder AS oneShoulder, p.cross_posting AS crossPosting
  FROM people p JOIN org_units o ON o.id = p.org_id WHERE p.deleted_at IS NULL ORDER BY o.code, p.name`;

/** People of the given org units, in roster order (community code, then name). */
export function peopleInOrgs(ctx: Ctx, orgIds: string[]): ScopePerson[] {
  const wanted = new Set(orgIds);
  return (ctx.sqlite.prepare(SCOPE_SQL).all() as ScopePerson[]).filter((p) => wanted.has(p.orgId));
}
