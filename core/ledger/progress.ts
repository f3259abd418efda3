import { COLOUR_BANDS, type Colour } from './codes.ts';

/** The 五色 colour of an item: blue once closed; red when overdue; else by progress band. */
export function colourOf(progress: number, closed: boolean, overdue: boolean): Colour {
  if (closed) return '蓝';
  if (overdue) return '红';
  return COLOUR_BANDS.find((b) => progress < b.below)?.colour ?? '绿';
}

/** Open and past its deadline (dates are YYYY-MM-DD, so string order is date order). */
export function isOverdue(deadline: string | null, closedOn: string | null, today: string): boolean {
  if (!deadline) return false;
  if (closedOn) return closedOn > deadline;
  return today > deadline;
}
