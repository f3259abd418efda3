import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import type { OpInput } from '../../core/contract/index.ts';

// A migrated temp database with an org tree, the sample scheme from 2024-01-01 and a few
// community workers; the clock is fixed so "today" checks are stable.

export const FIXED_NOW = new Date('2026-06-15T10:00:00+08:00');

export async function salaryApp() {
  const app = openTestApp({ now: () => FIXED_NOW });
  const tree = await seedOrgTree(app);
  const other = await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '东关社区', code: '610402001002' });
  const scheme = await app.ok('salary.saveScheme', {
    orgId: tree.county.id, name: '示例方案', docNo: '示例〔2024〕1号', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig(),
  });
  return { app, tree, other, scheme };
}

let n = 0;
export async function addPerson(app: TestApp, orgId: string, over: Partial<OpInput<'roster.create'>> = {}) {
  n++;
  return app.ok('roster.create', {
    orgId, name: `测试${n}`, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', postCategory: '其他', ...over,
  });
}

export async function expectError(app: TestApp, name: Parameters<TestApp['ok']>[0], input: unknown): Promise<{ code: string; message: string }> {
  const env = await app.dispatcher.dispatch(name, input);
  if (env.ok) throw new Error(`${name} unexpectedly succeeded`);
  return env.error;
}

export function auditCount(app: TestApp): number {
  return (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
}
