import type { Ctx } from '../context.ts';
import { computedList, pageOf, type Columns } from '../paging/computed.ts';
import type { HoursColumn, HoursFilter } from './contract-hours-page.ts';
import type { PersonHours } from './contract-views.ts';
import { belowRequirement, hoursByPerson } from './hours.ts';

// Cells as the grid shows them: posts joined with 、, met as 达标/未达标/无要求.
const COLS: Columns<PersonHours, HoursColumn> = {
  name: (r) => r.name,
  orgName: (r) => r.orgName,
  posts: (r) => r.posts.join('、'),
  postCategory: (r) => r.postCategory,
  requirement: (r) => r.requirement,
  shortfall: (r) => r.shortfall,
  hours: (r) => r.hours,
  days: (r) => r.days,
  met: (r) => (r.met === null ? '无要求' : r.met ? '达标' : '未达标'),
};

interface Input {
  year: number; orgId: string; below: boolean; startRow: number; endRow: number;
  sort: { column: HoursColumn; dir: 'asc' | 'desc' }[]; filters: HoursFilter[];
}

export function hoursPage(ctx: Ctx, input: Input) {
  const all = computedList(ctx, 'training.hoursPage', [input.year, input.orgId, input.below], () =>
    (input.below ? belowRequirement : hoursByPerson)(ctx, { year: input.year, orgId: input.orgId }).rows,
  );
  const page = pageOf(all, COLS, input);
  return { year: input.year, rows: page.rows, rowCount: page.rowCount, sample: all.some((r) => r.sampleRule) };
}
