import type { Ctx } from '../context.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { computedValue, pageOf, type PageRequest } from '../paging/computed.ts';
import type { Settlement, settlementPageContract } from './contract-settlement.ts';
import { SETTLEMENT_COLUMNS, type SettlementColumn } from './settlement-columns.ts';
import { settlementFor } from './settlement.ts';

// The settlement grid block by block (issue 19). A draft is computed from the year's twelve
// pay sheets (seconds at county scale), a confirmed year read from its stored lines; either
// is built once per view and kept by core/paging/computed.ts until anything is written, and
// the summary and every block read that one copy.

const viewOf = (ctx: Ctx, orgId: string, year: number): Settlement =>
  computedValue(ctx, 'salary.settlementView', [orgId, year], () => settlementFor(ctx, orgId, year));

export const settlementPageHandlers: HandlersFor<typeof settlementPageContract> = {
  'salary.settlementSummary': (ctx, input) => {
    const { lines, ...head } = viewOf(ctx, input.orgId, input.year);
    return { ...head, lineCount: lines.length };
  },

  'salary.settlementPage': (ctx, input) =>
    pageOf(viewOf(ctx, input.orgId, input.year).lines, SETTLEMENT_COLUMNS, input as PageRequest<SettlementColumn>),
};
