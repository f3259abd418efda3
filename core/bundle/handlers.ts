import type { HandlersFor } from '../contract/handler-types.ts';
import type { bundleContract } from './contract.ts';
import { exchangeHandlers } from './handlers-exchange.ts';
import { keysHandlers } from './handlers-keys.ts';
import { auditHoldHandlers } from './handlers-audit.ts';
import { conflictHandlers } from './conflicts.ts';
import { batchHandlers } from './handlers-batch.ts';

export const bundleHandlers: HandlersFor<typeof bundleContract> = { ...keysHandlers, ...exchangeHandlers, ...auditHoldHandlers, ...conflictHandlers, ...batchHandlers };
