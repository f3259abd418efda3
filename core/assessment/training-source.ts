import type { Ctx } from '../context.ts';
import { hoursByPerson } from '../training/hours.ts';

// The one seam to the training module for the automatic 培训学时 indicator.

export interface TrainingHours {
  hours: number;
  days: number;
  /** The applicable requirement in words (from the training module); null when no rule applies. */
  requirement: string | null;
  met: boolean | null;
  shortfall: string;
}

/** Per person credited hours for the year and whether the yearly requirement is met. */
export function trainingHoursFor(ctx: Ctx, year: number, orgId: string): Map<string, TrainingHours> {
  const { rows } = hoursByPerson(ctx, { year, orgId });
  return new Map(rows.map((r) => [r.personId, { hours: r.hours, days: r.days, requirement: r.requirement, met: r.met, shortfall: r.shortfall }]));
}

/**
 * Points for the training indicator. The training module reports a requirement that may
 * mix 学时 and 天数 rules, so there is no single ratio to pro-rate: met earns full marks,
 * not met earns none, and with no applicable rule the indicator is left for manual entry.
 */
export function trainingPoints(maxPoints: number, t: TrainingHours | undefined): number | null {
  if (!t || t.met === null) return null;
  return t.met ? maxPoints : 0;
}
