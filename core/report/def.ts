import type { Ctx } from '../context.ts';
import type { UnitLite } from './groups.ts';
import type { Column, RowGroup } from './table.ts';

/** What every report is asked: a unit, a reference date, the year it falls in, and the age cut-offs. */
export interface ReportParams {
  orgId: string;
  asOf: string;
  year: number;
  /** Upper ages of the bands, ascending: [30, 35, 45] gives ≤30, 31–35, 36–45, >45. */
  ageCuts: number[];
}

/** The people (or records) behind a cell, as the drill-down lists them. */
export interface Member {
  id: string;
  name: string;
  orgName: string;
  /** One line of what this item contributes, e.g. 42 学时 or 1,234.00 元. */
  detail: string;
  /** The item's share of a sum cell (fen, hours); absent for counts. */
  value?: number;
}

export interface ChartSpec {
  type: 'bar' | 'pie' | 'line';
  /** The columns plotted. */
  columns: string[];
  /** bar/line: one category per leaf row (community) or per period row; pie: the 合计 row's cells. */
  rows: 'leaf' | 'total' | 'period';
  title: string;
}

export interface Built<T> {
  unit: UnitLite;
  groups: RowGroup<T>[];
  columns: Column<T>[];
  member: (item: T, column: Column<T>) => Member;
  notes: string[];
  /** Charts whose columns depend on the data (grade labels); else the definition's. */
  charts?: ChartSpec[];
}

/**
 * One report. Adding a report is one file exporting a ReportDef and one line in registry.ts;
 * the contract, export, print, CLI and drill-down pick it up from there.
 */
export interface ReportDef<T = unknown> {
  name: string;
  title: string;
  /** 'asOf': a stock at a reference date; 'year': a flow over the calendar year of that date. */
  period: 'asOf' | 'year';
  summary: string;
  charts: ChartSpec[];
  /** Whether an earlier reference date can be compared (stocks only). */
  comparable: boolean;
  build(ctx: Ctx, p: ReportParams): Built<T>;
}

export function defineReport<T>(def: ReportDef<T>): ReportDef<T> {
  return def;
}
