import type { HandlersFor } from '../contract/handler-types.ts';
import type { assessmentContract } from './contract.ts';
import { cycleHandlers } from './handlers-cycles.ts';
import { entryHandlers } from './handlers-entry.ts';
import { reportHandlers } from './handlers-reports.ts';
import { schemeHandlers } from './handlers-schemes.ts';

export const assessmentHandlers: HandlersFor<typeof assessmentContract> = {
  ...schemeHandlers,
  ...cycleHandlers,
  ...entryHandlers,
  ...reportHandlers,
};
