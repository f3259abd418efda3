import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/roster-io/', import.meta.url));

export function fixture(name: string): { fileName: string; contentBase64: string } {
  return { fileName: name, contentBase64: readFileSync(join(FIXTURES, name)).toString('base64') };
}

export function bytesInput(fileName: string, bytes: Uint8Array | string): { fileName: string; contentBase64: string } {
  return { fileName, contentBase64: Buffer.from(bytes).toString('base64') };
}

export interface ImportApp {
  app: TestApp;
  orgId: string;
  otherOrgId: string;
}

/** A fresh database with 新城社区 (the import target) and a second community beside it. */
export async function importApp(): Promise<ImportApp> {
  const app = openTestApp();
  const { street, community } = await seedOrgTree(app);
  const other = await app.ok('org.create', { level: 'community', parentId: street.id, name: '东风社区', code: '610402001002' });
  return { app, orgId: community.id, otherOrgId: other.id };
}

export function peopleCount(app: TestApp): number {
  return (app.opened.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
}

export function auditCount(app: TestApp): number {
  return (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
}

/** 秦都区 → 人民路街道 (新城社区, 青龙社区) and 渭滨街道 (青龙社区, 河堤社区): one community name twice. */
export async function countyTree(a: TestApp): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const county = await a.ok('org.create', { level: 'county', name: '秦都区', code: '610402000000' });
  ids.set('秦都区', county.id);
  for (const [street, code, communities] of [
    ['人民路街道', '610402001000', ['新城社区', '青龙社区']],
    ['渭滨街道', '610402002000', ['青龙社区', '河堤社区']],
  ] as const) {
    const s = await a.ok('org.create', { level: 'street', parentId: county.id, name: street, code });
    ids.set(street, s.id);
    for (const [i, name] of communities.entries()) {
      const c = await a.ok('org.create', { level: 'community', parentId: s.id, name, code: code.slice(0, 9) + String(i + 1).padStart(3, '0') });
      ids.set(`${street}/${name}`, c.id);
    }
  }
  return ids;
}

