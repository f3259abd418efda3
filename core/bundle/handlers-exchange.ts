import { openHolds } from './audit-anchor.ts';
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import {
  bundleConflicts, bundleExports, bundleHeld, bundleImports, bundlePeers, bundleSenderState, orgUnits, type BundleExportRow,
} from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { readableOrgIds, scopeCondition } from '../guard/scope.ts';
import type { bundleContract } from './contract.ts';
import { chainHead, currentChangeSeq, buildBundle, type BuiltBundle } from './export.ts';
import { requireBinding, trustedPeers } from './keys.ts';
import { rejectedResult } from './merge.ts';
import { earlyRefusal, prepareImport } from './import-one.ts';
import { verifyBundle } from './verify.ts';

type ExchangeOps = 'bundle.export' | 'bundle.exportDone' | 'bundle.import' | 'bundle.inspect' | 'bundle.history' | 'bundle.overview';

function exportOut(r: BundleExportRow) {
  const { bundleId: _b, prevSha256: _p, toChangeSeq: _t, signKeyId: _k, ...rest } = r;
  return rest;
}

/** The org codes of the units the caller covers, or null when unrestricted. */
export function senderCodesInScope(ctx: Ctx): Set<string> | null {
  const readable = readableOrgIds(ctx);
  if (!readable) return null;
  return new Set(ctx.db.select({ code: orgUnits.code }).from(orgUnits).where(inArray(orgUnits.id, [...readable])).all().map((u) => u.code));
}

export const exchangeHandlers: HandlersFor<Pick<typeof bundleContract, ExchangeOps>> = {
  'bundle.export': {
    async prepare(ctx, input) {
      const b = requireBinding(ctx);
      const kind = b.role === 'community' ? 'data' : 'policy';
      let recipients = trustedPeers(ctx, b.role === 'community' ? 'county' : 'community');
      if (input.recipientCode) recipients = recipients.filter((p) => p.orgCode === input.recipientCode);
      if (!recipients.length)
        throw new AppError('conflict', b.role === 'community' ? '尚未导入县级配置，无法导出数据包' : `没有已登记的社区${input.recipientCode ? ` ${input.recipientCode}` : ''}，无法导出政策包`);
      const built: BuiltBundle[] = [];
      for (const p of recipients) built.push(await buildBundle(ctx, kind, input.full, p));
      return (tx) => {
        const files = [];
        for (const x of built) {
          // The chain and the data must not have moved while the file was being encrypted.
          if ((chainHead(tx, x.row.chain)?.seq ?? 0) !== x.expect.headSeq || currentChangeSeq(tx) !== x.expect.changeSeq)
            throw new AppError('conflict', '导出期间数据发生了变化，请重新导出');
          tx.db.update(bundleExports).set({ status: 'failed', error: '被新的导出取代', finishedAt: tx.nowIso })
            .where(and(eq(bundleExports.chain, x.row.chain), eq(bundleExports.status, 'pending'))).run();
          tx.db.insert(bundleExports).values(x.row).run();
          files.push({ ...exportOut(x.row), file: Buffer.from(x.file).toString('base64'), signature: JSON.stringify(x.outerSig) + '\n' });
        }
        tx.audit({ entity: 'bundle_export', entityId: built[0]!.row.id, after: built.map((x) => ({ fileName: x.fileName, seq: x.row.seq, counts: x.row.counts })) });
        return { files };
      };
    },
  },
  'bundle.exportDone': (tx, input) => {
    const row = tx.db.select().from(bundleExports).where(eq(bundleExports.id, input.exportId)).get();
    if (!row) throw new AppError('not_found', `未找到导出记录 ${input.exportId}`);
    if (row.status !== 'pending') throw new AppError('conflict', `导出记录 ${row.fileName} 已是${row.status === 'written' ? '已写入' : '失败'}状态`);
    const ok = input.ok && input.sha256 === row.sha256;
    const error = ok ? null : input.ok ? '写入后读回的摘要与导出内容不符' : (input.error ?? '写入失败');
    tx.db.update(bundleExports).set({ status: ok ? 'written' : 'failed', error, finishedAt: tx.nowIso }).where(eq(bundleExports.id, row.id)).run();
    const after = tx.db.select().from(bundleExports).where(eq(bundleExports.id, row.id)).get()!;
    tx.audit({ entity: 'bundle_export', entityId: row.id, before: { status: row.status }, after: { status: after.status, error } });
    return exportOut(after);
  },
  'bundle.import': {
    async prepare(ctx, input) {
      const one = await prepareImport(ctx, input);
      return (tx) => {
        const result = one.apply(tx);
        tx.audit({ entity: 'bundle_import', entityId: one.bundleId, after: { ...result, report: undefined } });
        return result;
      };
    },
  },
  'bundle.inspect': async (ctx, input) => {
    const v = earlyRefusal(ctx, input).refusal
      ?? await verifyBundle(ctx, new Uint8Array(Buffer.from(input.file, 'base64')), input.signature ?? null);
    if (v.ok) return { ok: true, outcome: null, message: `校验通过：来自“${v.peer.orgName}”第 ${v.manifest.seq} 号`, manifest: v.manifest };
    return { ok: false, outcome: v.outcome, message: rejectedResult(input.fileName, '', v).message, manifest: v.manifest ?? null };
  },
  // A scoped account sees the traffic of the units it covers: imports by their sender's unit,
  // conflicts by the record's unit. This installation's own exports are its own unit's.
  'bundle.history': (ctx) => {
    const seen = senderCodesInScope(ctx);
    return {
      exports: ctx.db.select().from(bundleExports).orderBy(desc(bundleExports.createdAt)).limit(500).all().map(exportOut),
      imports: ctx.db
        .select()
        .from(bundleImports)
        .where(seen ? inArray(bundleImports.senderCode, [...seen]) : undefined)
        .orderBy(desc(bundleImports.id))
        .limit(500)
        .all(),
    };
  },
  'bundle.overview': (ctx) => {
    const readable = readableOrgIds(ctx);
    const peers = ctx.db
      .select()
      .from(bundlePeers)
      .where(and(eq(bundlePeers.role, 'community'), ne(bundlePeers.status, 'replaced'), readable ? inArray(bundlePeers.orgId, [...readable]) : undefined))
      .orderBy(asc(bundlePeers.orgCode))
      .all();
    const states = new Map(ctx.db.select().from(bundleSenderState).all().map((s) => [s.chain, s]));
    const held = ctx.db.select({ chain: bundleHeld.chain }).from(bundleHeld).all();
    const auditHeld = openHolds(ctx);
    return {
      communities: peers.map((p) => {
        const s = states.get(`data:${p.orgCode}`);
        return {
          orgCode: p.orgCode, orgName: p.orgName, peerStatus: p.status, fingerprint: p.fingerprint, lastSeq: s?.lastSeq ?? null,
          lastImportedAt: s?.lastImportedAt ?? null, lastCreatedAt: s?.lastCreatedAt ?? null, records: s?.records ?? null,
          held: held.filter((h) => h.chain === `data:${p.orgCode}`).length,
          auditHeld: auditHeld.filter((h) => h.chain === `data:${p.orgCode}`).length,
        };
      }),
      conflicts: ctx.db
        .select()
        .from(bundleConflicts)
        .where(and(isNull(bundleConflicts.resolvedAt), scopeCondition(ctx, bundleConflicts.orgId)))
        .orderBy(desc(bundleConflicts.detectedAt))
        .limit(500)
        .all(),
    };
  },
};
