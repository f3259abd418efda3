import { and, eq, isNull } from 'drizzle-orm';
import { orgUnits, salarySchemes, salarySettlements } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import type { Settlement, SettlementLine } from './contract.ts';
import { gradesByPerson } from './grades.ts';
import { COEF_SCALE, coefUnits, divRoundHalfUp } from './money.ts';
import { paySheetFor } from './paysheet.ts';
import { loadSchemes, schemeOn } from './store.ts';

// 年终绩效结算 for year Y: per person, the withheld share of Y's twelve pay lines (frozen
// figures for confirmed months, computed ones otherwise) plus the scheme's yearly amount,
// times the coefficient of Y's grade (a confirmed assessment result first, else the grade
// entered for the pay grid) and the post's coefficient, rounded once. A grade the scheme
// gives no coefficient (不合格 / 不称职) pays nothing. The scheme is the version in effect
// on 31 December. One settled figure per person and year: a person another unit settled
// first shows that unit's frozen figure.

type Sums = Settlement['totals'];
function totals(lines: SettlementLine[]): Sums {
  return lines.reduce((s, l) => ({ count: s.count + 1, withheldFen: s.withheldFen + l.withheldFen, amountFen: s.amountFen + l.amountFen }),
    { count: 0, withheldFen: 0, amountFen: 0 });
}

function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Settled people of the year across all units, first confirmation first. */
function settledElsewhere(ctx: Ctx, year: number, exceptId: string | null): Map<string, SettlementLine> {
  const rows = ctx.db.select({ s: salarySettlements, orgName: orgUnits.name }).from(salarySettlements)
    .innerJoin(orgUnits, eq(orgUnits.id, salarySettlements.orgId))
    .where(and(eq(salarySettlements.year, year), isNull(salarySettlements.deletedAt))).orderBy(salarySettlements.confirmedAt, salarySettlements.changeSeq).all();
  const out = new Map<string, SettlementLine>();
  for (const { s, orgName } of rows) {
    if (s.id === exceptId) continue;
    for (const l of s.lines as SettlementLine[])
      if (!out.has(l.personId) && !l.sealed) out.set(l.personId, { ...l, sealed: { orgId: s.orgId, orgName, confirmedAt: s.confirmedAt, confirmedBy: s.confirmedBy } });
  }
  return out;
}

export function frozenSettlement(ctx: Ctx, orgId: string, year: number): Settlement | null {
  const s = ctx.db.select().from(salarySettlements)
    .where(and(eq(salarySettlements.orgId, orgId), eq(salarySettlements.year, year), isNull(salarySettlements.deletedAt))).get();
  if (!s) return null;
  const lines = s.lines as SettlementLine[];
  const sample = ctx.db.select({ sample: salarySchemes.sample }).from(salarySchemes).where(eq(salarySchemes.id, s.schemeId)).get()?.sample ?? false;
  return {
    year, orgId, orgName: getOrgUnit(ctx, orgId).name, status: 'confirmed', confirmedAt: s.confirmedAt, confirmedBy: s.confirmedBy,
    scheme: { id: s.schemeId, name: s.schemeName, sample }, lines, totals: totals(lines),
  };
}

/** The draft settlement, and the months of the year this unit has not confirmed yet. */
export function computeSettlementWithMonths(ctx: Ctx, orgId: string, year: number): { settlement: Settlement; openMonths: string[] } {
  const org = getOrgUnit(ctx, orgId);
  const scheme = schemeOn(ctx, `${year}-12-31`, 'year', '年度');
  const pay = scheme.config.performancePay;
  const openMonths: string[] = [];
  const draft = (lines: SettlementLine[]): Settlement => ({
    year, orgId, orgName: org.name, status: 'draft', confirmedAt: null, confirmedBy: null,
    scheme: { id: scheme.id, name: scheme.name, sample: scheme.sample }, lines, totals: totals(lines),
  });
  // No version up to the year's end ever withheld a share (a correction can only carry
  // what some version withheld) and no yearly amount: nothing to settle, no sheets to build.
  const everWithheld = loadSchemes(ctx).some((v) => v.effectiveDate <= `${year}-12-31` && v.config.performancePay.mode === 'withheld' && v.config.performancePay.withheldPercent > 0);
  if (!everWithheld && !pay.yearlyFen) return { settlement: draft([]), openMonths };
  const people = new Map<string, { name: string; orgId: string; orgName: string; post: string; months: number; withheldFen: number }>();
  for (const month of monthsOf(year)) {
    let sheet;
    try {
      sheet = paySheetFor(ctx, orgId, month);
    } catch (e) {
      // A month before the first scheme version has no sheet and nothing withheld.
      if (e instanceof AppError && e.code === 'validation') continue;
      throw e;
    }
    // A month is settled on what it paid: open while a line of it is neither confirmed here nor sealed by another unit.
    if (sheet.status === 'draft' && sheet.lines.some((l) => !l.sealed)) openMonths.push(month);
    for (const l of sheet.lines) {
      const p = people.get(l.personId) ?? { name: l.name, orgId: l.orgId, orgName: l.orgName, post: l.post, months: 0, withheldFen: 0 };
      Object.assign(p, { name: l.name, orgId: l.orgId, orgName: l.orgName, post: l.post });
      p.months++;
      p.withheldFen += l.withheldFen;
      people.set(l.personId, p);
    }
  }
  const grades = gradesByPerson(ctx, null, { from: year, to: year });
  const sealed = settledElsewhere(ctx, year, null);
  const lines: SettlementLine[] = [];
  for (const [personId, p] of people) {
    const held = sealed.get(personId);
    if (held) {
      lines.push(held);
      continue;
    }
    const yearlyFen = pay.yearlyFen;
    if (!p.withheldFen && !yearlyFen) continue;
    const grade = grades.get(personId)?.get(year) ?? null;
    const g = grade ? pay.settlementGrades.find((x) => x.grade === grade) : undefined;
    const postCoefficient = pay.postCoefficients.find((x) => x.post === p.post)?.coefficient ?? 1;
    let note: string | null = null;
    if (!grade) note = `缺少 ${year} 年度考核结果，暂不发放`;
    else if (!g) note = `${year} 年度考核${grade}，不发放年终绩效`;
    const amountFen = g ? divRoundHalfUp((p.withheldFen + yearlyFen) * coefUnits(g.coefficient)! * coefUnits(postCoefficient)!, COEF_SCALE * COEF_SCALE) : 0;
    lines.push({
      personId, name: p.name, orgId: p.orgId, orgName: p.orgName, post: p.post, grade, months: p.months, withheldFen: p.withheldFen, yearlyFen,
      gradeCoefficient: g?.coefficient ?? null, postCoefficient, amountFen, note, sealed: null,
    });
  }
  return { settlement: draft(lines), openMonths };
}

export function computeSettlement(ctx: Ctx, orgId: string, year: number): Settlement {
  return computeSettlementWithMonths(ctx, orgId, year).settlement;
}

export function settlementFor(ctx: Ctx, orgId: string, year: number): Settlement {
  return frozenSettlement(ctx, orgId, year) ?? computeSettlement(ctx, orgId, year);
}
