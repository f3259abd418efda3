import type { Contract, OpName } from './contract/index.ts';
import type { HandlersFor } from './contract/handler-types.ts';
import { codesHandlers } from './codes/handlers.ts';
import { orgHandlers } from './org/handlers.ts';
import { rosterHandlers } from './roster/handlers.ts';

const all = {
  ...codesHandlers,
  ...orgHandlers,
  ...rosterHandlers,
};

// A registry entry without a handler fails the annotation below; a handler without a
// registry entry fails this one.
type NoStrayHandlers<T> = Exclude<keyof T, OpName> extends never ? true : never;
const _noStray: NoStrayHandlers<typeof all> = true;
void _noStray;

export const handlers: HandlersFor<Contract> = all;
