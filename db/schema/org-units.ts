import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// County → street/township → community. `orgId` of a unit is the unit itself: a unit
// belongs to the installation that administers it, which is the unit's own office.
export const orgUnits = sqliteTable(
  'org_units',
  {
    ...sharedColumns(),
    parentId: text(),
    level: text({ enum: ['county', 'street', 'community'] }).notNull(),
    name: text().notNull(),
    // 12-digit 统计用区划代码; the edition year is kept because the codes are revised yearly.
    code: text().notNull(),
    codeEdition: text(),
    // 本级工作人员单位: a street whose own office staff are kept on its roster directly (the
    // only case where a non-community unit holds people). Meaningful only for a street.
    staffUnit: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_seq_idx').on(t.changeSeq),
    uniqueIndex('org_units_code_uq').on(t.code).where(sql`deleted_at IS NULL`),
    // Every unit in code order, deleted ones too: the roster grid's blocks walk the units in the
    // list's default order (o.code, then name within a unit) and stop after one block (issue 19).
    index('org_units_code_idx').on(t.code),
  ],
);

export type OrgUnitRow = typeof orgUnits.$inferSelect;
