import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id } from '../contract/fields.ts';
import { target } from '../guard/refs.ts';
import { OUTCOMES } from './manifest.ts';

// Keys, enrollment and bundles. File bytes travel as base64 (bundles) or text (enrollment
// files, signatures) so every payload stays JSON-safe; the CLI and the UI do the file I/O.

const keyView = z.object({
  id: z.string(), status: z.string(), ageRecipient: z.string(), ageSource: z.string(), signPublic: z.string(),
  fingerprint: z.string(), signFingerprint: z.string(), recipientFingerprint: z.string(), createdAt: z.string(),
});
export const peerView = z.object({
  id: z.string(), role: z.enum(['county', 'community']), orgCode: z.string(), orgName: z.string(), orgId: z.string(),
  ageRecipients: z.array(z.string()), fingerprint: z.string(), status: z.string(), createdAt: z.string(),
  confirmedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
const binding = z.object({ orgId: z.string(), orgCode: z.string(), orgName: z.string(), role: z.enum(['county', 'community']) });
// `unit`: the unit chosen in the first-run wizard, which keys.init binds to when given no code.
const keysState = z.object({
  binding: binding.nullable(), active: keyView.nullable(), keys: z.array(keyView), peers: z.array(peerView),
  unit: z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'street', 'community']) }).nullable(),
});
// The key backup's passphrase: long, because the file may be copied anywhere.
const passphrase = z.string({ error: '「口令」必须填写' }).min(12, { error: '「口令」至少 12 个字符' }).max(200, { error: '「口令」不能超过 200 个字符' });
const fileText = (label: string) => z.string({ error: `「${label}」缺失` }).min(1, { error: `「${label}」为空` }).max(10_000_000, { error: `「${label}」过大` });
const fingerprint = z.string({ error: '「指纹」应为文字' }).trim().max(64, { error: '「指纹」过长' });
// The same rule as /^[A-Za-z0-9+/]*={0,2}$/ as a loop: the regex cost about 3× as much on the
// 33 MB of a county's 150 bundles (tests/bench/county-import.bench.ts, issue 19).
const B64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64_CHAR[c.charCodeAt(0)] = 1;
export function isBase64(s: string): boolean {
  let n = s.length;
  if (n && s.charCodeAt(n - 1) === 61) {
    n--;
    if (n && s.charCodeAt(n - 1) === 61) n--;
  }
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || !B64_CHAR[c]) return false;
  }
  return true;
}
const b64 = z.string({ error: '「文件」缺失' }).refine(isBase64, { error: '「文件」不是 base64 编码' });
// The signature file is required (a bundle without it is refused as SIG_MISSING before any
// decryption). `size`: a caller that refused to read the file (core/bundle/limits.ts
// refuseUnread) sends an empty `file` and the size on disk, so the refusal is still logged.
const fileName = z.string({ error: '「文件名」应为文字' }).max(255, { error: '「文件名」不能超过 255 个字符' });
const bundleFileInput = z.object({
  fileName: fileName.default('bundle.age'), file: b64,
  signature: z.string({ error: '「签名文件」应为文字' }).max(10_000, { error: '「签名文件」过大（不能超过 10000 个字符）' }).nullish(),
  size: z.number({ error: '「文件大小」应为数字' }).int({ error: '「文件大小」应为整数字节数' }).min(0, { error: '「文件大小」不能为负数' }).nullish(),
});
const tableReport = z.object({ created: z.number(), updated: z.number(), retired: z.number(), conflicts: z.number() });

export const importResult = z.object({
  fileName: z.string(), sha256: z.string(), outcome: z.enum(OUTCOMES), message: z.string(),
  kind: z.enum(['data', 'policy']).nullable(), senderCode: z.string().nullable(), senderName: z.string().nullable(),
  seq: z.number().nullable(), full: z.boolean().nullable(), report: z.record(z.string(), tableReport).nullable(), released: z.number(),
});
export type ImportResultView = z.infer<typeof importResult>;

export const exportView = z.object({
  id: z.string(), kind: z.enum(['data', 'policy']), chain: z.string(), seq: z.number(), full: z.boolean(), fileName: z.string(),
  sha256: z.string(), counts: z.record(z.string(), z.number()), status: z.enum(['pending', 'written', 'failed']),
  error: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
});
const importView = z.object({
  id: z.number(), at: z.string(), fileName: z.string(), sha256: z.string(), size: z.number(), outcome: z.string(), message: z.string(),
  kind: z.string().nullable(), senderCode: z.string().nullable(), seq: z.number().nullable(),
  report: z.record(z.string(), tableReport).nullable(),
});

const recordSummary = z.object({ title: z.string(), unit: z.string(), details: z.array(z.string()) });
const conflictView = z.object({
  id: z.string(), tableName: z.string(), tableLabel: z.string(), senderCode: z.string(), senderName: z.string(), reason: z.string(),
  reasonCode: z.enum(['same_id', 'id_clash', 'unique']),
  // The decisions this caller may take on this conflict now (the UI offers exactly these).
  decisions: z.array(z.enum(['keep_local', 'take_received', 'different'])),
  detectedAt: z.string(), received: recordSummary, local: recordSummary.nullable(),
  resolution: z.enum(['keep_local', 'take_received', 'different']).nullable(), resolvedAt: z.string().nullable(),
});

const auditHold = z.object({
  sha256: z.string(), senderCode: z.string(), bundleSeq: z.number().int(), fileName: z.string(), finding: z.string(), receivedAt: z.string(),
  status: z.enum(['held', 'accepted', 'refused']), decidedAt: z.string().nullable(), decidedBy: z.string().nullable(), note: z.string().nullable(),
});

export const bundleContract = {
  // Without a unit code the key binds to the unit chosen in the first-run wizard.
  'keys.init': mutation('初始化本机密钥并绑定本单位（县或社区）', z.object({ orgCode: z.string({ error: '「单位代码」应为文字' }).trim().regex(/^\d{12}$/, { error: '「单位代码」应为 12 位区划代码' }).nullish() }).default({}), keysState),
  'keys.show': query('本机密钥、指纹与已登记的对方单位', z.object({}).default({}), keysState),
  'keys.importIdentity': mutation('导入已有的身份作为本机接收密钥（age-keygen 生成的身份文件）', z.object({ text: fileText('身份文件') }), keysState),
  'keys.rotate': mutation('更换本机密钥（旧密钥保留用于解密在途数据包）', z.object({}).default({}), keysState),
  'keys.backup': mutation(
    '备份本机私钥（用口令加密，留痕）',
    z.object({ passphrase, passphraseAgain: z.string({ error: '「再次输入口令」必须填写' }) }).refine((v) => v.passphrase === v.passphraseAgain, {
      error: '「再次输入口令」与口令不一致', path: ['passphraseAgain'],
    }),
    z.object({ base64: z.string(), fileName: z.string() }),
  ),
  'keys.importBackup': mutation(
    '从加密的私钥备份恢复本机密钥（留痕）',
    z.object({ base64: fileText('备份文件'), passphrase: z.string({ error: '「口令」必须填写' }).min(1, { error: '「口令」必须填写' }) }),
    keysState.extend({ restored: z.number().int() }),
  ),
  'keys.revokePeer': mutation('吊销对方单位的密钥', z.object({ peerId: id('对方单位密钥') }), peerView),
  'enroll.exportProfile': query(
    '导出县级登记文件（含接收公钥、签名公钥，以及该社区及其上级的组织单位）',
    z.object({ communityCode: z.string({ error: '「社区」应为区划代码' }).trim().regex(/^\d{12}$/, { error: '「社区」应为 12 位区划代码' }).nullish() }).default({}),
    z.object({ text: z.string(), fingerprint: z.string(), fileName: z.string(), community: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable() }),
  ),
  // Without `confirm` the county is recorded as 待核对 until enroll.confirmProfile.
  'enroll.importProfile': mutation('社区导入县级登记文件', z.object({ text: fileText('县级配置文件'), confirm: fingerprint.nullish() }), peerView),
  'enroll.confirmProfile': mutation(
    '社区核对县（区）的指纹（电话或纸质登记表），核对一致后信任县级密钥',
    z.object({ confirm: fingerprint.min(1, { error: '「县（区）指纹」必须填写，请与县里电话或纸质登记表核对' }) }),
    peerView,
  ),
  'enroll.exportRequest': query('社区导出登记申请（本机公钥）', z.object({}).default({}), z.object({ text: z.string(), fingerprint: z.string(), fileName: z.string() })),
  'enroll.importRequest': mutation('县（区）导入社区登记申请，核对指纹后生效', z.object({ text: fileText('登记申请文件'), confirm: fingerprint.min(1, { error: '「指纹」必须填写，请与社区电话或纸质登记表核对' }) }), peerView),
  'bundle.export': mutation(
    '导出数据包（社区→县）或政策包（县→社区）',
    z.object({ full: z.boolean().default(false), recipientCode: z.string().trim().nullish() }).default({ full: false }),
    z.object({ files: z.array(exportView.extend({ file: z.string(), signature: z.string() })) }),
  ),
  'bundle.exportDone': mutation(
    '登记数据包写入结果（写入并校验成功后才占用序号）',
    z.object({ exportId: id('导出记录'), ok: z.boolean(), sha256: z.string().nullish(), error: z.string().max(500).nullish() }),
    exportView,
  ),
  'bundle.import': mutation(
    '导入一个数据包：全部校验通过后在一个事务中合并',
    bundleFileInput,
    importResult,
  ),
  'bundle.importMany': mutation(
    '导入多个数据包：每个数据包全部校验通过才合并，整批一次提交（一次写盘）',
    z.object({
      files: z.array(bundleFileInput.extend({ fileName: fileName }), { error: '「文件」应为文件列表' })
        .min(1, { error: '「文件」至少一个' }).max(500, { error: '「文件」一次最多 500 个' }),
    }),
    // `results` has one entry per file taken, in order; a batch stops after a bundle that
    // announces a new signing key (the sender's next bundles verify only after it is merged).
    z.object({ results: z.array(importResult) }),
  ),
  'bundle.inspect': query(
    '查看数据包（解密并校验，不写入）',
    bundleFileInput,
    z.object({ ok: z.boolean(), outcome: z.string().nullable(), message: z.string(), manifest: z.unknown().nullable() }),
  ),
  'bundle.history': query('导出与导入记录', z.object({}).default({}), z.object({ exports: z.array(exportView), imports: z.array(importView) })),
  'bundle.overview': query(
    '县级报送情况：各社区最近一次报送的时间、序号与记录数',
    z.object({}).default({}),
    z.object({
      communities: z.array(z.object({
        orgCode: z.string(), orgName: z.string(), peerStatus: z.string(), fingerprint: z.string(), lastSeq: z.number().nullable(),
        lastImportedAt: z.string().nullable(), lastCreatedAt: z.string().nullable(), records: z.number().nullable(), held: z.number(),
        /** Bundles held because the community's audit history was rewritten (AUDIT_REWRITTEN). */
        auditHeld: z.number(),
      })),
      conflicts: z.array(z.object({ id: z.string(), tableName: z.string(), recordId: z.string(), senderCode: z.string(), reason: z.string(), detectedAt: z.string() })),
    }),
  ),
  'bundle.conflicts': query(
    '跨社区重复或冲突记录：收到的记录与本机已有的记录',
    z.object({}).default({}),
    z.array(conflictView),
  ),
  'bundle.resolveConflict': mutation(
    '处理一条冲突记录：保留本机记录、采用收到的记录，或标记为不同人员（留痕）',
    z.object({
      conflictId: target('bundle_conflicts', '冲突记录'),
      decision: z.enum(['keep_local', 'take_received', 'different'], { error: '「处理方式」应为保留本机记录、采用收到的记录或标记为不同人员' }),
    }),
    conflictView,
  ),
  'bundle.auditHolds': query(
    '审计记录被改写而暂扣的数据包',
    z.object({}).default({}),
    z.array(auditHold),
  ),
  'bundle.auditDecide': mutation(
    '审核暂扣的数据包：确认接收（审计锚点随之更新）或继续拒收',
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '「数据包」编号不正确' }),
      decision: z.enum(['accept', 'refuse'], { error: '「决定」应为接收或拒收' }),
      note: z.string({ error: '「审核意见」必须填写' }).trim().min(2, { error: '「审核意见」至少 2 个字' }).max(500, { error: '「审核意见」不能超过 500 字' }),
    }),
    auditHold,
  ),
};
