import { createHash } from 'node:crypto';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../../helpers/app.ts';
import { exportBundle, personInput, rewriteAuditHistory } from '../../bundle/fixture.ts';
import type { Story } from './story.ts';

// Keys, enrolment and bundles. The story database binds as the county (610402000000).
// Two plain test installations play the other parties: a neighbouring county whose
// profile the story imports before it binds (a fresh installation may import a county
// profile; a bound county may not), and one of its own communities that enrols with it
// and sends a data bundle. Only the story database's audit rows are checked.

/** `others` collects the helper installations so the caller can remove them even after a failure. */
export async function bundleSteps(st: Story, others: TestApp[]): Promise<void> {
  // A county installation whose tree holds the story's own first-run unit (a profile without
  // this installation's unit is refused), imported unchecked and then confirmed by fingerprint.
  const other = openTestApp();
  others.push(other);
  await seedOrgTree(other);
  await other.ok('keys.init', { orgCode: '610402000000' });
  const profile = await other.ok('enroll.exportProfile', { communityCode: '610402001001' });
  await st.step('enroll.importProfile', { text: profile.text }, st.admin);
  const countyPeer = await st.step('enroll.confirmProfile', { confirm: profile.fingerprint }, st.admin);

  await st.step('keys.init', { orgCode: '610402000000' }, st.admin);

  const comm = openTestApp();
  others.push(comm);
  await seedOrgTree(comm);
  const own = await st.get('enroll.exportProfile', {}, st.admin);
  await comm.ok('enroll.importProfile', { text: own.text, confirm: own.fingerprint });
  const bound = await comm.ok('keys.init', { orgCode: '610402001001' });
  const req = await comm.ok('enroll.exportRequest', {});
  await st.step('enroll.importRequest', { text: req.text, confirm: req.fingerprint }, st.admin);

  await comm.ok('roster.create', personInput(bound.binding!.orgId, 1));
  const data = await exportBundle({ app: comm, orgCode: '610402001001', orgId: bound.binding!.orgId });
  const imported = await st.step('bundle.import', {
    fileName: data.fileName, file: Buffer.from(data.file).toString('base64'), signature: data.signature,
  }, st.reviewer);
  if (imported.outcome !== 'ACCEPTED') throw new Error(`bundle.import: ${JSON.stringify(imported)}`);
  // The same file again through the batch import: one audit row for the batch, the file a duplicate.
  const batch = await st.step('bundle.importMany', {
    files: [{ fileName: data.fileName, file: Buffer.from(data.file).toString('base64'), signature: data.signature }],
  }, st.reviewer);
  if (batch.results[0]?.outcome !== 'DUPLICATE') throw new Error(`bundle.importMany: ${JSON.stringify(batch)}`);

  // The community rewrites its audit history; the county holds the next bundle and a reviewer refuses it.
  rewriteAuditHistory(comm.opened.sqlite, (db) => db.prepare("UPDATE audit_log SET actor_name = '别人' WHERE id = 2").run());
  await comm.ok('roster.create', personInput(bound.binding!.orgId, 2));
  const rewritten = await exportBundle({ app: comm, orgCode: '610402001001', orgId: bound.binding!.orgId });
  const held = await st.step('bundle.import', {
    fileName: rewritten.fileName, file: Buffer.from(rewritten.file).toString('base64'), signature: rewritten.signature,
  }, st.reviewer);
  if (held.outcome !== 'AUDIT_REWRITTEN') throw new Error(`bundle.import: ${JSON.stringify(held)}`);
  await st.step('bundle.auditDecide', { sha256: held.sha256, decision: 'refuse', note: '审计记录被改写，退回核查' }, st.reviewer);

  // A record kept aside at the merge (as core/bundle/merge.ts writes one), resolved by a reviewer.
  const conflictId = crypto.randomUUID();
  st.sqlite()
    .prepare('INSERT INTO bundle_conflicts (id, table_name, record_id, sender_code, org_id, record, reason, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(conflictId, 'people', crypto.randomUUID(), '610402001001', bound.binding!.orgId, JSON.stringify({ name: '测试', orgId: bound.binding!.orgId }), '身份证号已在其他社区的在岗人员名下（跨社区重复）', new Date().toISOString());
  await st.step('bundle.resolveConflict', { conflictId, decision: 'keep_local' }, st.reviewer);

  const out = await st.step('bundle.export', { full: false }, st.clerk);
  const f = out.files[0];
  const sha256 = createHash('sha256').update(Buffer.from(f.file, 'base64')).digest('hex');
  await st.step('bundle.exportDone', { exportId: f.id, ok: true, sha256 }, st.clerk);

  await st.step('keys.rotate', {}, st.admin);
  const identity = await generateIdentity();
  const text = `# created: 2026-11-27T09:00:00+08:00\n# public key: ${await identityToRecipient(identity)}\n${identity}\n`;
  await st.step('keys.importIdentity', { text }, st.admin);
  const pass = 'Story-backup-pass-2026';
  const backup = await st.step('keys.backup', { passphrase: pass, passphraseAgain: pass }, st.admin);
  await st.step('keys.importBackup', { base64: backup.base64, passphrase: pass }, st.admin);
  await st.step('keys.revokePeer', { peerId: countyPeer.id }, st.admin);
}

export function closeOthers(apps: TestApp[]): void {
  for (const a of apps) {
    a.close();
    removeDir(a.dir);
  }
}
