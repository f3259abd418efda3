// The default 定级日期. Never today: a person graded today is read as ungraded on this
// month's sheet (a month is read as of its first day, effective.ts) and drops off it.
// The first day of the current month when a scheme version is in effect then; otherwise
// the effective date of the first version to start after it (grading waits for its scheme).

export function firstOfMonth(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

export function defaultGradingDate(schemes: readonly { effectiveDate: string }[], today: string): string {
  const first = firstOfMonth(today);
  const dates = schemes.map((s) => s.effectiveDate).sort();
  if (!dates.length || dates[0]! <= first) return first;
  return dates[0]!;
}
