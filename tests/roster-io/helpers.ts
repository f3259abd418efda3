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
