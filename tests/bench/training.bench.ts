import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import type { Ctx } from '../../core/context.ts';
import { hoursByPerson } from '../../core/training/hours.ts';
import { TRAINING_LEVELS } from '../../core/training/codes.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { header, measure } from './bench-util.ts';

// Hours by person for 15,000 people with 10 classes each in one year (150,000 attendance
// rows over 100 classes), plus a previous year of the same size that the query must skip.
const PEOPLE = 15_000;
const CLASSES = 100;
const PER_PERSON = 10;
const YEAR = 2026;

const dir = tempDir('jiceng-bench-training-');
const opened = openDatabase({ file: join(dir, 'bench.db'), migrationsFolder: sourceMigrationsFolder, key: null });
const actor = systemActor(opened.db);
const d = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor });
d.transact('bench.seed', (tx) => seedDemo(tx, generateDemo({ communities: 1000, people: PEOPLE, today: localIsoDate(new Date()) })));
const sqlite = opened.sqlite;
const root = sqlite.prepare(`SELECT id FROM org_units WHERE parent_id IS NULL`).get() as { id: string };
const people = (sqlite.prepare(`SELECT id, org_id AS orgId FROM people WHERE status = '在岗'`).all() as { id: string; orgId: string }[]);

const seedStarted = performance.now();
sqlite.transaction(() => {
  const now = new Date().toISOString();
  const insClass = sqlite.prepare(`INSERT INTO training_classes (id, org_id, created_at, updated_at, change_seq, name, category, level, form, start_date, end_date, days, hours, compulsory)
    VALUES (?, ?, ?, ?, 1, ?, '专题培训', ?, '集中', ?, ?, 1, 4, 1)`);
  const insAtt = sqlite.prepare(`INSERT INTO training_attendance (id, org_id, created_at, updated_at, change_seq, class_id, person_id, status, credited_hours)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`);
  for (const year of [YEAR - 1, YEAR]) {
    const classIds: string[] = [];
    for (let c = 0; c < CLASSES; c++) {
      const id = randomUUID();
      const month = String((c % 12) + 1).padStart(2, '0');
      insClass.run(id, root.id, now, now, `${year}年第${c + 1}期培训班`, TRAINING_LEVELS[c % TRAINING_LEVELS.length], `${year}-${month}-10`, `${year}-${month}-11`);
      classIds.push(id);
    }
    people.forEach((p, i) => {
      for (let k = 0; k < PER_PERSON; k++) {
        const classId = classIds[(i + k * 7) % CLASSES]!;
        const status = (i + k) % 17 === 0 ? '缺席' : '出席';
        insAtt.run(randomUUID(), p.orgId, now, now, classId, p.id, status, (i + k) % 23 === 0 ? 8 : null);
      }
    });
  }
})();
console.log(`seeded ${people.length} people, ${CLASSES * 2} classes, ${people.length * PER_PERSON * 2} attendance rows in ${Math.round(performance.now() - seedStarted)} ms`);

const ctx: Ctx = { db: opened.db, sqlite, actor, now: () => new Date(), security: null };
header(`training.hoursByPerson, ${people.length} people × ${PER_PERSON} classes in ${YEAR}`);
let metCount = 0;
await measure('hoursByPerson() core function, whole county', 5, () => {
  const r = hoursByPerson(ctx, { year: YEAR, orgId: root.id });
  if (r.rows.length !== people.length) throw new Error(`unexpected ${r.rows.length}`);
  metCount = r.rows.filter((x) => x.met).length;
});
await measure('training.hoursByPerson through the dispatcher (output checked)', 5, async () => {
  const r = await d.call('training.hoursByPerson', { year: YEAR, orgId: root.id });
  if (!r.ok) throw new Error(r.error.message);
});
await measure('training.belowRequirement through the dispatcher', 5, () => d.call('training.belowRequirement', { year: YEAR, orgId: root.id }));
await measure('training.belowRequirement.export (.xlsx, base64)', 3, async () => {
  const r = await d.call('training.belowRequirement.export', { year: YEAR, orgId: root.id });
  if (!r.ok) throw new Error(r.error.message);
});
const street = sqlite.prepare(`SELECT id FROM org_units WHERE level = 'street' LIMIT 1`).get() as { id: string };
await measure('hoursByPerson() one street', 5, () => hoursByPerson(ctx, { year: YEAR, orgId: street.id }));
// Issue 19: the hours grid asks for one block of 100 (training.hoursPage) instead of the whole list.
header('training.hoursPage (grid blocks of 100) vs the whole list');
const pageInput = (startRow: number) => ({ year: YEAR, orgId: root.id, below: false, startRow, endRow: startRow + 100, sort: [{ column: 'hours' as const, dir: 'desc' as const }], filters: [] });
const wholeBytes = Buffer.byteLength(JSON.stringify(await d.call('training.hoursByPerson', { year: YEAR, orgId: root.id })));
const coldStart = performance.now();
const first = await d.call('training.hoursPage', pageInput(0));
const coldMs = performance.now() - coldStart;
console.log(`whole list ${wholeBytes} bytes of JSON; first block ${Buffer.byteLength(JSON.stringify(first))} bytes, computed (cold) in ${Math.round(coldMs)} ms`);
let block = 100;
await measure('training.hoursPage next block (cached list, sorted by hours desc)', 10, async () => {
  const r = await d.call('training.hoursPage', pageInput(block));
  block = (block + 100) % people.length;
  if (!r.ok) throw new Error(r.error.message);
});
console.log(`\n${metCount} of ${people.length} meet the sample requirement in ${YEAR}`);

opened.close();
removeDir(dir);
