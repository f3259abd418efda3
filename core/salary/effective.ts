// Effective dating. A scheme version is in effect from its effective date until the next
// version's; a level-history row from its effective date until the next row's. A pay
// month is read as of its FIRST day: a version or a level that starts on the 1st applies
// to that whole month, one that starts later applies from the next month.

export function monthStart(month: string): string {
  return `${month}-01`;
}

export function isMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return !!m && Number(m[1]) >= 1900 && Number(m[1]) <= 2999 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The version with the latest effective date on or before `date`; `versions` in any order. */
export function versionInEffect<T extends { effectiveDate: string }>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const v of versions) if (v.effectiveDate <= date && (!best || v.effectiveDate > best.effectiveDate)) best = v;
  return best;
}

/** The level-history row in effect on `date`: latest effective date, then the later write. */
export function rowInEffect<T extends { effectiveDate: string; changeSeq: number }>(rows: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const r of rows)
    if (r.effectiveDate <= date && (!best || r.effectiveDate > best.effectiveDate || (r.effectiveDate === best.effectiveDate && r.changeSeq > best.changeSeq)))
      best = r;
  return best;
}
