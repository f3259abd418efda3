import { and, asc, eq, isNull } from 'drizzle-orm';
import { salaryPayLines, salaryPaySheets, salarySchemes } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit, subtreeIds } from '../org/handlers.ts';
import type { PayLine, PaySheet } from './contract.ts';
import { monthStart, rowInEffect } from './effective.ts';
import { gradesByPerson } from './grades.ts';
import { computePayLine } from './pay.ts';
import { correctionsFor } from './corrections.ts';
import { legacyItems, parseItems } from './line-items.ts';
import { sealedElsewhere, sealedInfo, sealsBetween } from './seal.ts';
import { groupByPerson, historyRows, loadSchemes, peopleInOrgs, schemeOn } from './store.ts';

// The monthly pay sheet of an org unit and its subtree. A confirmed month is read back
// from its frozen lines; any other month is computed now from the scheme version and
// the levels in effect on the month's first day, with the previous year's grades, except
// for people whose month another unit already confirmed (sealed, core/salary/seal.ts).

type Sums = PaySheet['totals'];
const zero = (): Sums => ({ count: 0, baseFen: 0, allowancesFen: 0, performanceFen: 0, correctionFen: 0, totalFen: 0, deductionsFen: 0, netFen: 0 });
function addTo(s: Sums, l: PayLine): void {
  s.count++;
  s.baseFen += l.baseFen;
  s.allowancesFen += l.allowancesFen;
  s.performanceFen += l.performanceFen;
  s.correctionFen += l.correctionFen;
  s.totalFen += l.totalFen;
  s.deductionsFen += l.deductionsFen;
  s.netFen += l.netFen;
}

export function summarise(lines: PayLine[]): Pick<PaySheet, 'communities' | 'totals'> {
  const totals = zero();
  const byOrg = new Map<string, PaySheet['communities'][number]>();
  for (const l of lines) {
    addTo(totals, l);
    let c = byOrg.get(l.orgId);
    if (!c) byOrg.set(l.orgId, (c = { orgId: l.orgId, orgName: l.orgName, ...zero() }));
    addTo(c, l);
  }
  return { communities: [...byOrg.values()], totals };
}

export function frozenSheet(ctx: Ctx, orgId: string, month: string): PaySheet | null {
  const s = ctx.db.select().from(salaryPaySheets)
    .where(and(eq(salaryPaySheets.orgId, orgId), eq(salaryPaySheets.month, month), isNull(salaryPaySheets.deletedAt))).get();
  if (!s) return null;
  // A line another unit sealed first is marked: this sheet copied that unit's figures.
  const elsewhere = sealedElsewhere(ctx, s.id, month);
  const lines: PayLine[] = ctx.db.select().from(salaryPayLines).where(eq(salaryPayLines.sheetId, s.id)).orderBy(asc(salaryPayLines.lineNo)).all()
    .map((r) => {
      const allowances = r.allowances as PayLine['allowances'];
      return {
        personId: r.personId, name: r.personName, orgId: r.orgId, orgName: r.orgName, post: r.post, level: r.level, grade: r.grade,
        baseFen: r.baseFen, allowances, allowancesFen: r.allowancesFen,
        performanceFen: r.performanceFen, totalFen: r.totalFen, note: r.note,
        items: parseItems(r.items, () => legacyItems({ baseFen: r.baseFen, allowances, performanceFen: r.performanceFen })),
        deductions: r.deductions as PayLine['deductions'], deductionsFen: r.deductionsFen, netFen: r.totalFen - r.deductionsFen, withheldFen: r.withheldFen,
        corrections: r.corrections as PayLine['corrections'], correctionFen: r.correctionFen,
        sealed: elsewhere.get(r.personId) ?? null,
      };
    });
  const sample = ctx.db.select({ sample: salarySchemes.sample }).from(salarySchemes).where(eq(salarySchemes.id, s.schemeId)).get()?.sample ?? false;
  return {
    month, orgId, orgName: getOrgUnit(ctx, orgId).name, status: 'confirmed', confirmedAt: s.confirmedAt, confirmedBy: s.confirmedBy,
    scheme: { id: s.schemeId, name: s.schemeName, sample }, lines, ...summarise(lines), missing: s.missing as PaySheet['missing'],
  };
}

export function computeSheet(ctx: Ctx, orgId: string, month: string): PaySheet {
  const org = getOrgUnit(ctx, orgId);
  const ref = monthStart(month);
  const scheme = schemeOn(ctx, ref, 'month', '月份');
  // Everyone in post that month: still in post, or left on or after the month's first day.
  const persons = peopleInOrgs(ctx, subtreeIds(ctx, orgId)).filter((p) => p.status === '在岗' || (p.statusDate !== null && p.statusDate >= ref));
  const history = groupByPerson(historyRows(ctx, null));
  const gradeYear = Number(month.slice(0, 4)) - 1;
  const seals = sealsBetween(ctx, '0000-01', month);
  // Grades back to the year before the earliest sealed month: its correction reads them.
  let firstSealed = month;
  for (const m of seals.values()) for (const k of m.keys()) if (k < firstSealed) firstSealed = k;
  const grades = gradesByPerson(ctx, null, { from: Number(firstSealed.slice(0, 4)) - 1, to: gradeYear });
  const basis = { schemes: seals.size ? loadSchemes(ctx) : [], history, grades };
  const lines: PayLine[] = [];
  const missing: PaySheet['missing'] = [];
  for (const p of persons) {
    const orgName = p.orgName;
    const mine = seals.get(p.id);
    const sealed = mine?.get(month);
    if (sealed) {
      lines.push({ ...sealed.line, sealed: sealedInfo(sealed) });
      continue;
    }
    if (p.communityWorkStartDate && p.communityWorkStartDate > `${month}-31`) continue;
    const cur = rowInEffect(history.get(p.id) ?? [], ref);
    if (!cur) {
      missing.push({ personId: p.id, name: p.name, orgName, reason: `${ref} 前尚未定级` });
      continue;
    }
    const grade = grades.get(p.id)?.get(gradeYear) ?? null;
    const amounts = computePayLine(scheme.config, cur.post, cur.level, p, grade, ref);
    const corrections = correctionsFor(p, month, mine, basis);
    const correctionFen = corrections.reduce((t, c) => t + c.amountFen, 0);
    const withheldFen = amounts.withheldFen + corrections.reduce((t, c) => t + (c.withheldFen ?? 0), 0);
    lines.push({
      personId: p.id, name: p.name, orgId: p.orgId, orgName, post: cur.post, level: cur.level, grade, ...amounts, withheldFen,
      totalFen: amounts.totalFen + correctionFen, netFen: amounts.totalFen + correctionFen - amounts.deductionsFen, corrections, correctionFen, sealed: null,
    });
  }
  return {
    month, orgId, orgName: org.name, status: 'draft', confirmedAt: null, confirmedBy: null,
    scheme: { id: scheme.id, name: scheme.name, sample: scheme.sample }, lines, ...summarise(lines), missing,
  };
}

export function paySheetFor(ctx: Ctx, orgId: string, month: string): PaySheet {
  return frozenSheet(ctx, orgId, month) ?? computeSheet(ctx, orgId, month);
}
