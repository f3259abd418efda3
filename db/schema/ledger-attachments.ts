import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// Evidence files stored in the database (base64 text, so they travel in bundles like any
// column). `ownerId` is a ledger item, task report, order or quarterly report id; size limits
// are enforced in core/ledger/attachments.ts.
export const ledgerAttachments = sqliteTable(
  'ledger_attachments',
  {
    ...sharedColumns(),
    ownerId: text().notNull(),
    /** The order step the file belongs to, when it is order evidence. */
    stepId: text(),
    fileName: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    dataBase64: text().notNull(),
  },
  (t) => [index('ledger_attachments_owner_idx').on(t.ownerId), index('ledger_attachments_seq_idx').on(t.changeSeq)],
);

export type LedgerAttachmentRow = typeof ledgerAttachments.$inferSelect;
