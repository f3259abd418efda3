import type { HandlersFor } from '../contract/handler-types.ts';
import type { salaryContract } from './contract.ts';
import { levelHandlers } from './level-handlers.ts';
import { paySheetHandlers } from './paysheet-handlers.ts';
import { promotionHandlers } from './promotion-handlers.ts';
import { schemeHandlers } from './scheme-handlers.ts';
import { settlementHandlers } from './settlement-handlers.ts';

export const salaryHandlers: HandlersFor<typeof salaryContract> = {
  ...schemeHandlers,
  ...levelHandlers,
  ...promotionHandlers,
  ...paySheetHandlers,
  ...settlementHandlers,
};
