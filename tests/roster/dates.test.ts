import { describe, expect, it } from 'vitest';
import { addYears, isRealDate, toIsoDate } from '../../core/roster/dates.ts';

// Issue 19: isRealDate and addYears got fast paths for the import. Both are compared here with
// the general Date-based computations they replaced, over every day of the years the roster
// uses, the leap-year edge cases and malformed values.

const oldIsRealDate = (y: number, m: number, d: number): boolean => {
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};
const oldAddYears = (iso: string, years: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return toIsoDate(y + years, m, day);
};

const YEARS = [1799, 1800, 1899, 1900, 1904, 1960, 1979, 1980, 1999, 2000, 2001, 2023, 2024, 2100, 2400, 2999, 3000];

describe('date fast paths (issue 19)', () => {
  it('isRealDate agrees with the Date computation, integers and odd values alike', () => {
    const odd = [NaN, 0, -1, 1.5, 2.5, 12.5, 13, 28, 29, 30, 31, 32, Infinity];
    let n = 0;
    for (const y of [...YEARS, 2000.5, 1999.9, NaN])
      for (const m of [...Array.from({ length: 14 }, (_, i) => i), 1.5, 2.5, NaN])
        for (const d of [...Array.from({ length: 33 }, (_, i) => i), ...odd]) {
          expect(isRealDate(y, m, d), `${y}-${m}-${d}`).toBe(oldIsRealDate(y, m, d));
          n++;
        }
    expect(n).toBeGreaterThan(10_000);
  });

  it('addYears agrees with the Date computation on every day, for the offsets the rules use', () => {
    const days: string[] = [];
    for (const y of [1800, 1900, 1960, 1980, 1999, 2000, 2004, 2023, 2024, 2100, 2999])
      for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) if (oldIsRealDate(y, m, d)) days.push(toIsoDate(y, m, d));
    const malformed = ['2020-04-31', '2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-01-00', '0999-01-01', '2020-1-5', 'x', '', '2020-01-01T00:00'];
    for (const iso of [...days, ...malformed])
      for (const years of [-100, -16, -1, 0, 1, 4, 16, 18, 100, 0.5])
        expect(addYears(iso, years), `${iso} + ${years}`).toBe(oldAddYears(iso, years));
  });
});
