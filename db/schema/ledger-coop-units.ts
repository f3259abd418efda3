import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A 共建单位 / 驻区单位 as kept by the street or community it co-builds with (`orgId`):
// its kind, its own party organisation, the 联络员, and what it shares with the community.
export const coopUnits = sqliteTable(
  'coop_units',
  {
    ...sharedColumns(),
    name: text().notNull(),
    kind: text().notNull(),
    partyOrg: text(),
    contactName: text(),
    contactPhone: text(),
    spaceM2: real('space_m2').notNull().default(0),
    squares: integer().notNull().default(0),
    facilities: integer().notNull().default(0),
    remarks: text(),
  },
  (t) => [index('coop_units_org_idx').on(t.orgId), index('coop_units_seq_idx').on(t.changeSeq)],
);

export type CoopUnitRow = typeof coopUnits.$inferSelect;
