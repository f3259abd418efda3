import { listsContract } from './lists/contract.ts';
import { ordersContract } from './orders/contract.ts';
import { overviewContract } from './overview.ts';
import { attachmentsContract } from './attachments.ts';

/** Area `ledger`: lists, tasks, quarterly reports, orders and the county view. */
export const ledgerContract = {
  ...listsContract,
  ...ordersContract,
  ...overviewContract,
  ...attachmentsContract,
};
