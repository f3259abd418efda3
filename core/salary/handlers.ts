import type { HandlersFor } from '../contract/handler-types.ts';
import type { salaryContract } from './contract.ts';
import type { salaryGradingContract } from './grading-contract.ts';
import { batchGradingHandlers } from './batch-grading.ts';
import { gradingFixHandlers } from './grading-fixes.ts';
import { levelBonusHandlers } from './level-bonus.ts';
import { levelHandlers } from './level-handlers.ts';
import { paySheetHandlers } from './paysheet-handlers.ts';
import { paySheetPageHandlers } from './paysheet-page.ts';
import { promotionHandlers } from './promotion-handlers.ts';
import { schemeHandlers } from './scheme-handlers.ts';
import { settlementHandlers } from './settlement-handlers.ts';
import { settlementPageHandlers } from './settlement-page.ts';

export const salaryHandlers: HandlersFor<typeof salaryContract & typeof salaryGradingContract> = {
  ...schemeHandlers,
  ...levelHandlers,
  ...promotionHandlers,
  ...paySheetHandlers,
  ...paySheetPageHandlers,
  ...settlementHandlers,
  ...settlementPageHandlers,
  ...batchGradingHandlers,
  ...gradingFixHandlers,
  ...levelBonusHandlers,
};
