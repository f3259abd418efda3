import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type OpName } from '../../core/contract/index.ts';
import { refPaths } from '../../core/guard/paths.ts';
import { GUARDED_TABLES, type GuardedTable } from '../../core/guard/refs.ts';
import { GUARD } from '../../core/guard/tables.ts';
import { roleMay } from '../../core/security/access.ts';
import type { Role } from '../../core/security/roles.ts';
import { removeDir } from '../helpers/app.ts';
import { SAMPLES } from './samples.ts';
import { buildErrors, buildWorld, scopedActor, type Ids, type World } from './world.ts';

// Generated from the contract: every operation, called by an account scoped to community A
// with community B's record ids, is refused, or answers without a trace of B. A new operation
// gets this check by existing; it passes only if the record guard covers it.

const ops = Object.keys(contract) as OpName[];
const ROLE_ORDER: Role[] = ['clerk', 'reviewer', 'admin'];
const roleFor = (op: OpName) => ROLE_ORDER.find((r) => roleMay(r, op));

/** Ids of one unit, noting whether a sample used any of them. */
function tracked(ids: Ids) {
  const used = { any: false };
  const proxy = new Proxy(ids, { get: (t, k) => ((used.any = true), t[k as GuardedTable]) });
  return { proxy, used };
}

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 120_000);
afterAll(() => {
  if (!w) return;
  w.app.close();
  removeDir(w.app.dir);
});

describe('the contract declares every record id', () => {
  it('has no id-like input field without ref() or target()', () => {
    const bare = ops.flatMap((op) => refPaths(contract[op].input).bare.map((b) => `${op}: ${b.path.join('.')}`));
    expect(bare).toEqual([]);
  });

  it('registers a guard for every table a contract names', () => {
    expect(GUARDED_TABLES.filter((t) => !GUARD[t])).toEqual([]);
  });
});

describe('an account scoped to one community', () => {
  it('has a record of every guarded table in each community to probe with', () => {
    const missing = GUARDED_TABLES.filter((t) => !['training_categories', 'training_requirement_rules'].includes(t) && (!w.a[t] || !w.b[t]));
    expect({ missing, buildErrors }).toEqual({ missing: [], buildErrors: [] });
  });

  it('reaches none of another community’s records through any operation', async () => {
    const leaks: string[] = [];
    const bIds = Object.values(w.b).filter(Boolean);
    for (const op of ops) {
      const sample = SAMPLES[op];
      const role = roleFor(op);
      if ('exempt' in sample || !role) continue;
      const { proxy, used } = tracked(w.b);
      const input = sample.input(proxy, w);
      const env = await w.app.dispatcher.call(op, input as never, scopedActor(role, w.a.org_units));
      const kind = contract[op].kind;
      if (!env.ok) {
        if (env.error.code === 'validation') leaks.push(`${op}: the sample is not valid input (${env.error.message})`);
        else if (!['forbidden', 'not_found'].includes(env.error.code)) leaks.push(`${op}: refused for another reason: ${env.error.code} ${env.error.message}`);
        continue;
      }
      if (used.any && kind === 'mutation') {
        leaks.push(`${op}: a mutation addressing B’s records ran`);
        continue;
      }
      const text = JSON.stringify(env.data);
      const seen = bIds.filter((id) => text.includes(id));
      if (seen.length) leaks.push(`${op}: the answer carries B’s records (${seen.length} ids)`);
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('still reads its own records with the same samples (the probe is not refused for other reasons)', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const sample = SAMPLES[op];
      const role = roleFor(op);
      if ('exempt' in sample || !role || contract[op].kind !== 'query') continue;
      const env = await w.app.dispatcher.call(op, sample.input(w.a, w) as never, scopedActor(role, w.a.org_units));
      if (!env.ok) failures.push(`${op}: ${env.error.code} ${env.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('received records', () => {
  it('are read-only: every mutation that changes a record refuses one whose stored origin is another installation', async () => {
    const db = w.app.opened.sqlite;
    const shared = GUARDED_TABLES.filter((t) => !GUARD[t].local && w.a[t]);
    const mark = (origin: string | null) => {
      for (const t of shared) db.prepare(`UPDATE "${t}" SET origin = ? WHERE id = ?`).run(origin, w.a[t]);
    };
    mark('610402000000');
    const ran: string[] = [];
    try {
      for (const op of ops) {
        const sample = SAMPLES[op];
        const role = roleFor(op);
        if ('exempt' in sample || !role || contract[op].kind !== 'mutation') continue;
        if (!refPaths(contract[op].input).refs.some((r) => r.meta.write && !GUARD[r.meta.table].local)) continue;
        const env = await w.app.dispatcher.call(op, sample.input(w.a, w) as never, scopedActor(role, w.a.org_units));
        if (env.ok || env.error.code !== 'forbidden') ran.push(`${op}: ${env.ok ? 'ran' : `${env.error.code} ${env.error.message}`}`);
      }
    } finally {
      mark(null);
    }
    expect(ran).toEqual([]);
  }, 120_000);
});
