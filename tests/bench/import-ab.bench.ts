// Issue 19 point 3, interleaved in one process (the machine is shared, so only same-run ratios
// count): the 20,000-row plan (validate + match) with the compiled person check against the
// same plan through plain zod (personInput.safeParse, the code before), both next to the bare
// read of the same file through the parse worker as the ceiling.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { parseImport, type ParsedImport } from '../../core/roster-io/import.ts';
import { loadMatchIndex, newPlanContext, planRow, type PlanContext } from '../../core/roster-io/plan.ts';
import { ValueMap } from '../../core/roster-io/value-map.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import type { Ctx } from '../../core/context.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';
import { compare, rounds } from './bench-util.ts';

const ROWS = 20_000;
const dir = tempDir('jiceng-bench-ab-');
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('花名册');
ws.addRow(['新城社区工作者花名册']);
ws.addRow(STANDARD_HEADERS);
for (let i = 0; i < ROWS; i++) ws.addRow(standardRow(i));
const file = { fileName: 'bench.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };

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
const org = { id: (await ok('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' })).id, name: '新城社区' };
const ctx = { db: opened.db, sqlite: opened.sqlite, actor, now: () => new Date(), security: null } as unknown as Ctx;
const input = { ...file, orgId: org.id };
const parsed: ParsedImport = await parseImport(ctx, input);

function plan(check?: PlanContext['check']) {
  const p = newPlanContext(ctx, localIsoDate(new Date()), parsed.columns, loadMatchIndex(ctx, org), new ValueMap(parsed.values));
  if (check) p.check = check;
  const out = parsed.sheet.rows.map((r) => planRow(p, r));
  if (out.some((r) => r.action !== 'create')) throw new Error('plan');
}

await compare(`import of ${ROWS.toLocaleString('en')} rows: plan with the compiled person check vs plain zod`, {
  label: 'ceiling: read the .xlsx through the parse worker (the bare read)', fn: () => parseImport(ctx, input),
}, [
  { label: 'plan (validate + match), compiled person check', fn: () => plan() },
  { label: 'plan (validate + match), plain zod as before', fn: () => plan((m) => personInput.safeParse(m)) },
], rounds(5));
opened.close();
removeDir(dir);
