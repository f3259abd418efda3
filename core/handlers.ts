import type { Contract, OpName, SessionOpName } from './contract/index.ts';
import type { HandlersFor } from './contract/handler-types.ts';
import { bundleHandlers } from './bundle/handlers.ts';
import { codesHandlers } from './codes/handlers.ts';
import { coopHandlers } from './ledger/coop/handlers.ts';
import { assessmentHandlers } from './assessment/handlers.ts';
import { sheetPageHandlers } from './assessment/handlers-sheet-page.ts';
import { ledgerHandlers } from './ledger/handlers.ts';
import { orgHandlers } from './org/handlers.ts';
import { rosterHandlers } from './roster/handlers.ts';
import { reportHandlers } from './report/handlers.ts';
import { rosterIoHandlers } from './roster-io/handlers.ts';
import { salaryHandlers } from './salary/handlers.ts';
import { securityHandlers } from './security/handlers.ts';
import { systemHandlers } from './system/handlers.ts';
import { trainingHandlers } from './training/handlers.ts';

const all = {
  ...bundleHandlers,
  ...codesHandlers,
  ...coopHandlers,
  ...assessmentHandlers,
  ...sheetPageHandlers,
  ...ledgerHandlers,
  ...orgHandlers,
  ...rosterHandlers,
  ...reportHandlers,
  ...rosterIoHandlers,
  ...salaryHandlers,
  ...securityHandlers,
  ...systemHandlers,
  ...trainingHandlers,
};

// A registry entry without a handler fails the annotation below; a handler without a
// registry entry fails this one.
type NoStrayHandlers<T> = Exclude<keyof T, OpName> extends never ? true : never;
const _noStray: NoStrayHandlers<typeof all> = true;
void _noStray;

// Session operations (login, setup …) are answered by core/runtime.ts before the database opens.
export const handlers: HandlersFor<Omit<Contract, SessionOpName>> = all;
