import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// One row per person on a community roster (花名册). Dates are ISO `YYYY-MM-DD` text;
// coded fields hold the current display name from the code tables in core/codes.
export const people = sqliteTable(
  'people',
  {
    ...sharedColumns(),
    name: text().notNull(),
    gender: text().notNull(),
    ethnicity: text().notNull(),
    birthDate: text().notNull(),
    idNumber: text(),
    nativePlace: text(),
    politicalStatus: text().notNull(),
    partyJoinDate: text(),
    workStartDate: text(),
    communityWorkStartDate: text(),
    ftEducation: text(),
    ftDegree: text(),
    ftSchoolMajor: text(),
    ptEducation: text(),
    ptDegree: text(),
    ptSchoolMajor: text(),
    posts: text({ mode: 'json' }).$type<string[]>().notNull(),
    // The 职务 and 学历 texts as an imported sheet wrote them, beside the mapped values, so a
    // spelling the code tables do not know (妇联主席, 中央党校研究生) is never lost.
    postsAsWritten: text(),
    ftEducationAsWritten: text(),
    ptEducationAsWritten: text(),
    oneShoulder: integer({ mode: 'boolean' }).notNull().default(false),
    crossPosting: integer({ mode: 'boolean' }).notNull().default(false),
    reserveCadre: integer({ mode: 'boolean' }).notNull().default(false),
    postCategory: text().notNull(),
    swQualification: text(),
    swQualificationDate: text(),
    phone: text(),
    grid: text(),
    remarks: text(),
    status: text().notNull(),
    statusDate: text(),
    statusReason: text(),
  },
  (t) => [
    index('people_org_idx').on(t.orgId, t.status),
    index('people_seq_idx').on(t.changeSeq),
    index('people_name_idx').on(t.name),
    // The roster grid's blocks and their count (roster.page, issue 19): the live people of one
    // status without reading the table; the count is answered from this index alone.
    index('people_list_idx').on(t.status, t.orgId, t.name, t.id).where(sql`deleted_at IS NULL`),
    // An ID number may appear on several records over time (re-hired, moved), but only
    // once among the people currently in post.
    uniqueIndex('people_active_id_uq')
      .on(t.idNumber)
      .where(sql`status = '在岗' AND deleted_at IS NULL AND id_number IS NOT NULL`),
  ],
);

export type PersonRow = typeof people.$inferSelect;
