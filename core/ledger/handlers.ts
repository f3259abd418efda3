import type { HandlersFor } from '../contract/handler-types.ts';
import type { ledgerContract } from './contract.ts';
import { itemHandlers } from './lists/items.ts';
import { quarterHandlers } from './lists/quarters.ts';
import { taskHandlers } from './lists/tasks.ts';
import { orderHandlers } from './orders/handlers.ts';
import { ledgerOverview } from './overview.ts';
import { exportOverview } from './overview-export.ts';
import { getAttachment } from './attachments.ts';

export const ledgerHandlers: HandlersFor<typeof ledgerContract> = {
  ...itemHandlers,
  ...taskHandlers,
  ...quarterHandlers,
  ...orderHandlers,
  'ledger.overview': (ctx, input) => ledgerOverview(ctx, input),
  'ledger.overview.export': (ctx, input) => exportOverview(ctx, input),
  'ledger.attachments.get': (ctx, input) => getAttachment(ctx, input.id),
};
