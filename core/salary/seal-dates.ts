import type { Ctx } from '../context.ts';
import { validationError } from '../contract/errors.ts';
import { monthStart } from './effective.ts';

// A correction may move the date only where no confirmed month changes its meaning: a sealed
// month paid under the old grading must still have a level (its difference then becomes a
// 补发/扣回 line, corrections.ts), and a confirmed month that listed the person as 尚未定级
// cannot be paid afterwards by this mechanism.
// Per person, so a batch of many does not load every sealed line of every month.
const PAID_MONTHS_SQL = `SELECT DISTINCT s.month FROM salary_pay_sheets s JOIN salary_pay_lines l ON l.sheet_id = s.id
  WHERE s.deleted_at IS NULL AND l.deleted_at IS NULL AND l.person_id = ? ORDER BY s.month`;
const LISTED_MISSING_SQL = `SELECT s.month FROM salary_pay_sheets s WHERE s.deleted_at IS NULL AND s.month >= ? AND s.month < ?
  AND EXISTS (SELECT 1 FROM json_each(s.missing) m WHERE json_extract(m.value, '$.personId') = ?) ORDER BY s.month`;

/** `oldDate` null: a first grading, refused before any confirmed month that listed the person as 尚未定级. */
export function assertDateKeepsSeals(ctx: Ctx, personId: string, name: string, oldDate: string | null, newDate: string): void {
  const paid = (ctx.sqlite.prepare(PAID_MONTHS_SQL).all(personId) as { month: string }[]).map((r) => r.month);
  const orphan = paid.find((m) => monthStart(m) < newDate);
  if (orphan)
    throw validationError([{ path: 'effectiveDate', message: `「定级日期」不能晚于 ${monthStart(orphan)}：“${name}”${orphan} 的工资已按原定级确认发放` }]);
  if (oldDate !== null && newDate >= oldDate) return;
  const sheets = ctx.sqlite.prepare(LISTED_MISSING_SQL).all(newDate.slice(0, 7), oldDate?.slice(0, 7) ?? '9999-12', personId) as { month: string }[];
  for (const s of sheets) {
    if (monthStart(s.month) < newDate) continue;
    throw validationError([{ path: 'effectiveDate', message: `「定级日期」不能早于 ${s.month} 月：该月工资表已确认，“${name}”当时因尚未定级未列入；请更正为该月之后的日期，该月应发另行补发` }]);
  }
}
