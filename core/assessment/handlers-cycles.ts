import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { assessmentCycles, assessmentEntries, people } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { validationError } from '../contract/errors.ts';
import { getOrgUnit, subtreeIds } from '../org/handlers.ts';
import type { assessmentContract } from './contract.ts';
import { assertOpen, cycleColumns, cycleSummaries, cycleSummary, loadCycleRow, loadEntryRow, loadSchemeRow } from './store.ts';
import { buildSheet } from './sheet.ts';
import { confirmCycle, reopenCycle } from './lock.ts';
import { scopeCondition } from '../guard/scope.ts';

type CycleHandlers = Pick<
  HandlersFor<typeof assessmentContract>,
  | 'assessment.cycles' | 'assessment.createCycle' | 'assessment.sheet' | 'assessment.setFinalGrade'
  | 'assessment.acceptProposals' | 'assessment.confirm' | 'assessment.reopen'
>;

// When a cycle is created without an explicit post filter, the scheme's population decides.
const POPULATION_POSTS: Record<string, string[]> = {
  社区书记: ['书记'],
  两委成员: ['书记', '副书记', '党组织委员', '居委会主任', '居委会副主任', '居委会委员'],
  社区工作者: [],
};

export const cycleHandlers: CycleHandlers = {
  'assessment.cycles': (ctx, input) => {
    const rows = ctx.db
      .select(cycleColumns)
      .from(assessmentCycles)
      .where(and(
        isNull(assessmentCycles.deletedAt),
        scopeCondition(ctx, assessmentCycles.orgId),
        input.year ? eq(assessmentCycles.year, input.year) : undefined,
        input.orgId ? inArray(assessmentCycles.orgId, subtreeIds(ctx, input.orgId)) : undefined,
      ))
      .orderBy(desc(assessmentCycles.year), asc(assessmentCycles.name))
      .all();
    return { rows: cycleSummaries(ctx, rows) };
  },

  'assessment.createCycle': (tx, input) => {
    const scheme = loadSchemeRow(tx, input.schemeId);
    const org = getOrgUnit(tx, input.orgId);
    const orgIds = input.includeSubOrgs ? subtreeIds(tx, org.id) : [org.id];
    const posts = input.posts.length ? input.posts : (POPULATION_POSTS[scheme.population] ?? []);
    const candidates = tx.db
      .select()
      .from(people)
      // Everyone who served during the scheme's year: in post, or left during it (assessed for
      // the part they served), and not started after it.
      .where(and(
        inArray(people.orgId, orgIds), isNull(people.deletedAt),
        or(eq(people.status, '在岗'), gte(people.statusDate, `${scheme.year}-01-01`)),
        or(isNull(people.communityWorkStartDate), lte(people.communityWorkStartDate, `${scheme.year}-12-31`)),
      ))
      .orderBy(asc(people.name))
      .all()
      .filter((p) => (!posts.length || p.posts.some((x) => posts.includes(x))) && (!input.postCategories.length || input.postCategories.includes(p.postCategory as never)));
    if (!candidates.length)
      throw validationError([{ path: 'posts', message: `「考核对象」“${org.name}”没有符合条件的人员（本年度在岗或年内离岗）（职务：${posts.join('、') || '不限'}）` }]);
    const id = randomUUID();
    const name = input.name ?? `${org.name}${scheme.year}年度${scheme.population}考核`;
    const seq = tx.seq();
    tx.db.insert(assessmentCycles).values({
      id, orgId: org.id, schemeId: scheme.id, year: scheme.year, name, status: 'open', reopenCount: 0,
      createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq,
    }).run();
    // One prepared statement instead of a query builder call per row: a county-wide cycle
    // has thousands of people (see tests/bench/assessment.bench.ts).
    const ins = tx.sqlite.prepare(
      `INSERT INTO assessment_entries (id, org_id, cycle_id, person_id, person_name, posts, status, scores, created_at, updated_at, change_seq)
       VALUES (?, ?, ?, ?, ?, ?, '未评', '{}', ?, ?, ?)`,
    );
    for (const p of candidates) ins.run(randomUUID(), p.orgId, id, p.id, p.name, JSON.stringify(p.posts), tx.nowIso, tx.nowIso, seq);
    const out = cycleSummary(tx, id);
    tx.audit({ entity: 'assessment_cycle', entityId: id, after: { ...out, personIds: candidates.map((p) => p.id) } });
    return out;
  },

  'assessment.sheet': (ctx, input) => buildSheet(ctx, input.cycleId),

  'assessment.setFinalGrade': (tx, input) => {
    const entry = loadEntryRow(tx, input.entryId);
    const cycle = loadCycleRow(tx, entry.cycleId);
    assertOpen(cycle);
    const sheet = buildSheet(tx, cycle.id);
    const row = sheet.rows.find((r) => r.entryId === entry.id)!;
    const labels = sheet.scheme.config.gradeLabels;
    const grade = input.grade || null;
    if (grade !== null) {
      if (!labels.includes(grade)) throw validationError([{ path: 'grade', message: `「最终等次」“${grade}”不在本方案的等次（${labels.join('、')}）中` }]);
      if (grade !== row.proposedGrade && !input.reason) {
        const why = row.tie ? `处于优秀名额边界并列（${sheet.tie?.slots ?? 0} 个名额由 ${sheet.tie?.ids.length ?? 0} 人并列）` : `与拟定等次“${row.proposedGrade}”不同`;
        throw validationError([{ path: 'reason', message: `「调整理由」${row.name}的最终等次${why}，必须写明理由` }]);
      }
      const top = labels[0]!;
      const others = sheet.rows.filter((r) => r.entryId !== entry.id && r.finalGrade === top).length;
      if (grade === top && others + 1 > sheet.quota)
        throw validationError([{ path: 'grade', message: `「最终等次」${top}名额为 ${sheet.quota} 人，已确定 ${others} 人，不能再增加` }]);
    }
    const reason = grade === null ? null : input.reason;
    tx.db.update(assessmentEntries).set({ finalGrade: grade, finalReason: reason, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(assessmentEntries.id, entry.id)).run();
    tx.audit({ entity: 'assessment_entry', entityId: entry.id, before: { finalGrade: entry.finalGrade, finalReason: entry.finalReason }, after: { finalGrade: grade, finalReason: reason, proposedGrade: row.proposedGrade } });
    return { entryId: entry.id, finalGrade: grade };
  },

  'assessment.acceptProposals': (tx, input) => {
    const cycle = loadCycleRow(tx, input.cycleId);
    assertOpen(cycle);
    const sheet = buildSheet(tx, cycle.id);
    const todo = sheet.rows.filter((r) => r.proposedGrade !== null && r.finalGrade === null);
    const seq = todo.length ? tx.seq() : 0;
    const upd = tx.sqlite.prepare('UPDATE assessment_entries SET final_grade = ?, final_reason = NULL, updated_at = ?, change_seq = ? WHERE id = ?');
    for (const r of todo) upd.run(r.proposedGrade, tx.nowIso, seq, r.entryId);
    tx.audit({ entity: 'assessment_cycle', entityId: cycle.id, after: { accepted: todo.map((r) => ({ entryId: r.entryId, grade: r.proposedGrade })) } });
    return { updated: todo.length };
  },

  'assessment.confirm': (tx, input) => confirmCycle(tx, input.cycleId),
  'assessment.reopen': (tx, input) => reopenCycle(tx, input.cycleId, input.reason),
};
