import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/demo/generate.ts';
import { people } from '../../db/schema/index.ts';
import { openTestApp, removeDir, tempDir } from '../helpers/app.ts';
import { exportBundle, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const N = 1000;
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Runs the child on a fresh copy of the county database; kills it `killAfterMs` after "start" (null: never). */
function runChild(snapshot: string, bundle: string, killAfterMs: number | null): Promise<{ dir: string; output: string; ms: number }> {
  const dir = tempDir();
  dirs.push(dir);
  copyFileSync(snapshot, join(dir, 'test.db'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dir, bundle], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let started = 0;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!started && output.includes('start\n')) {
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', () => resolve({ dir, output, ms: performance.now() - started }));
  });
}

function stateOf(dir: string, orgId: string) {
  const app = openTestApp({ dir });
  try {
    const n = (app.opened.sqlite.prepare('SELECT count(*) AS n FROM people WHERE org_id = ?').get(orgId) as { n: number }).n;
    const seq = (app.opened.sqlite.prepare("SELECT last_seq AS s FROM bundle_sender_state WHERE chain = 'data:610402001001'").get() as { s: number } | undefined)?.s ?? 0;
    const check = app.opened.sqlite.pragma('quick_check', { simple: true });
    return { n, seq, check };
  } finally {
    app.close();
  }
}

describe('crash during import', () => {
  it('a child killed at any moment leaves the bundle fully applied or fully absent', async () => {
    const county: Installation = await newCounty();
    const comm = await newCommunity(county);
    dirs.push(county.app.dir, comm.app.dir);
    await comm.app.dispatcher.transact('test.seed', (tx) => {
      const s = tx.seq();
      for (let i = 0; i < N; i++)
        tx.db.insert(people).values({ ...personInput(comm.orgId, i), id: crypto.randomUUID(), status: '在岗', createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s }).run();
      tx.audit({ entity: 'test' });
    });
    const b = await exportBundle(comm);
    const bundle = join(county.app.dir, 'b.age');
    writeFileSync(bundle, b.file);
    writeFileSync(`${bundle}.sig`, b.signature);
    county.app.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const snapshot = join(tempDir(), 'county.db');
    dirs.push(join(snapshot, '..'));
    copyFileSync(county.app.dbFile, snapshot);
    county.app.close();
    comm.app.close();

    const clean = await runChild(snapshot, bundle, null);
    expect(clean.output).toContain('ACCEPTED');
    console.log(`crash test: clean import took ${Math.round(clean.ms)} ms after start`);
    expect(stateOf(clean.dir, comm.orgId)).toEqual({ n: N, seq: 1, check: 'ok' });

    const rnd = mulberry32(7);
    const outcomes = { applied: 0, absent: 0 };
    for (let trial = 0; trial < 5; trial++) {
      const delay = trial === 0 ? 0 : Math.floor(rnd() * clean.ms * 1.1);
      const run = await runChild(snapshot, bundle, delay);
      const s = stateOf(run.dir, comm.orgId);
      expect(s.check).toBe('ok');
      expect([{ n: 0, seq: 0 }, { n: N, seq: 1 }]).toContainEqual({ n: s.n, seq: s.seq });
      if (s.n) outcomes.applied++;
      else outcomes.absent++;
      if (trial === 0) expect(s.n).toBe(0);
    }
    console.log(`crash test: ${outcomes.applied} applied, ${outcomes.absent} absent after SIGKILL`);
    expect(outcomes.applied + outcomes.absent).toBe(5);
  }, 300_000);
});
