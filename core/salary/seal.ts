import type { Ctx } from '../context.ts';
import type { PayCorrection, PayLine } from './contract.ts';
import { legacyItems, parseItems } from './line-items.ts';

// A confirmed month is sealed per person, not per sheet (../shared/models.md §7: submitted
// means immutable, corrections are new records). The first confirmation of a person-month,
// at whatever unit, holds its figures; every other sheet of that month shows them, and a
// later change that would alter them becomes a 补发 / 扣回 line on an open month instead.

export interface Seal {
  sheetId: string;
  month: string;
  /** The unit whose confirmed sheet sealed the month. */
  sheetOrgId: string;
  sheetOrgName: string;
  confirmedAt: string;
  confirmedBy: string;
  line: Omit<PayLine, 'sealed'>;
}

interface SealRow {
  sheetId: string; month: string; sheetOrgId: string; sheetOrgName: string; confirmedAt: string; confirmedBy: string;
  personId: string; personName: string; orgId: string; orgName: string; post: string; level: number; grade: string | null;
  baseFen: number; allowancesFen: number; allowances: string; performanceFen: number; totalFen: number; note: string | null;
  corrections: string; correctionFen: number; items: string; deductions: string; deductionsFen: number; withheldFen: number;
}

// First confirmation wins: confirmed_at, then the change number for two in one instant.
const SEALS_SQL = `SELECT s.id AS sheetId, s.month, s.org_id AS sheetOrgId, o.name AS sheetOrgName, s.confirmed_at AS confirmedAt,
  s.confirmed_by AS confirmedBy, l.person_id AS personId, l.person_name AS personName, l.org_id AS orgId, l.org_name AS orgName,
  l.post, l.level, l.grade, l.base_fen AS baseFen, l.allowances_fen AS allowancesFen, l.allowances, l.performance_fen AS performanceFen,
  l.total_fen AS totalFen, l.note, l.corrections, l.correction_fen AS correctionFen, l.items, l.deductions,
  l.deductions_fen AS deductionsFen, l.withheld_fen AS withheldFen
  FROM salary_pay_sheets s JOIN salary_pay_lines l ON l.sheet_id = s.id JOIN org_units o ON o.id = s.org_id
  WHERE s.deleted_at IS NULL AND l.deleted_at IS NULL AND s.month BETWEEN ? AND ?
  ORDER BY s.confirmed_at, s.change_seq, l.line_no`;

// Allowance items are only shown for the sheet's own month; earlier months need the sums.
function toSeal(r: SealRow, withItems: boolean): Seal {
  const allowances = withItems ? (JSON.parse(r.allowances) as PayLine['allowances']) : [];
  return {
    sheetId: r.sheetId, month: r.month, sheetOrgId: r.sheetOrgId, sheetOrgName: r.sheetOrgName, confirmedAt: r.confirmedAt, confirmedBy: r.confirmedBy,
    line: {
      personId: r.personId, name: r.personName, orgId: r.orgId, orgName: r.orgName, post: r.post, level: r.level, grade: r.grade,
      baseFen: r.baseFen, allowances, allowancesFen: r.allowancesFen,
      performanceFen: r.performanceFen, totalFen: r.totalFen, note: r.note,
      items: withItems ? parseItems(r.items, () => legacyItems({ baseFen: r.baseFen, allowances, performanceFen: r.performanceFen })) : [],
      deductions: withItems ? (JSON.parse(r.deductions) as PayLine['deductions']) : [],
      deductionsFen: r.deductionsFen, netFen: r.totalFen - r.deductionsFen, withheldFen: r.withheldFen,
      corrections: r.corrections === '[]' ? [] : (JSON.parse(r.corrections) as PayCorrection[]), correctionFen: r.correctionFen,
    },
  };
}

/** Sealed person-months from `from` to `to` (YYYY-MM): person → month → the seal that holds. */
export function sealsBetween(ctx: Ctx, from: string, to: string): Map<string, Map<string, Seal>> {
  const out = new Map<string, Map<string, Seal>>();
  for (const r of ctx.sqlite.prepare(SEALS_SQL).all(from, to) as SealRow[]) {
    let m = out.get(r.personId);
    if (!m) out.set(r.personId, (m = new Map()));
    if (!m.has(r.month)) m.set(r.month, toSeal(r, r.month === to));
  }
  return out;
}

const SEALERS_SQL = `SELECT l.person_id AS personId, s.id AS sheetId, s.org_id AS orgId, o.name AS orgName, s.confirmed_at AS confirmedAt,
  s.confirmed_by AS confirmedBy FROM salary_pay_sheets s JOIN salary_pay_lines l ON l.sheet_id = s.id JOIN org_units o ON o.id = s.org_id
  WHERE s.deleted_at IS NULL AND l.deleted_at IS NULL AND s.month = ? ORDER BY s.confirmed_at, s.change_seq`;

/** For a confirmed sheet: its people whose month another sheet sealed first, with that sheet's unit. */
export function sealedElsewhere(ctx: Ctx, sheetId: string, month: string): Map<string, NonNullable<PayLine['sealed']>> {
  const out = new Map<string, NonNullable<PayLine['sealed']>>();
  // The common case, one sheet for the month, needs no per-line look-up.
  const n = ctx.sqlite.prepare('SELECT count(*) AS n FROM salary_pay_sheets WHERE month = ? AND deleted_at IS NULL').get(month) as { n: number };
  if (n.n < 2) return out;
  const first = new Set<string>();
  type R = { personId: string; sheetId: string } & NonNullable<PayLine['sealed']>;
  for (const r of ctx.sqlite.prepare(SEALERS_SQL).all(month) as R[]) {
    if (first.has(r.personId)) continue;
    first.add(r.personId);
    if (r.sheetId !== sheetId) out.set(r.personId, { orgId: r.orgId, orgName: r.orgName, confirmedAt: r.confirmedAt, confirmedBy: r.confirmedBy });
  }
  return out;
}

/** The person-month's figure before any correction: what the month itself paid. */
export const netOf = (l: Pick<PayLine, 'totalFen' | 'correctionFen'>): number => l.totalFen - l.correctionFen;

export function sealedInfo(s: Seal): NonNullable<PayLine['sealed']> {
  return { orgId: s.sheetOrgId, orgName: s.sheetOrgName, confirmedAt: s.confirmedAt, confirmedBy: s.confirmedBy };
}

/** Why the sheet reads a stored version as frozen: the first confirmed month that used it, or null. */
export function schemeSealedBy(ctx: Ctx, schemeId: string): string | null {
  const r = ctx.sqlite.prepare('SELECT month FROM salary_pay_sheets WHERE scheme_id = ? AND deleted_at IS NULL ORDER BY month LIMIT 1').get(schemeId) as
    | { month: string }
    | undefined;
  return r?.month ?? null;
}
