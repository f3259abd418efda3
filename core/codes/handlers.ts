import type { HandlersFor } from '../contract/handler-types.ts';
import type { codesContract } from './contract.ts';
import { CODE_TABLES } from './tables.ts';

export const codesHandlers: HandlersFor<typeof codesContract> = {
  'codes.list': () => CODE_TABLES,
};
