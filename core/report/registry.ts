import type { ReportDef } from './def.ts';
import { assessmentReport } from './reports/assessment.ts';
import { changesReport } from './reports/changes.ts';
import { committeeReport } from './reports/committee.ts';
import { compositionReport } from './reports/composition.ts';
import { payReport, performanceReport } from './reports/pay.ts';
import { trainingReport } from './reports/training.ts';
import { ledgerReport } from './reports/ledger.ts';

// Every report the app offers, in menu order. A new report is one file in ./reports/
// exporting a ReportDef and one line here; the contract, UI, export, print and CLI list it
// from this array.
export const REPORTS: readonly ReportDef<any>[] = [
  compositionReport,
  committeeReport,
  trainingReport,
  assessmentReport,
  payReport,
  performanceReport,
  changesReport,
  ledgerReport,
];

export function findReport(name: string): ReportDef<any> | undefined {
  return REPORTS.find((r) => r.name === name);
}
