// Dates travel as ISO `YYYY-MM-DD` strings (JSON-safe, sortable as text).

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Days per month of a common year; February of a leap year is 29 (proleptic Gregorian, as Date).
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  // A table, not `new Date(...)`: the import checks several dates on each of 20,000 rows (issue 19).
  // Equal to Date's month length for every y, m passing the check above (tests/roster/dates.test.ts).
  if (!Number.isInteger(m) || !Number.isInteger(y)) return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (leap ? 29 : MONTH_DAYS[m - 1]!);
}

export function toIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The local calendar date of `now`, as an office worker reads it off the wall calendar. */
export function localIsoDate(now: Date): string {
  return toIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Whole years elapsed from `from` to `to` (both ISO dates), as used for ages and seniority. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

// A well-formed date on day 01–28 keeps its month and day in every year: only the year changes.
const EARLY_DAY = /^\d{4}-\d{2}-(?:0[1-9]|1\d|2[0-8])$/;

export function addYears(iso: string, years: number): string {
  // Fast path (the import's age rules run it several times per row, issue 19); the general
  // computation below gives the same string for these (tests/roster/dates.test.ts).
  if (Number.isInteger(years) && EARLY_DAY.test(iso)) return String(Number(iso.slice(0, 4)) + years).padStart(4, '0') + iso.slice(4);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 Feb plus N years falls back to 28 Feb in a common year.
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return toIsoDate(y + years, m, day);
}

/** `YYYY.MM`, the way county forms print dates. */
export function toDottedMonth(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(0, 4)}.${iso.slice(5, 7)}`;
}
