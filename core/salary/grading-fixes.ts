import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { orgUnits, people, type SalaryLevelRow } from '../../db/schema/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import { localIsoDate } from '../roster/dates.ts';
import { loadGuarded } from '../guard/load.ts';
import { monthStart, versionInEffect } from './effective.ts';
import type { PostProposal, salaryGradingContract } from './grading-contract.ts';
import { postFor } from './grading.ts';
import { firstOfMonth } from './grading-dates.ts';
import { appendLevel } from './level-handlers.ts';
import { assertDateKeepsSeals } from './seal-dates.ts';
import { assertInBand, groupByPerson, historyRows, loadSchemes, schemeOn } from './store.ts';

type FixOps = Pick<typeof salaryGradingContract, 'salary.correctGrading' | 'salary.postProposals'>;

const LEVEL_ROW_SQL = `SELECT id, org_id AS orgId, person_id AS personId, post, level, effective_date AS effectiveDate, reason, approver, note
  FROM salary_level_history WHERE id = ? AND deleted_at IS NULL`;

export const gradingFixHandlers: HandlersFor<FixOps> = {
  'salary.correctGrading': (tx, input) => {
    const old = tx.sqlite.prepare(LEVEL_ROW_SQL).get(input.id) as SalaryLevelRow;
    // The record's orgId is the unit at grading time, and the dispatcher's guard holds the caller
    // to it; the person is checked too, so after a transfer only an account covering both the old
    // and the current unit (the street or the county) may correct it, and writes it under the
    // current unit.
    const person = loadGuarded(tx, 'people', old.personId, 'write') as { name: string; orgId: string };
    if (old.reason !== '初次定级') throw validationError([{ path: 'id', message: `「初次定级记录」这是一条“${old.reason}”记录，只能更正初次定级` }]);
    const later = historyRows(tx, [old.personId]).filter((r) => r.id !== old.id);
    if (later.length)
      throw new AppError('conflict', `“${person.name}”在初次定级之后已有 ${later.length} 条薪级记录（${later.map((r) => `${r.effectiveDate} ${r.reason}`).join('、')}），不能再更正初次定级；请用“调整薪级”追加记录`);
    if (old.post === input.post && old.level === input.level && old.effectiveDate === input.effectiveDate)
      throw validationError([{ path: 'level', message: '「级别」更正后的岗位、级别与定级日期与原记录相同，无需更正' }]);
    const scheme = schemeOn(tx, input.effectiveDate, 'effectiveDate', '定级日期');
    assertInBand(scheme.config, input.post, input.level, scheme.name);
    assertDateKeepsSeals(tx, old.personId, person.name, old.effectiveDate, input.effectiveDate);
    // The wrong record stays in the table, marked deleted with the reason; the audit row holds both.
    tx.sqlite.prepare('UPDATE salary_level_history SET deleted_at = ?, delete_reason = ?, updated_at = ?, change_seq = ? WHERE id = ?')
      .run(tx.nowIso, `更正初次定级：${input.reason}`, tx.nowIso, tx.seq(), old.id);
    const id = appendLevel(tx, {
      personId: old.personId, orgId: person.orgId, schemeId: scheme.id, post: input.post, level: input.level, effectiveDate: input.effectiveDate,
      reason: '初次定级', approver: tx.actor.name,
      note: `更正（${input.reason}）：原为 ${old.effectiveDate} 起 ${old.post} ${old.level} 级`,
    });
    tx.audit({
      entity: 'salary_level', entityId: id,
      before: { id: old.id, post: old.post, level: old.level, effectiveDate: old.effectiveDate },
      after: { id, post: input.post, level: input.level, effectiveDate: input.effectiveDate, reason: input.reason },
    });
    return { id, post: input.post, level: input.level, effectiveDate: input.effectiveDate };
  },

  'salary.postProposals': (ctx, input) => {
    const persons = ctx.db
      .select({ id: people.id, name: people.name, postCategory: people.postCategory, orgName: orgUnits.name })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
      .where(and(inArray(people.orgId, subtreeIds(ctx, input.orgId)), isNull(people.deletedAt), eq(people.status, '在岗')))
      .orderBy(asc(orgUnits.code), asc(people.name))
      .all();
    if (!persons.length) return [];
    const history = groupByPerson(historyRows(ctx, persons.map((p) => p.id)));
    const schemes = loadSchemes(ctx);
    // The roster keeps no dated post history: the date of the change is the day it was recorded (its audit row).
    const changed = ctx.sqlite.prepare(`SELECT at, before, after FROM audit_log WHERE entity = 'person' AND entity_id = ? AND outcome = 'ok'
      AND after LIKE '%"postCategory"%' ORDER BY id DESC LIMIT 1`);
    const out: PostProposal[] = [];
    for (const p of persons) {
      const last = history.get(p.id)?.at(-1);
      if (!last) continue;
      const audit = changed.get(p.id) as { at: string; before: string | null; after: string } | undefined;
      // The audit time is UTC; the day the office recorded the change is its local calendar day.
      const changedOn = audit ? localIsoDate(new Date(audit.at)) : firstOfMonth(localIsoDate(ctx.now()));
      const date = changedOn > last.effectiveDate ? changedOn : last.effectiveDate;
      const scheme = versionInEffect(schemes, date);
      const to = scheme && postFor(scheme.config, p.postCategory);
      if (!scheme || !to || to.name === last.post) continue;
      const toLevel = Math.min(Math.max(last.level, to.minLevel), to.maxLevel);
      const was = audit?.before ? (JSON.parse(audit.before) as { postCategory?: string }).postCategory : undefined;
      const band = toLevel === last.level ? '' : `（${last.level} 级不在${to.name}级段 ${to.minLevel}–${to.maxLevel} 内，按 ${toLevel} 级）`;
      out.push({
        personId: p.id, name: p.name, orgName: p.orgName, postCategory: p.postCategory, fromPost: last.post, fromLevel: last.level,
        toPost: to.name, toLevel, effectiveDate: date,
        explanation: `花名册岗位类别${was ? `由“${was}”` : ''}改为“${p.postCategory}”（${changedOn}），薪酬岗位仍为${last.post} → 自 ${date} 起按${to.name} ${toLevel} 级${band}`,
      });
    }
    return out;
  },
};
