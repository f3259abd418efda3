import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_MAX_BYTES } from '../../core/bundle/limits.ts';
import { openTestApp, removeDir, tempDir } from '../helpers/app.ts';
import { countRows, exportBundle, importBundle, newCommunity, newCounty, personInput, type Exported, type Installation } from './fixture.ts';

// bundle.importMany: the county's batch of bundles in one transaction. Each bundle must come
// out exactly as bundle.import one by one would leave it (outcomes, records, sender state,
// gap release), and a bad file must not take the good ones with it.

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

const b64 = (b: Exported) => ({ fileName: b.fileName, file: Buffer.from(b.file).toString('base64'), signature: b.signature });
const records = (i: Installation) => JSON.stringify(i.app.opened.sqlite.prepare('SELECT * FROM people ORDER BY id').all());
const state = (i: Installation) =>
  JSON.stringify(i.app.opened.sqlite.prepare('SELECT chain, last_seq, last_sha256, last_bundle_id, records FROM bundle_sender_state ORDER BY chain').all());
const okAudits = (i: Installation) => (i.app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

/** A county with two enrolled communities that each exported bundles #1–#3 (each adding people), and a copy of that county. */
async function world() {
  const county = track(await newCounty());
  const a = track(await newCommunity(county, '610402001001'));
  const b = track(await newCommunity(county, '610402001002'));
  const sent: Exported[] = [];
  for (let k = 1; k <= 3; k++) {
    for (const c of [a, b]) {
      await c.app.ok('roster.create', personInput(c.orgId, k * 10 + (c === a ? 1 : 2)));
      sent.push(await exportBundle(c));
    }
  }
  county.app.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const dir = tempDir();
  copyFileSync(county.app.dbFile, join(dir, 'test.db'));
  const twin = track({ ...county, app: openTestApp({ dir }) });
  return { county, twin, sent };
}

describe('bundle.importMany', () => {
  it('leaves the county as one-by-one imports do, releases a held gap, and writes one audit row', async () => {
    const { county, twin, sent } = await world();
    // Sender order a1 b1 a2 b2 a3 b3; a3 comes before a2 to make a gap that a2 then fills.
    const order = [sent[0]!, sent[1]!, sent[4]!, sent[2]!, sent[3]!, sent[5]!];
    const single = [];
    for (const b of order) single.push(await importBundle(twin, b.file, b.signature, b.fileName));
    expect(single.map((r) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED', 'GAP', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(single[3]!.released).toBe(1);

    const audits = okAudits(county);
    const { results } = await county.app.ok('bundle.importMany', { files: order.map(b64) });
    expect(results.map((r) => [r.outcome, r.released, r.message])).toEqual(single.map((r) => [r.outcome, r.released, r.message]));
    expect(records(county)).toBe(records(twin));
    expect(state(county)).toBe(state(twin));
    expect(countRows(county.app, 'bundle_held')).toBe(0);
    expect(countRows(county.app, 'bundle_imports')).toBe(countRows(twin.app, 'bundle_imports'));
    expect(okAudits(county)).toBe(audits + 1);

    // The same batch again: every file a duplicate, nothing merged twice.
    const again = await county.app.ok('bundle.importMany', { files: order.map(b64) });
    expect(again.results.map((r) => r.outcome)).toEqual(order.map(() => 'DUPLICATE'));
    expect(records(county)).toBe(records(twin));
  });

  it('rejects a damaged file alone; the other bundles of the batch are merged', async () => {
    const { county, twin, sent } = await world();
    const broken = { ...sent[1]!, file: sent[1]!.file.slice(0, sent[1]!.file.length - 40) };
    const files = [sent[0]!, broken, sent[2]!].map(b64);
    const { results } = await county.app.ok('bundle.importMany', { files });
    expect(results[0]!.outcome).toBe('ACCEPTED');
    expect(results[1]!.outcome).not.toBe('ACCEPTED');
    expect(results[2]!.outcome).toBe('ACCEPTED');
    for (const b of [sent[0]!, sent[2]!]) await importBundle(twin, b.file, b.signature, b.fileName);
    expect(records(county)).toBe(records(twin));
    expect(state(county)).toBe(state(twin));
  });

  it('refuses a file the reader left unread by its size and signature exactly as bundle.import does (the size travels with the batch)', async () => {
    const { county, twin, sent } = await world();
    // The CLI reads neither a file over the limit nor one whose .sig declares another size
    // (limits.ts refuseUnread): it sends an empty file and the size it found.
    const unread = (b: Exported, size: number) => ({ fileName: b.fileName, file: '', signature: b.signature, size });
    const files = [unread(sent[0]!, sent[0]!.file.length + 1), b64(sent[1]!), unread(sent[2]!, BUNDLE_MAX_BYTES + 1)];
    const { results } = await county.app.ok('bundle.importMany', { files });
    const single = [];
    for (const f of files) single.push(await twin.app.ok('bundle.import', f));
    expect(results.map((r) => r.outcome)).toEqual(['CORRUPT', 'ACCEPTED', 'TOO_LARGE']);
    expect(results.map((r) => [r.outcome, r.message])).toEqual(single.map((r) => [r.outcome, r.message]));
    const log = (i: Installation) => JSON.stringify(i.app.opened.sqlite.prepare('SELECT file_name, size, outcome, message FROM bundle_imports ORDER BY id').all());
    expect(log(county)).toBe(log(twin));
  });

  it('refuses a batch that names no file, with the field in the message', async () => {
    const { county } = await world();
    const env = await county.app.dispatcher.call('bundle.importMany', { files: [] });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('「文件」');
  });
});
