import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { openApp, resolveDbFile } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import type { App } from './app.ts';
import { promptHidden } from './prompt.ts';

/** Runs one operation and prints the Chinese error message on failure; returns the data or null. */
export async function callOrReport(app: App, op: string, input: unknown): Promise<Record<string, unknown> | null> {
  const env = await app.dispatcher.dispatch(op, input);
  if (!env.ok) {
    console.error(`失败：${env.error.message}`);
    return null;
  }
  return env.data as Record<string, unknown>;
}

interface KeysState {
  binding: { orgCode: string; orgName: string; role: string } | null;
  active: { fingerprint: string; signFingerprint: string; recipientFingerprint: string; ageRecipient: string; ageSource: string } | null;
  peers: { id: string; role: string; orgCode: string; orgName: string; fingerprint: string; status: string }[];
}

function printState(s: KeysState): void {
  if (!s.binding || !s.active) {
    console.log('本机尚未初始化密钥。');
    return;
  }
  console.log(`本单位：${s.binding.orgName}（${s.binding.orgCode}，${s.binding.role === 'county' ? '县（区）' : '社区'}）`);
  console.log(`本机指纹：${s.active.fingerprint}`);
  console.log(`接收公钥：${s.active.ageRecipient}（${s.active.ageSource === 'age-keygen' ? '由 age-keygen 导入' : '本机生成'}）`);
  console.log(`签名密钥指纹：${s.active.signFingerprint}`);
  for (const p of s.peers) console.log(`对方单位：${p.orgName}（${p.orgCode}）${p.status}  指纹 ${p.fingerprint}  [${p.id}]`);
}

/** `jiceng keys init [--org CODE] | show | import-identity FILE | rotate | backup OUT | import-backup FILE | revoke PEER_ID` */
export async function runKeys(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' }, user: { type: 'string' }, org: { type: 'string' } });
  const [sub, arg] = positionals;
  const app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined);
  try {
    let data: Record<string, unknown> | null;
    switch (sub) {
      case 'init':
        // Without --org the key binds to the unit chosen at first-run setup (keys.init).
        data = await callOrReport(app, 'keys.init', { orgCode: (values.org as string | undefined) ?? null });
        break;
      case 'show':
        data = await callOrReport(app, 'keys.show', {});
        break;
      case 'import-identity':
        if (!arg) throw new UsageError('keys import-identity 需要 age-keygen 身份文件');
        data = await callOrReport(app, 'keys.importIdentity', { text: readFileSync(arg, 'utf8') });
        break;
      case 'rotate':
        data = await callOrReport(app, 'keys.rotate', {});
        break;
      case 'backup': {
        if (!arg) throw new UsageError('keys backup 需要输出文件');
        // The passphrase is typed twice and never passed on the command line (shell history).
        const passphrase = await promptHidden('私钥备份口令（至少 12 个字符）：');
        const passphraseAgain = await promptHidden('再次输入口令：');
        const out = await callOrReport(app, 'keys.backup', { passphrase, passphraseAgain });
        if (!out) return 1;
        writeFileSync(arg, Buffer.from(String(out.base64), 'base64'), { mode: 0o600 });
        chmodSync(arg, 0o600);
        console.log(`私钥备份已用口令加密写入 ${arg}（请把口令与文件分开保管，此操作已留痕）`);
        return 0;
      }
      case 'import-backup': {
        if (!arg) throw new UsageError('keys import-backup 需要私钥备份文件');
        const passphrase = await promptHidden('私钥备份口令：');
        data = await callOrReport(app, 'keys.importBackup', { base64: readFileSync(arg).toString('base64'), passphrase });
        if (data) console.log(`已从备份恢复 ${String(data.restored)} 对密钥`);
        break;
      }
      case 'revoke': {
        if (!arg) throw new UsageError('keys revoke 需要对方单位密钥编号（见 keys show）');
        const out = await callOrReport(app, 'keys.revokePeer', { peerId: arg });
        if (!out) return 1;
        console.log(`已吊销：${String(out.orgName)}（${String(out.orgCode)}）`);
        return 0;
      }
      default:
        throw new UsageError('keys 子命令：init [--org CODE] | show | import-identity FILE | rotate | backup OUT | import-backup FILE | revoke PEER_ID');
    }
    if (!data) return 1;
    printState(data as unknown as KeysState);
    return 0;
  } finally {
    app.close();
  }
}
