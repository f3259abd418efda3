// The set-up the import benches share: a 花名册 workbook of `rows` standard rows, and a plaintext
// database (system actor, so only the import is measured) with one county → street → community.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { tempDir } from '../helpers/app.ts';
import { standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

export async function rosterWorkbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['新城社区工作者花名册']);
  ws.addRow(STANDARD_HEADERS);
  for (let i = 0; i < rows; i++) ws.addRow(standardRow(i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importDatabase(prefix: string) {
  const dir = tempDir(prefix);
  const opened = openDatabase({ file: join(dir, `${randomUUID()}.db`), migrationsFolder: sourceMigrationsFolder, key: null });
  const actor = systemActor(opened.db);
  const d = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor });
  const ok = async (op: string, input: object) => {
    const env = await d.dispatch(op, input);
    if (!env.ok) throw new Error(env.error.message);
    return env.data as { id: string };
  };
  const county = await ok('org.create', { level: 'county', name: '秦都区', code: '610402000000' });
  const street = await ok('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await ok('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  return { dir, opened, actor, d, community: { id: community.id, name: '新城社区' } };
}
