import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A 双报到 registration at the community (`orgId`): an 在职党员 or a 机关单位 党组织 (§4.2).
// 报到单 = the registration itself; 回执 = receiptDate, when the acceptance went back to the
// member's unit (or the 机关工委).
export const gridRegistrations = sqliteTable(
  'grid_registrations',
  {
    ...sharedColumns(),
    kind: text({ enum: ['在职党员', '机关单位'] }).notNull(),
    name: text().notNull(),
    workUnit: text().notNull(),
    phone: text(),
    specialty: text(),
    categories: text({ mode: 'json' }).$type<string[]>().notNull(),
    gridId: text(),
    registeredDate: text().notNull(),
    receiptDate: text(),
    leftDate: text(),
  },
  (t) => [index('grid_registrations_org_idx').on(t.orgId), index('grid_registrations_seq_idx').on(t.changeSeq)],
);

// One line of the 服务记录卡 of a registration.
export const gridServiceRecords = sqliteTable(
  'grid_service_records',
  {
    ...sharedColumns(),
    registrationId: text().notNull(),
    date: text().notNull(),
    category: text().notNull(),
    content: text().notNull(),
  },
  (t) => [index('grid_service_records_reg_idx').on(t.registrationId, t.date), index('grid_service_records_seq_idx').on(t.changeSeq)],
);

// The quarterly feedback of the 服务记录卡 to the member's unit, one per quarter.
export const gridServiceFeedback = sqliteTable(
  'grid_service_feedback',
  {
    ...sharedColumns(),
    registrationId: text().notNull(),
    quarter: text().notNull(),
    sentDate: text().notNull(),
    summary: text().notNull(),
  },
  (t) => [index('grid_service_feedback_reg_idx').on(t.registrationId, t.quarter), index('grid_service_feedback_seq_idx').on(t.changeSeq)],
);

export type GridRegistrationRow = typeof gridRegistrations.$inferSelect;
export type GridServiceRecordRow = typeof gridServiceRecords.$inferSelect;
export type GridServiceFeedbackRow = typeof gridServiceFeedback.$inferSelect;
