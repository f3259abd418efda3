import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

export interface MeetingTopic {
  title: string;
  /** When the 议题 was handed in; the rule asks for 15 days before the meeting. */
  submittedDate: string | null;
}
export interface MeetingFollowUp {
  item: string;
  status: '已办结' | '办理中' | '未办理';
  note: string | null;
}

// A 联席会议 of the community's 共建联合会. The host unit is the quarter's 轮值主席;
// follow-ups report on the previous meeting's items (the closed loop of §4.3).
export const coopMeetings = sqliteTable(
  'coop_meetings',
  {
    ...sharedColumns(),
    date: text().notNull(),
    hostUnitId: text(),
    chairName: text(),
    attendees: text({ mode: 'json' }).$type<string[]>().notNull(),
    topics: text({ mode: 'json' }).$type<MeetingTopic[]>().notNull(),
    minutes: text(),
    previousMeetingId: text(),
    followUps: text({ mode: 'json' }).$type<MeetingFollowUp[]>().notNull(),
  },
  (t) => [index('coop_meetings_org_date_idx').on(t.orgId, t.date), index('coop_meetings_seq_idx').on(t.changeSeq)],
);

export type CoopMeetingRow = typeof coopMeetings.$inferSelect;
