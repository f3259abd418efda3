import type { HandlersFor } from '../contract/handler-types.ts';
import type { assessmentSheetPageContract } from './contract-sheet-page.ts';
import { sessionPage } from './session-page.ts';
import { sheetPage, sheetSummary } from './sheet-page.ts';

export const sheetPageHandlers: HandlersFor<typeof assessmentSheetPageContract> = {
  'assessment.sheetSummary': (ctx, input) => sheetSummary(ctx, input.cycleId),
  'assessment.sheetPage': (ctx, input) => sheetPage(ctx, input),
  'assessment.sessionPage': (ctx, input) => sessionPage(ctx, input),
};
