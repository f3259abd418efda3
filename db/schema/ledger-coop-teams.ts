import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

export interface TeamMember {
  source: '花名册' | '双报到' | '手工';
  /** people.id or grid_registrations.id, by source; null for a free entry. */
  refId: string | null;
  name: string;
}

// A 党员志愿服务队 with its members (from the roster, the 双报到 list, or typed in) and
// the service categories it offers.
export const coopTeams = sqliteTable(
  'coop_teams',
  {
    ...sharedColumns(),
    name: text().notNull(),
    categories: text({ mode: 'json' }).$type<string[]>().notNull(),
    members: text({ mode: 'json' }).$type<TeamMember[]>().notNull(),
    remarks: text(),
  },
  (t) => [index('coop_teams_org_idx').on(t.orgId), index('coop_teams_seq_idx').on(t.changeSeq)],
);

export type CoopTeamRow = typeof coopTeams.$inferSelect;
