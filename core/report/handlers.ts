import type { HandlersFor } from '../contract/handler-types.ts';
import { localIsoDate } from '../roster/dates.ts';
import { drillReport, runReport } from './compute.ts';
import type { reportContract } from './contract.ts';
import { homeFor } from './home.ts';
import { REPORTS } from './registry.ts';
import { reportToXlsx } from './xlsx.ts';

export const reportHandlers: HandlersFor<typeof reportContract> = {
  'report.catalog': () => ({ reports: REPORTS.map((r) => ({ name: r.name, title: r.title, period: r.period, summary: r.summary, comparable: r.comparable })) }),
  'report.run': (ctx, input) => runReport(ctx, input),
  'report.drill': (ctx, input) => drillReport(ctx, input),
  'report.export': (ctx, input) => reportToXlsx(runReport(ctx, input), localIsoDate(ctx.now())),
  'home.get': (ctx) => homeFor(ctx),
};
