import { describe, expect, it } from 'vitest';
import { inProbation } from '../../core/salary/pay.ts';
import { schemeConfig } from '../../core/salary/scheme-schema.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';

// 试用期 by pay month: N months are N pay sheets from the start's month, whatever its day (a
// mid-month starter's first month used to be paid in full; then June was counted as a fourth).

const config = schemeConfig.parse({ ...sampleSchemeConfig(), probation: { months: 3, percent: 80, ofPost: null } });
const person = (start: string) => ({ communityWorkStartDate: start, swQualification: null, swQualificationDate: null });
const months = (start: string) =>
  ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].filter((m) => inProbation(config, person(start), `${m}-01`));

describe('试用期 months on the pay sheet', () => {
  it('a start on the 1st: exactly the configured months', () => {
    expect(months('2026-03-01')).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('a start on the 15th: three sheets too, from the start month', () => {
    expect(months('2026-03-15')).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(months('2026-03-31')).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('across a year end', () => {
    const c = schemeConfig.parse({ ...sampleSchemeConfig(), probation: { months: 2, percent: 80, ofPost: null } });
    expect(['2025-11', '2025-12', '2026-01', '2026-02'].filter((m) => inProbation(c, person('2025-12-20'), `${m}-01`))).toEqual(['2025-12', '2026-01']);
  });
});
