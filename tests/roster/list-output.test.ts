import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { contract } from '../../core/contract/index.ts';
import { isCompiled, parseOutput } from '../../core/contract/fast-output.ts';
import { handlers } from '../../core/handlers.ts';

// The dispatcher's output check through the compiled checker (core/contract/fast-output.ts):
// every answer it lets through is exactly zod's parse of it, and every wrong answer is still
// refused, with zod's own error.

let app: TestApp;
let orgId: string;
beforeAll(async () => {
  app = openTestApp();
  orgId = (await seedOrgTree(app)).community.id;
  for (let i = 0; i < 5; i++)
    await app.ok('roster.create', {
      orgId, name: `人员${i}`, gender: i % 2 ? '女' : '男', ethnicity: '汉族', birthDate: `198${i}-01-0${i + 1}`, politicalStatus: '群众',
      postCategory: '其他', posts: i % 2 ? ['网格员'] : [], phone: i % 2 ? null : '13912345678', communityWorkStartDate: i % 2 ? '2010-01-01' : null,
    });
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const listOut = contract['roster.list'].output;
const outcome = (fn: () => unknown) => {
  try {
    return { ok: JSON.stringify(fn()) };
  } catch (e) {
    return { error: e instanceof z.ZodError ? e.issues : String(e) };
  }
};

describe('compiled output check (issue 19)', () => {
  it('compiles the roster list, and gives zod’s answer for right and wrong lists alike', async () => {
    expect(isCompiled(listOut)).toBe(true);
    const good = (await app.ok('roster.list', { orgId })) as { rows: Record<string, unknown>[]; asOf: string };
    expect(good.rows).toHaveLength(5);
    const row = good.rows[0]!;
    const wrong: [string, unknown][] = [
      ['name', null], ['name', 5], ['birthDate', undefined], ['phone', 1], ['posts', '书记'], ['posts', ['书记', null]], ['oneShoulder', 0],
      ['status', '出差'], ['status', null], ['age', 1.5], ['age', Number.NaN], ['age', Number.POSITIVE_INFINITY], ['age', '40'],
      ['communityYears', undefined], ['communityYears', 2 ** 60], ['idNumberMasked', undefined], ['extra', 'secret'], ['orgName', {}],
    ];
    const cases: unknown[] = [good, { ...good, asOf: 1 }, { rows: null, asOf: good.asOf }, null, [], { ...good, rows: [null] }];
    for (const [k, v] of wrong) cases.push({ ...good, rows: [{ ...row, [k]: v }] });
    // Keys in another order, and an undeclared one: zod's output order and stripping.
    cases.push({ asOf: good.asOf, rows: [Object.fromEntries(Object.entries(row).reverse())], more: 1 });
    let refused = 0;
    for (const c of cases) {
      const want = outcome(() => listOut.parse(c));
      expect(outcome(() => parseOutput(listOut, c)), JSON.stringify(c)?.slice(0, 200)).toEqual(want);
      if ('error' in want) refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(cases.length - 4);
  });

  it('still refuses a wrong answer from the roster list through the dispatcher', async () => {
    const h = handlers as unknown as Record<string, unknown>;
    const real = h['roster.list'];
    // A handler that leaks a field type the contract forbids: the full ID number's place holds a number.
    h['roster.list'] = () => ({ asOf: '2026-01-01', rows: [{ id: 'x', idNumberMasked: 610402 }] });
    try {
      const env = await app.dispatcher.call('roster.list', { orgId });
      expect(env.ok).toBe(false);
    } finally {
      h['roster.list'] = real;
    }
    expect((await app.dispatcher.call('roster.list', { orgId })).ok).toBe(true);
  });

  it('gives zod’s answer for every operation’s output schema on an empty object', () => {
    // Not a proof for every shape, but every schema the checker compiles must agree with zod on
    // the simplest wrong answers.
    let compiledCount = 0;
    for (const [name, def] of Object.entries(contract)) {
      const out = (def as { output: z.ZodType }).output;
      if (!isCompiled(out)) continue;
      compiledCount++;
      for (const v of [{}, null, [], 'x'])
        expect(outcome(() => parseOutput(out, v)), name).toEqual(outcome(() => out.parse(v)));
    }
    expect(compiledCount).toBeGreaterThan(10);
  });
});
