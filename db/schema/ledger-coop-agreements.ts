import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A 共建协议 between the keeping street/community (`orgId`) and one unit, for a term.
// The agreement obliges a written report every quarter (coop_agreement_reports).
export const coopAgreements = sqliteTable(
  'coop_agreements',
  {
    ...sharedColumns(),
    unitId: text().notNull(),
    title: text().notNull(),
    signedDate: text().notNull(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    clauses: text(),
    contactName: text(),
    remarks: text(),
  },
  (t) => [
    index('coop_agreements_org_idx').on(t.orgId),
    index('coop_agreements_unit_idx').on(t.unitId),
    index('coop_agreements_seq_idx').on(t.changeSeq),
  ],
);

// The quarterly written report an agreement requires (社居委 → 街道), one per quarter.
export const coopAgreementReports = sqliteTable(
  'coop_agreement_reports',
  {
    ...sharedColumns(),
    agreementId: text().notNull(),
    quarter: text().notNull(),
    submittedDate: text().notNull(),
    content: text().notNull(),
  },
  (t) => [index('coop_agreement_reports_agreement_idx').on(t.agreementId, t.quarter), index('coop_agreement_reports_seq_idx').on(t.changeSeq)],
);

export type CoopAgreementRow = typeof coopAgreements.$inferSelect;
export type CoopAgreementReportRow = typeof coopAgreementReports.$inferSelect;
