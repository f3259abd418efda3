// Issue 19 point 3, interleaved in one process (the machine is shared, so only same-run ratios
// count): the 20,000-row plan (validate + match) with the compiled person check against the
// same plan through plain zod (personInput.safeParse, the code before), both next to the bare
// read of the same file through the parse worker as the ceiling.
import { parseImport, type ParsedImport } from '../../core/roster-io/import.ts';
import { loadMatchIndex, newPlanContext, planRow, type PlanContext } from '../../core/roster-io/plan.ts';
import { ValueMap } from '../../core/roster-io/value-map.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import type { Ctx } from '../../core/context.ts';
import { removeDir } from '../helpers/app.ts';
import { compare, rounds } from './bench-util.ts';
import { importDatabase, rosterWorkbook } from './import-fixture.ts';

const ROWS = 20_000;
const file = { fileName: 'bench.xlsx', contentBase64: (await rosterWorkbook(ROWS)).toString('base64') };
const { dir, opened, actor, community: org } = await importDatabase('jiceng-bench-ab-');
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
