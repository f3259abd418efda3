import { createHash, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ledgerAttachments } from '../../db/schema/index.ts';
import { notFound, validationError, type FieldIssue } from '../contract/errors.ts';
import { requiredText } from '../contract/fields.ts';
import { query } from '../contract/op.ts';
import { ref } from '../guard/refs.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { ATTACHMENT_FILE_LIMIT, ATTACHMENT_MIMES, ATTACHMENT_OWNER_LIMIT } from './codes.ts';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

export const attachmentInput = z.object({
  fileName: requiredText('附件文件名', 120),
  mime: z.enum(ATTACHMENT_MIMES, { error: '「附件类型」只接受 JPG、PNG、PDF 或文本文件' }),
  dataBase64: z.string({ error: '「附件内容」缺失' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '「附件内容」不是有效的 base64' }),
});
export type AttachmentInput = z.output<typeof attachmentInput>;
export const attachmentsField = z.array(attachmentInput).max(20, { error: '「附件」一次最多 20 个' }).default([]);

export const attachmentRecord = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int(), stepId: z.string().nullable() });
export type AttachmentRecord = z.infer<typeof attachmentRecord>;

export const attachmentsContract = {
  'ledger.attachments.get': query(
    '读取一个佐证材料（base64）',
    z.object({ id: ref('ledger_attachments', '附件编号') }),
    z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  ),
};

/** One stored file; the guard has already checked the row's scope. */
export function getAttachment(ctx: Ctx, id: string) {
  const row = ctx.db.select().from(ledgerAttachments).where(and(eq(ledgerAttachments.id, id), isNull(ledgerAttachments.deletedAt))).get();
  if (!row) throw notFound('佐证材料', id);
  return { fileName: row.fileName, mime: row.mime, base64: row.dataBase64 };
}

const decodedSize = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** Bytes already stored as evidence of one record. */
function storedBytes(ctx: Ctx, ownerId: string): number {
  return (
    ctx.db
      .select({ n: sql<number>`coalesce(sum(${ledgerAttachments.size}), 0)` })
      .from(ledgerAttachments)
      .where(and(eq(ledgerAttachments.ownerId, ownerId), isNull(ledgerAttachments.deletedAt)))
      .get()?.n ?? 0
  );
}

/** Checks every limit before anything is written; the message names the file and the limit. */
export function checkAttachments(ctx: Ctx, ownerId: string | null, files: AttachmentInput[], path = 'attachments'): void {
  const issues: FieldIssue[] = [];
  let total = ownerId ? storedBytes(ctx, ownerId) : 0;
  files.forEach((f, i) => {
    const size = decodedSize(f.dataBase64);
    total += size;
    if (size > ATTACHMENT_FILE_LIMIT)
      issues.push({ path: `${path}.${i}`, message: `「附件」“${f.fileName}”超过单个文件 ${mb(ATTACHMENT_FILE_LIMIT)} 的上限` });
  });
  if (!issues.length && total > ATTACHMENT_OWNER_LIMIT)
    issues.push({ path, message: `「附件」合计超过每条记录 ${mb(ATTACHMENT_OWNER_LIMIT)} 的上限` });
  if (issues.length) throw validationError(issues);
}

export function storeAttachments(tx: TxCtx, orgId: string, ownerId: string, files: AttachmentInput[], stepId: string | null = null): void {
  for (const f of files) {
    const bytes = Buffer.from(f.dataBase64, 'base64');
    tx.db
      .insert(ledgerAttachments)
      .values({
        id: randomUUID(), orgId, ownerId, stepId, fileName: f.fileName, mime: f.mime, size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'), dataBase64: f.dataBase64,
        createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
  }
}

export function listAttachments(ctx: Ctx, ownerId: string): AttachmentRecord[] {
  return ctx.db
    .select({ id: ledgerAttachments.id, fileName: ledgerAttachments.fileName, mime: ledgerAttachments.mime, size: ledgerAttachments.size, stepId: ledgerAttachments.stepId })
    .from(ledgerAttachments)
    .where(and(eq(ledgerAttachments.ownerId, ownerId), isNull(ledgerAttachments.deletedAt)))
    .all();
}
