import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';

export type Org = Awaited<ReturnType<typeof seedOrgTree>>;

/** A test database with county → street → community and a fixed clock (2026-05-10 local noon). */
export async function ledgerApp(now = new Date('2026-05-10T04:00:00Z')): Promise<{ app: TestApp; org: Org; clock: { now: Date } }> {
  const clock = { now };
  const app = openTestApp({ now: () => clock.now });
  const org = await seedOrgTree(app);
  return { app, org, clock };
}

/** The error envelope of a call expected to fail. */
export async function refused(app: TestApp, op: string, input: unknown) {
  const env = await app.dispatcher.dispatch(op, input);
  if (env.ok) throw new Error(`${op} should have been refused`);
  return env.error;
}

export const rowCount = (app: TestApp, table: string): number =>
  (app.opened.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

export const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
