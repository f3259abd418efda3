import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/contract/index.ts';
import { handlers } from '../../core/handlers.ts';
import { sessionContract } from '../../core/security/contract.ts';
import { verifyAuditChain } from '../../core/security/audit-chain.ts';
import { removeDir } from '../helpers/app.ts';
import { startStory, type Story } from './coverage/story.ts';
import { assessmentSteps, orgSteps, rosterSteps, salarySteps } from './coverage/data-steps.ts';
import { securitySteps } from './coverage/security-steps.ts';
import { bundleSteps, closeOthers } from './coverage/bundle-steps.ts';
import { importSteps, trainingSteps } from './coverage/training-steps.ts';
import { coopSteps } from './coverage/coop-steps.ts';
import { ledgerSteps } from './coverage/ledger-steps.ts';
import type { TestApp } from '../helpers/app.ts';
import { latinWordsIn } from '../helpers/latin.ts';

// Issue 3: "each mutation, enumerated from the registry, writes exactly one audit row".
// One story on one secured database calls every registry mutation once, successfully, with
// a role the access matrix allows; each step checks the audit rows it added (story.ts).

// Answered by core/runtime.ts before the dispatcher (login, setup, restore …): their audit
// rows are covered by tests/security/login.test.ts and backup.test.ts.
const SESSION_OPS = ['setup.init', 'auth.login', 'auth.unlock', 'backup.restore', 'backup.restoreAtLogin', 'auth.recover'];

const mutations = Object.entries(contract)
  .filter(([name, def]) => def.kind === 'mutation' && !SESSION_OPS.includes(name) && Object.hasOwn(handlers, name))
  .map(([name]) => name)
  .sort();

let st: Story;
let storyError: unknown = null;
const others: TestApp[] = [];

beforeAll(async () => {
  st = await startStory();
}, 60_000);

afterAll(() => {
  closeOthers(others);
  st?.sec.close();
  if (st) removeDir(st.sec.dir);
});

describe('audit coverage of every mutation', () => {
  it('lists exactly the session operations as the ones the dispatcher does not handle', () => {
    const sessionMutations = Object.entries(sessionContract).filter(([, d]) => d.kind === 'mutation').map(([n]) => n);
    expect(sessionMutations.sort()).toEqual([...SESSION_OPS].sort());
    const unhandled = Object.entries(contract).filter(([n, d]) => d.kind === 'mutation' && !Object.hasOwn(handlers, n)).map(([n]) => n);
    expect(unhandled.sort()).toEqual([...SESSION_OPS].sort());
  });

  it('runs the story: each mutation adds exactly one audit row naming it', async () => {
    try {
      const orgs = await orgSteps(st);
      const data = await rosterSteps(st, orgs);
      await assessmentSteps(st, data);
      await salarySteps(st, data);
      await trainingSteps(st, data);
      await importSteps(st, data);
      await coopSteps(st, data);
      await ledgerSteps(st, data);
      await securitySteps(st);
      await bundleSteps(st, others);
    } catch (e) {
      storyError = e;
      throw e;
    }
  }, 120_000);

  it('counts a step only when it wrote one audit row naming its operation', async () => {
    // org.tree is an unaudited query: no row, so the step must fail and stay uncovered.
    await expect(st.step('org.tree', {}, st.clerk)).rejects.toThrow(/audit rows written by org.tree/);
    expect(st.covered.has('org.tree')).toBe(false);
    expect(mutations).toContain('roster.create');
  });

  it('leaves an intact hash chain', () => {
    expect(verifyAuditChain(st.sqlite())).toMatchObject({ ok: true, problems: [] });
  });

  const countyId = () => (st.sqlite().prepare("SELECT id FROM org_units WHERE level = 'county' LIMIT 1").get() as { id: string }).id;

  // Issue 18 §6: the auditor reads every row as words. The story's rows (every mutation, plus
  // audited exports and a backup) are listed as the auditor sees them: no sentence and no
  // 变更明细 shows a code, an id, a file name or a raw status, only the accounts' usernames.
  it('shows the auditor every row of the story without Latin-letter words', async () => {
    expect(storyError).toBeNull();
    for (const [op, input] of [
      ['report.export', { name: 'composition', orgId: countyId(), asOf: '2026-06-30' }],
      ['roster.export', { status: '在岗' }],
    ] as const)
      expect((await st.sec.call(op, input, st.clerk)).ok).toBe(true);
    const words: string[] = [];
    // The accounts' own names are user data (the test accounts are called 测试clerk and so on).
    const accounts = st.sqlite().prepare('SELECT username, display_name AS displayName FROM users').all() as { username: string; displayName: string }[];
    const usernames = new Set(accounts.flatMap((u) => [u.username, ...latinWordsIn(u.displayName)]));
    for (let offset = 0; ; offset += 500) {
      const page = await st.sec.call('audit.list', { limit: 500, offset }, st.auditor);
      expect(page.ok).toBe(true);
      const { rows, total } = (page as { data: { rows: { operation: string; sentence: string; detail: string }[]; total: number } }).data;
      for (const r of rows)
        for (const w of latinWordsIn(`${r.sentence} ${r.detail}`)) if (!usernames.has(w)) words.push(`${r.operation}: ${w}`);
      if (offset + 500 >= total) break;
    }
    expect([...new Set(words)]).toEqual([]);
  });

  it('has a step for every mutation in the registry', () => {
    expect(storyError).toBeNull();
    const missing = mutations.filter((m) => !st.covered.has(m));
    expect(missing).toEqual([]);
    expect([...st.covered].filter((m) => !mutations.includes(m))).toEqual([]);
  });
});
