import { index, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// One person's enrolment in a class or a session (exactly one of classId/sessionId).
// creditedHours/creditedDays null means "as the class or session says for this status",
// so editing the class hours or marking someone absent needs no rewrite of other rows.
export const trainingAttendance = sqliteTable(
  'training_attendance',
  {
    ...sharedColumns(),
    classId: text(),
    sessionId: text(),
    personId: text().notNull(),
    status: text().notNull(),
    creditedHours: real(),
    creditedDays: real(),
    result: text(),
    score: real(),
    certificateNo: text(),
    remarks: text(),
  },
  (t) => [
    index('training_attendance_person_idx').on(t.personId),
    index('training_attendance_seq_idx').on(t.changeSeq),
    uniqueIndex('training_attendance_class_uq').on(t.classId, t.personId).where(sql`class_id IS NOT NULL AND deleted_at IS NULL`),
    uniqueIndex('training_attendance_session_uq').on(t.sessionId, t.personId).where(sql`session_id IS NOT NULL AND deleted_at IS NULL`),
  ],
);

export type TrainingAttendanceRow = typeof trainingAttendance.$inferSelect;
