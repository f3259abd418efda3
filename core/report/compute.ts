import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import type { ReportParams } from './def.ts';
import { findReport } from './registry.ts';
import { DEFAULT_AGE_CUTS } from './reports/age-bands.ts';
import { columnView, drillItems, tabulate, type CellValue } from './table.ts';
import type { DrillResult, ReportInput, ReportResult } from './contract.ts';

function paramsOf(input: ReportInput): ReportParams {
  const asOf = input.asOf;
  return { orgId: input.orgId, asOf, year: input.year ?? Number(asOf.slice(0, 4)), ageCuts: input.ageCuts ?? DEFAULT_AGE_CUTS };
}

function defOf(name: string) {
  const def = findReport(name);
  if (!def) throw validationError([{ path: 'name', message: `「报表」没有名为“${name}”的报表` }]);
  return def;
}

/** One report at one reference date, with the same figures at `compareAsOf` when asked. */
export function runReport(ctx: Ctx, input: ReportInput): ReportResult {
  const def = defOf(input.name);
  const p = paramsOf(input);
  const built = def.build(ctx, p);
  const rows = tabulate(built.groups, built.columns);
  let previous: ReportResult['previous'] = null;
  if (input.compareAsOf) {
    if (!def.comparable) throw validationError([{ path: 'compareAsOf', message: `「对比日期」${def.title}是年度报表，不按日期对比` }]);
    if (input.compareAsOf >= p.asOf) throw validationError([{ path: 'compareAsOf', message: '「对比日期」应早于统计日期' }]);
    const before = def.build(ctx, { ...p, asOf: input.compareAsOf, year: Number(input.compareAsOf.slice(0, 4)) });
    const prevRows = tabulate(before.groups, before.columns);
    const byKey = new Map(prevRows.map((r) => [r.key, r.cells]));
    previous = { asOf: input.compareAsOf, cells: Object.fromEntries(rows.map((r) => [r.key, numericOnly(byKey.get(r.key) ?? {})])) };
  }
  return {
    name: def.name,
    title: def.title,
    period: def.period,
    unit: { id: built.unit.id, name: built.unit.name, code: built.unit.code, level: built.unit.level },
    asOf: p.asOf,
    year: p.year,
    ageCuts: p.ageCuts,
    columns: built.columns.map(columnView),
    rows,
    charts: built.charts ?? def.charts,
    notes: built.notes,
    previous,
  };
}

function numericOnly(cells: Record<string, CellValue>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(cells).filter(([, v]) => typeof v === 'number' || v === null)) as Record<string, number | null>;
}

/** The items behind one cell: as many as the cell counts, or summing to it. */
export function drillReport(ctx: Ctx, input: ReportInput & { rowKey: string; column: string }): DrillResult {
  const def = defOf(input.name);
  const built = def.build(ctx, paramsOf(input));
  const items = drillItems(built.groups, built.columns, input.rowKey, input.column);
  if (!items) throw new AppError('not_found', '该单元格没有可查看的明细（行或列不存在，或是文字列）');
  let column = built.columns.find((c) => c.key === input.column)!;
  if (column.kind === 'rate') column = built.columns.find((c) => c.key === column.rate!.num)!;
  const row = built.groups.find((g) => g.key === input.rowKey)!;
  const rows = items.map((it) => built.member(it, column));
  rows.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return { title: `${row.label} · ${column.group ? `${column.group} · ` : ''}${column.label}`, money: column.money ?? false, rows };
}
