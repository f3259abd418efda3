import type Database from 'better-sqlite3';
import { GENESIS, rowHash, type AuditFields } from '../../core/security/audit-chain.ts';
import { openKeyBackup } from '../../core/bundle/key-backup.ts';
import { createHash } from 'node:crypto';
import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { checkChar } from '../../core/roster/id-number.ts';

// Two or more real installations (temp SQLite files) enrolled with each other through the
// same operations the CLI and the UI use.

export interface Installation {
  app: TestApp;
  orgCode: string;
  orgId: string;
}

export interface Exported {
  id: string;
  fileName: string;
  seq: number;
  file: Uint8Array;
  signature: string;
}

export async function newCounty(): Promise<Installation & { streetId: string; communityIds: string[] }> {
  const app = openTestApp();
  const { county, street, community } = await seedOrgTree(app);
  const c2 = await app.ok('org.create', { level: 'community', parentId: street.id, name: '幸福社区', code: '610402001002' });
  await app.ok('keys.init', { orgCode: county.code });
  return { app, orgCode: county.code, orgId: county.id, streetId: street.id, communityIds: [community.id, c2.id] };
}

/** A community installation that imported `county`'s profile and was enrolled there. */
export async function newCommunity(county: Installation, code = '610402001001'): Promise<Installation> {
  const app = openTestApp();
  const profile = await county.app.ok('enroll.exportProfile', {});
  await app.ok('enroll.importProfile', { text: profile.text, confirm: profile.fingerprint });
  const state = await app.ok('keys.init', { orgCode: code });
  const req = await app.ok('enroll.exportRequest', {});
  await county.app.ok('enroll.importRequest', { text: req.text, confirm: req.fingerprint });
  return { app, orgCode: code, orgId: state.binding!.orgId };
}

export async function exportBundle(from: Installation, opts: { full?: boolean; written?: boolean } = {}): Promise<Exported> {
  const out = await from.app.ok('bundle.export', { full: opts.full ?? false });
  const f = out.files[0]!;
  const file = new Uint8Array(Buffer.from(f.file, 'base64'));
  if (opts.written ?? true)
    await from.app.ok('bundle.exportDone', { exportId: f.id, ok: true, sha256: createHash('sha256').update(file).digest('hex') });
  return { id: f.id, fileName: f.fileName, seq: f.seq, file, signature: f.signature };
}

/** `signature` is the detached `.sig` text; null is a bundle imported without it (SIG_MISSING). */
export async function importBundle(into: Installation, file: Uint8Array, signature: string | null, fileName = 'bundle.age') {
  return into.app.ok('bundle.import', { fileName, file: Buffer.from(file).toString('base64'), signature });
}

/** Imports an exported bundle with its own `.sig`, as the CLI and the UI do. */
export const importExported = (into: Installation, b: Exported) => importBundle(into, b.file, b.signature, b.fileName);

/** A valid ID number for the birth date and gender; `x` picks one whose check character is X. */
export function idNumberFor(birthDate: string, gender: '男' | '女', start = 0, x = false): string {
  for (let n = start; n < 1000; n++) {
    if ((n % 2 === 1) !== (gender === '男')) continue;
    const first17 = `610402${birthDate.replaceAll('-', '')}${String(n).padStart(3, '0')}`;
    const c = checkChar(first17);
    if (!x || c === 'X') return first17 + c;
  }
  throw new Error('no ID number left');
}

export function personInput(orgId: string, i: number, extra: Record<string, unknown> = {}) {
  const gender = i % 2 ? '男' : '女';
  const birthDate = `1985-03-${String((i % 28) + 1).padStart(2, '0')}`;
  return {
    orgId, name: `测试${i}`, gender, ethnicity: '汉族', birthDate,
    politicalStatus: '群众', posts: ['网格员'], postCategory: '其他', ...extra,
  };
}

/** SHA-256 over every user table and the bundle state tables: equal before and after means "DB unchanged". */
export function dbDigest(app: TestApp, exceptImportLog = true): string {
  const h = createHash('sha256');
  const tables = app.opened.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    if (exceptImportLog && (name === 'bundle_imports' || name === 'audit_log')) continue;
    h.update(name);
    // The audit chain's head pointer moves with every audit row, like the log itself.
    // So do the head kept in settings and the digest key made with the first audit row.
    const skip = !exceptImportLog ? '' : name === 'counters' ? " WHERE name <> 'audit.head'" : name === 'settings' ? " WHERE key NOT IN ('audit.head', 'audit.digestKey')" : '';
    for (const row of app.opened.sqlite.prepare(`SELECT * FROM "${name}"${skip} ORDER BY rowid`).all()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

export const countRows = (app: TestApp, table: string): number =>
  (app.opened.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

/** The private keys of an installation, through the audited backup operation. */
export async function backupKeys(i: Installation): Promise<{ ageIdentity: string; ageRecipient: string; signPrivate: string; status: string }[]> {
  const pass = 'Fixture-backup-pass-1';
  const out = await i.app.ok('keys.backup', { passphrase: pass, passphraseAgain: pass });
  return (await openKeyBackup(Buffer.from(out.base64, 'base64'), pass) as unknown as { keys: { ageIdentity: string; ageRecipient: string; signPrivate: string; status: string }[] }).keys;
}

const AUDIT_TRIGGERS = `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;`;

/**
 * What a key-holder can do to the local audit trail: drop the triggers, change rows, re-hash
 * every row so the chain verifies again, move the head, and put the triggers back.
 */
export function rewriteAuditHistory(db: Database.Database, change: (db: Database.Database) => void): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(db);
  type Row = AuditFields & { id: number };
  const rows = db.prepare('SELECT id, at, actor, actor_name AS actorName, operation, entity, entity_id AS entityId, before, after, outcome, subject, org_id AS orgId FROM audit_log ORDER BY id').all() as Row[];
  let prev = GENESIS;
  for (const r of rows) {
    const hash = rowHash(r.id, prev, r);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
  const last = rows.at(-1)!;
  db.prepare("UPDATE settings SET value = ? WHERE key = 'audit.head'").run(JSON.stringify({ seq: last.id, hash: prev }));
  db.prepare("UPDATE counters SET value = ? WHERE name = 'audit.head'").run(last.id);
  db.exec(AUDIT_TRIGGERS);
}
