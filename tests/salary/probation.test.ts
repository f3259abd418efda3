import { describe, expect, it } from 'vitest';
import { addMonths } from '../../core/roster/dates.ts';
import { inProbation } from '../../core/salary/pay.ts';
import { schemeConfig } from '../../core/salary/scheme-schema.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';

// 试用期 by pay month: the sheet reads a person on the month's first day, so a mid-month starter's
// first month is a probation month too (it used to be paid in full).

const config = schemeConfig.parse({ ...sampleSchemeConfig(), probation: { months: 3, percent: 80, ofPost: null } });
const person = (start: string) => ({ communityWorkStartDate: start, swQualification: null, swQualificationDate: null });
const months = (start: string) =>
  ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].filter((m) => inProbation(config, person(start), `${m}-01`));

describe('试用期 months on the pay sheet', () => {
  it('a start on the 1st: exactly the configured months', () => {
    expect(months('2026-03-01')).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('a start on the 15th: the first month is a probation month, and so is the month the 试用期 ends in', () => {
    // 2026-03-15 + 3 months = 2026-06-15: on 1 June the 试用期 still runs.
    expect(months('2026-03-15')).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('addMonths keeps to the calendar', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});
