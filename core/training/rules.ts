import type { FieldIssue } from '../contract/errors.ts';

// Pure checks on class and session figures, shared by the handlers and the form.

/** Calendar days from start to end inclusive, for ISO dates. */
export function spanDays(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface ClassFigures {
  startDate: string;
  endDate: string;
  days: number | null;
  hours: number;
}

/** The class's 天数: as entered, or the calendar span when left empty. */
export function effectiveDays(c: ClassFigures): number {
  return c.days ?? Math.max(1, spanDays(c.startDate, c.endDate));
}

export function checkClassFigures(c: ClassFigures): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.endDate < c.startDate) {
    issues.push({ path: 'endDate', message: `「结束日期」${c.endDate} 不能早于开始日期 ${c.startDate}` });
    return issues;
  }
  const span = spanDays(c.startDate, c.endDate);
  if (c.days !== null && (c.days <= 0 || c.days > span))
    issues.push({ path: 'days', message: `「天数」应大于 0 且不超过起止日期跨度 ${span} 天` });
  if (c.hours <= 0) issues.push({ path: 'hours', message: '「学时」必须大于 0' });
  else if (c.hours > 24 * effectiveDays(c))
    issues.push({ path: 'hours', message: `「学时」${c.hours} 超过每天 24 学时的上限（${effectiveDays(c)} 天最多 ${24 * effectiveDays(c)} 学时）` });
  return issues;
}

export function checkSessionHours(hours: number): FieldIssue[] {
  if (hours <= 0) return [{ path: 'hours', message: '「学时」必须大于 0' }];
  if (hours > 24) return [{ path: 'hours', message: `「学时」${hours} 超过一天 24 学时的上限` }];
  return [];
}

/** A partial credit may not exceed what the class or session offers. */
export function checkCredit(creditedHours: number | null, creditedDays: number | null, maxHours: number, maxDays: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (creditedHours !== null && (creditedHours < 0 || creditedHours > maxHours))
    issues.push({ path: 'creditedHours', message: `「认定学时」应在 0 到 ${maxHours} 之间` });
  if (creditedDays !== null && (creditedDays < 0 || creditedDays > maxDays))
    issues.push({ path: 'creditedDays', message: `「认定天数」应在 0 到 ${maxDays} 之间` });
  return issues;
}
