import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { assessmentEntries, assessmentSessions } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { notFound, validationError, type FieldIssue } from '../contract/errors.ts';
import type { assessmentContract } from './contract.ts';
import { checkBallots, checkTallies } from './rules/tally.ts';
import { leafIndicators } from './scheme-schema.ts';
import { assertOpen, loadCycleRow, loadEntryRow, loadSchemeRow, toSchemeRecord, toSessionRecord } from './store.ts';
import { trainingHoursFor, trainingPoints } from './training-source.ts';
import { buildSheet } from './sheet.ts';
import { settleAfterChange } from './stale.ts';

type EntryHandlers = Pick<
  HandlersFor<typeof assessmentContract>,
  'assessment.saveScores' | 'assessment.saveNotes' | 'assessment.saveSession' | 'assessment.deleteSession'
>;

// A merged-in stored tally has no place in the input: its issue points at `tallies` (the
// message names the person) instead of an index past the input's end.
const keptPath = (x: FieldIssue, given: number): FieldIssue => {
  const m = /^tallies\.(\d+)/.exec(x.path);
  return m && Number(m[1]) >= given ? { ...x, path: 'tallies' } : x;
};

const decimals2 = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

export const entryHandlers: EntryHandlers = {
  'assessment.saveScores': (tx, input) => {
    const cycle = loadCycleRow(tx, input.cycleId);
    assertOpen(cycle);
    const cfg = toSchemeRecord(tx, loadSchemeRow(tx, cycle.schemeId)).config;
    const leaves = new Map(leafIndicators(cfg).map((l) => [l.key, l]));
    const hasAuto = [...leaves.values()].some((l) => l.auto);
    const training = hasAuto ? trainingHoursFor(tx, cycle.year, cycle.orgId) : null;
    // Training-fed cells are computed on read; typing over them would hide the real hours.
    // Without an applicable requirement rule the cell stays open for manual points.
    const autoFed = (personId: string, leafMax: number) => trainingPoints(leafMax, training?.get(personId)) !== null;
    const entries = new Map(
      tx.db.select().from(assessmentEntries).where(and(eq(assessmentEntries.cycleId, cycle.id), isNull(assessmentEntries.deletedAt))).all().map((e) => [e.id, e]),
    );
    const issues: FieldIssue[] = [];
    const updates: { id: string; before: Record<string, number>; scores: Record<string, number> }[] = [];
    input.rows.forEach((row, i) => {
      const e = entries.get(row.entryId);
      if (!e) return void issues.push({ path: `rows.${i}.entryId`, message: '「考核对象」不属于本考核周期' });
      const scores = { ...e.scores };
      for (const [k, v] of Object.entries(row.scores)) {
        const leaf = leaves.get(k);
        const path = `rows.${i}.scores.${k}`;
        if (!leaf) { issues.push({ path, message: `「指标」“${k}”不是本方案可打分的指标` }); continue; }
        const label = `「${e.personName}·${leaf.name}」`;
        if (leaf.auto && autoFed(e.personId, leaf.maxPoints)) { issues.push({ path, message: `${label}由培训学时自动计算，不能手工录入` }); continue; }
        if (v === null) { delete scores[k]; continue; }
        if (!Number.isFinite(v)) issues.push({ path, message: `${label}应为数字` });
        else if (v < 0) issues.push({ path, message: `${label}得分 ${v} 不能为负数` });
        else if (v > leaf.maxPoints) issues.push({ path, message: `${label}得分 ${v} 超过满分 ${leaf.maxPoints}` });
        else if (!decimals2(v)) issues.push({ path, message: `${label}得分最多保留两位小数` });
        else scores[k] = v;
      }
      updates.push({ id: e.id, before: e.scores, scores });
    });
    if (issues.length) throw validationError(issues);
    const sheetBefore = buildSheet(tx, cycle.id);
    const seq = tx.seq();
    const upd = tx.sqlite.prepare('UPDATE assessment_entries SET scores = ?, updated_at = ?, change_seq = ? WHERE id = ?');
    for (const u of updates) upd.run(JSON.stringify(u.scores), tx.nowIso, seq, u.id);
    const cleared = settleAfterChange(tx, cycle.id, sheetBefore);
    tx.audit({
      entity: 'assessment_cycle', entityId: cycle.id, before: updates.map((u) => ({ entryId: u.id, scores: u.before })),
      after: { scores: updates.map((u) => ({ entryId: u.id, scores: u.scores })), clearedGrades: cleared },
    });
    return { saved: updates.length, clearedGrades: cleared.map((c) => c.name) };
  },

  'assessment.saveNotes': (tx, input) => {
    const e = loadEntryRow(tx, input.entryId);
    assertOpen(loadCycleRow(tx, e.cycleId));
    tx.db.update(assessmentEntries).set({ selfAssessment: input.selfAssessment, reportNotes: input.reportNotes, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(assessmentEntries.id, e.id)).run();
    tx.audit({ entity: 'assessment_entry', entityId: e.id, before: { selfAssessment: e.selfAssessment, reportNotes: e.reportNotes }, after: { selfAssessment: input.selfAssessment, reportNotes: input.reportNotes } });
    return { entryId: e.id };
  },

  'assessment.saveSession': (tx, input) => {
    const cycle = loadCycleRow(tx, input.cycleId);
    assertOpen(cycle);
    const cfg = toSchemeRecord(tx, loadSchemeRow(tx, cycle.schemeId)).config;
    const entries = new Map(
      tx.db.select().from(assessmentEntries).where(and(eq(assessmentEntries.cycleId, cycle.id), isNull(assessmentEntries.deletedAt))).all().map((e) => [e.id, e]),
    );
    const stored = input.id
      ? tx.db.select().from(assessmentSessions).where(and(eq(assessmentSessions.id, input.id), eq(assessmentSessions.cycleId, cycle.id), isNull(assessmentSessions.deletedAt))).get()
      : undefined;
    if (input.id && !stored) throw notFound('测评场次', input.id);
    const merge = input.talliesMode === 'merge' && !!stored;
    const issues = checkBallots(input);
    const given: Record<string, Record<string, number>> = {};
    const named = input.tallies.map((t, i) => {
      const e = entries.get(t.entryId);
      if (!e) issues.push({ path: `tallies.${i}.entryId`, message: '「考核对象」不属于本考核周期' });
      else if (given[t.entryId]) issues.push({ path: `tallies.${i}.entryId`, message: `「${e.personName}」在本场次重复计票` });
      given[t.entryId] = t.counts;
      return { entryId: t.entryId, name: e?.personName ?? t.entryId, counts: t.counts };
    });
    // Merge: the stored tallies of everyone not given stay and are checked again with the new
    // header (a lowered 有效票 must not leave a stored count above it); an empty given count clears.
    let tallies = given;
    if (merge) {
      tallies = { ...stored.tallies };
      for (const [entryId, counts] of Object.entries(given)) {
        if (Object.keys(counts).length) tallies[entryId] = counts;
        else delete tallies[entryId];
      }
      for (const [entryId, counts] of Object.entries(stored.tallies))
        if (!(entryId in given)) named.push({ entryId, name: entries.get(entryId)?.personName ?? entryId, counts });
    }
    if (!issues.length) issues.push(...checkTallies(input, named, cfg.voteOptions.map((o) => o.label)).map((x) => keptPath(x, input.tallies.length)));
    if (issues.length) throw validationError(issues);
    const sheetBefore = buildSheet(tx, cycle.id);
    const values = {
      date: input.date, raterGroup: input.raterGroup, issued: input.issued, returned: input.returned, valid: input.valid, invalid: input.invalid,
      counter: input.counter, supervisor: input.supervisor, announced: input.announced, tallies, updatedAt: tx.nowIso, changeSeq: tx.seq(),
    };
    let id = input.id;
    let before: unknown = null;
    if (id && stored) {
      before = toSessionRecord(stored);
      tx.db.update(assessmentSessions).set(values).where(eq(assessmentSessions.id, id)).run();
    } else {
      id = randomUUID();
      tx.db.insert(assessmentSessions).values({ ...values, id, orgId: cycle.orgId, cycleId: cycle.id, createdAt: tx.nowIso }).run();
    }
    const cleared = settleAfterChange(tx, cycle.id, sheetBefore);
    const after = toSessionRecord(tx.db.select().from(assessmentSessions).where(eq(assessmentSessions.id, id)).get()!);
    tx.audit({ entity: 'assessment_session', entityId: id, before, after: { ...after, talliesMode: merge ? 'merge' : 'replace', clearedGrades: cleared } });
    return after;
  },

  'assessment.deleteSession': (tx, input) => {
    const row = tx.db.select().from(assessmentSessions).where(and(eq(assessmentSessions.id, input.id), isNull(assessmentSessions.deletedAt))).get();
    if (!row) throw notFound('测评场次', input.id);
    assertOpen(loadCycleRow(tx, row.cycleId));
    const sheetBefore = buildSheet(tx, row.cycleId);
    tx.db.update(assessmentSessions).set({ deletedAt: tx.nowIso, deleteReason: input.reason, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(assessmentSessions.id, row.id)).run();
    const cleared = settleAfterChange(tx, row.cycleId, sheetBefore);
    tx.audit({ entity: 'assessment_session', entityId: row.id, before: toSessionRecord(row), after: { deleted: true, reason: input.reason, clearedGrades: cleared } });
    return { id: row.id };
  },
};
