import type { Ctx } from '../../context.ts';

// Confirmed pay lines of a year for the people of some org units. Only confirmed (frozen)
// months count: an unconfirmed month is a draft that can still change. A person paid on two
// confirmed sheets of one month (a community's and a street's covering it) counts once, from
// the later confirmation.

export interface PayItem {
  id: string;
  personId: string;
  name: string;
  orgId: string;
  orgName: string;
  month: string;
  baseFen: number;
  allowancesFen: number;
  performanceFen: number;
  totalFen: number;
}

export function confirmedPayLines(ctx: Ctx, orgIds: readonly string[], year: number): PayItem[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT l.id, l.person_id AS personId, l.person_name AS name, l.org_id AS orgId, l.org_name AS orgName, s.month,
              l.base_fen AS baseFen, l.allowances_fen AS allowancesFen, l.performance_fen AS performanceFen, l.total_fen AS totalFen,
              s.confirmed_at AS confirmedAt
         FROM salary_pay_lines l JOIN salary_pay_sheets s ON s.id = l.sheet_id AND s.deleted_at IS NULL
        WHERE l.deleted_at IS NULL AND s.month BETWEEN @from AND @to AND l.org_id IN (SELECT value FROM json_each(@orgs))
        ORDER BY s.month, s.confirmed_at DESC, l.line_no`,
    )
    .all({ orgs: JSON.stringify(orgIds), from: `${year}-01`, to: `${year}-12` }) as (PayItem & { confirmedAt: string })[];
  const seen = new Set<string>();
  const out: PayItem[] = [];
  for (const { confirmedAt: _c, ...r } of rows) {
    const k = `${r.personId}|${r.month}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
