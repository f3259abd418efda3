import { createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { computedValue, pageOf, type Columns, type PageRequest } from '../paging/computed.ts';
import type { PaySheet, PayLine } from './contract.ts';
import type { paySheetPageContract } from './contract-paysheet-page.ts';
import { PAY_ITEM_COLUMN, PAY_STATIC, lineItemFen, type PayColumn } from './paysheet-columns.ts';
import { paySheetFor } from './paysheet.ts';
import { itemFen, sheetItemColumns } from './sheet-layout.ts';

// The pay sheet grid block by block (issue 19). The sheet (computed ~400 ms, frozen ~170 ms
// at county scale) is built once per view and kept by core/paging/computed.ts until anything
// is written; the summary and every block read that one copy.

type Shown = { personId: string; totalFen: number }[];

interface SheetView {
  sheet: PaySheet;
  columns: ReturnType<typeof sheetItemColumns>;
  cols: Columns<PayLine, PayColumn>;
  token: string;
}

/** sha-256 of the (personId, totalFen) pairs in line order, 32 hex digits. */
export function sheetToken(lines: readonly Shown[number][]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l.personId}\t${l.totalFen}\n`);
  return h.digest('hex').slice(0, 32);
}

function viewOf(ctx: Ctx, orgId: string, month: string): SheetView {
  return computedValue(ctx, 'salary.paySheetView', [orgId, month], () => {
    const sheet = paySheetFor(ctx, orgId, month);
    const columns = sheetItemColumns(sheet.lines);
    // Only the item columns this sheet has can be sorted or filtered; others are refused by name.
    const cols = { ...PAY_STATIC } as Columns<PayLine, PayColumn>;
    for (const i of columns.items) cols[`item:${i.key}`] = (l) => lineItemFen(l, `item:${i.key}`);
    for (const d of columns.deductions) cols[`deduction:${d.key}`] = (l) => lineItemFen(l, `deduction:${d.key}`);
    return { sheet, columns, cols, token: sheetToken(sheet.lines) };
  });
}

// What the last few summaries showed, by token: 确认本月 with a token then checks each person's
// figure as the old `shown` list did. Few entries, each kept for an hour at most (a clerk may
// look at the sheet a while before confirming); a token no longer kept is compared whole.
const KEEP_TOKENS = 8;
const TOKEN_MS = 60 * 60 * 1000;
let shownSheets: { token: string; orgId: string; month: string; pairs: Shown; at: number }[] = [];

function remember(orgId: string, month: string, v: SheetView): void {
  const now = Date.now();
  const pairs = v.sheet.lines.map((l) => ({ personId: l.personId, totalFen: l.totalFen }));
  const rest = shownSheets.filter((e) => now - e.at <= TOKEN_MS && !(e.token === v.token && e.orgId === orgId && e.month === month));
  shownSheets = [{ token: v.token, orgId, month, pairs, at: now }, ...rest].slice(0, KEEP_TOKENS);
}

/**
 * 确认本月 with a shownToken: while the token's pairs are kept, each person's figure is checked
 * as the old `shown` list was (`perPerson`, naming the person); then, and for a token no longer
 * kept, any other difference (e.g. a person added since) refuses the whole sheet.
 */
export function assertTokenHolds(token: string, orgId: string, month: string, now: PaySheet, perPerson: (s: PaySheet, shown: Shown) => void): void {
  const at = Date.now();
  const kept = shownSheets.find((e) => e.token === token && e.orgId === orgId && e.month === month && at - e.at <= TOKEN_MS);
  if (kept) perPerson(now, kept.pairs);
  if (sheetToken(now.lines) !== token) throw new AppError('conflict', '「工资表」自显示以来已有变化，请刷新后再确认');
}

function checkColumn(v: SheetView, column: string, what: '排序列' | '筛选列'): void {
  if (PAY_ITEM_COLUMN.test(column) && !(column in v.cols))
    throw new AppError('validation', `「${what}」“${column.slice(column.indexOf(':') + 1)}”不是本月工资表的项目，请刷新后再试`);
}

export const paySheetPageHandlers: HandlersFor<typeof paySheetPageContract> = {
  'salary.paySheetSummary': (ctx, input) => {
    const v = viewOf(ctx, input.orgId, input.month);
    remember(input.orgId, input.month, v);
    const { lines, ...head } = v.sheet;
    const sumsOf = (ls: PayLine[]) => ({
      items: v.columns.items.map((i) => itemFen(ls, (x) => x.items, i.key)),
      deductions: v.columns.deductions.map((d) => itemFen(ls, (x) => x.deductions, d.key)),
    });
    const byOrg = new Map<string, PayLine[]>();
    for (const l of lines) {
      const mine = byOrg.get(l.orgId);
      if (mine) mine.push(l);
      else byOrg.set(l.orgId, [l]);
    }
    return {
      ...head,
      columns: v.columns,
      communityItems: head.communities.map((c) => ({ orgId: c.orgId, ...sumsOf(byOrg.get(c.orgId) ?? []) })),
      totalItems: sumsOf(lines),
      sealedCount: lines.filter((l) => l.sealed).length,
      lineCount: lines.length,
      shownToken: v.token,
    };
  },

  'salary.paySheetPage': (ctx, input) => {
    const v = viewOf(ctx, input.orgId, input.month);
    for (const s of input.sort) checkColumn(v, s.column, '排序列');
    for (const f of input.filters) checkColumn(v, f.column, '筛选列');
    return pageOf(v.sheet.lines, v.cols, input as PageRequest<PayColumn>);
  },
};
