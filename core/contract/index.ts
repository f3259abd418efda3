import type { z } from 'zod';
import { bundleContract } from '../bundle/contract.ts';
import { codesContract } from '../codes/contract.ts';
import { coopContract } from '../ledger/coop/contract.ts';
import { gridContract } from '../ledger/grid/contract.ts';
import { assessmentContract } from '../assessment/contract.ts';
import { assessmentSheetPageContract } from '../assessment/contract-sheet-page.ts';
import { ledgerContract } from '../ledger/contract.ts';
import { orgContract } from '../org/contract.ts';
import { rosterContract } from '../roster/contract.ts';
import { reportContract } from '../report/contract.ts';
import { rosterIoContract } from '../roster-io/contract.ts';
import { salaryContract } from '../salary/contract.ts';
import { salaryGradingContract } from '../salary/grading-contract.ts';
import { securityContract, sessionContract } from '../security/contract.ts';
import { systemContract } from '../system/contract.ts';
import { trainingContract } from '../training/contract.ts';
import type { OpDef } from './op.ts';

/** The registry: every operation the app has, by `area.verb` name. */
export const contract = {
  ...bundleContract,
  ...codesContract,
  ...coopContract,
  ...gridContract,
  ...assessmentContract,
  ...assessmentSheetPageContract,
  ...ledgerContract,
  ...orgContract,
  ...rosterContract,
  ...reportContract,
  ...rosterIoContract,
  ...salaryContract,
  ...salaryGradingContract,
  ...securityContract,
  ...sessionContract,
  ...systemContract,
  ...trainingContract,
} satisfies Record<string, OpDef>;

export type Contract = typeof contract;
export type OpName = keyof Contract;
/** What a caller sends (before defaults and normalisation). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and normalisation). */
export type OpParsed<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(contract, name);
}

export type { Envelope, ErrorBody, ErrorCode, FieldIssue } from './errors.ts';

/** The one transport-neutral shape: Electron's preload and the HTTP client both provide it. */
export interface ApiBridge {
  /** `session` is the id `auth.login` returned; the transport carries it beside the input. */
  invoke(name: string, input: unknown, session?: string | null): Promise<import('./errors.ts').Envelope<unknown>>;
}

/** Operations the runtime answers itself, before the database is open (no dispatcher handler). */
export type SessionOpName = keyof typeof sessionContract;
