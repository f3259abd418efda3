import { evaluateCycle, type EvalEntry, type EvalSession } from '../../core/assessment/rules/evaluate.ts';
import { sampleSchemeConfig } from '../../core/assessment/sample.ts';
import { removeDir } from '../helpers/app.ts';
import { demoDatabase, header, measure } from './bench-util.ts';

// Totals, ranks and grades for 15,000 people in one cycle: first the pure pipeline, then
// the real operations on a 15,000-person database (scores, one 民主测评 session, the
// computed sheet, confirm). Run: npx node tests/bench/assessment.bench.ts

const N = 15_000;
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
// Points between 70% and 100% of the maximum, in halves, so the 优秀 quota is exercised.
const pts = (max: number) => Math.round((0.7 + 0.3 * rnd()) * max * 2) / 2;
const scoresFor = () => ({ de: pts(6), neng: pts(6), qin: pts(6), ji: pts(6), lian: pts(6), peer_conduct: pts(4), peer_skill: pts(3), peer_team: pts(3) });
const countsFor = () => {
  const bad = Math.floor(rnd() * 12);
  const good = Math.floor(rnd() * (60 - bad));
  return { 优秀: good, 称职: 60 - bad - good, 不称职: bad };
};

const cfg = sampleSchemeConfig();
const entries: EvalEntry[] = Array.from({ length: N }, (_, i) => ({ id: `p${i}`, scores: { ...scoresFor(), training: pts(4) } }));
const tallies: EvalSession['tallies'] = Object.fromEntries(entries.map((e) => [e.id, countsFor()]));
header(`Assessment pipeline, ${N} people (pure)`);
await measure('evaluateCycle: totals + ranks + thresholds + vetoes + quota', 5, () => evaluateCycle(cfg, entries, [{ valid: 60, tallies }]));
const ev = evaluateCycle(cfg, entries, [{ valid: 60, tallies }]);
const grades: Record<string, number> = {};
for (const r of ev.rows) grades[r.proposed ?? '并列待定'] = (grades[r.proposed ?? '并列待定'] ?? 0) + 1;
console.log(`\nquota ${ev.quota}; tie: ${ev.tie ? `${ev.tie.ids.length} people for ${ev.tie.slots} places at ${ev.tie.total}` : 'none'}; proposed ${JSON.stringify(grades)}`);

const { dir, opened, ok, county } = await demoDatabase(N);

// Issue 19: what the 考核 page reads on opening a cycle — the summary and one block of 100 —
// against the whole sheet. The first pair builds the sheet; later blocks reuse it until a write.
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const block = (cycleId: string, start: number) =>
  ok('assessment.sheetPage', { cycleId, startRow: start, endRow: start + 100, sort: [{ column: 'total', dir: 'desc' }], filters: [] });
async function paged(cycleId: string, what: string) {
  const whole = await ok('assessment.sheet', { cycleId });
  // Nothing has asked sheetSummary/sheetPage for this cycle since the last write: the first pair builds the sheet.
  let t0 = performance.now();
  const summary = await ok('assessment.sheetSummary', { cycleId });
  const first = await block(cycleId, 0);
  const cold = performance.now() - t0;
  console.log(`| ${what}: sheetSummary + first block of 100, first read after a write | ${cold.toFixed(1)} ms | | 1 |`);
  t0 = performance.now();
  await block(cycleId, 100);
  console.log(`| ${what}: second block of 100 (kept sheet) | ${(performance.now() - t0).toFixed(1)} ms | | 1 |`);
  await measure(`${what}: next block of 100 (kept sheet, sorted by total desc)`, 5, () => block(cycleId, 200));
  console.log(`\n${what}: JSON bytes — whole assessment.sheet ${(bytes(whole) / 1e6).toFixed(2)} MB; sheetSummary ${(bytes(summary) / 1e3).toFixed(1)} kB + first block ${(bytes(first) / 1e3).toFixed(1)} kB\n`);
}
// The 民主测评 tally table: a block of one session's tallies (assessment.sessionPage) against the
// whole sheet it used to read, and saving one typed tally in merge mode.
async function tallyTable(cycleId: string, sessionId: string) {
  const tallyBlock = (start: number) =>
    ok('assessment.sessionPage', { cycleId, sessionId, startRow: start, endRow: start + 100, sort: [{ column: 'count:优秀', dir: 'desc' }], filters: [] });
  const whole = await ok('assessment.sheet', { cycleId });
  let t0 = performance.now();
  const first = await tallyBlock(0);
  console.log(`| tally table: first block of 100 sorted by a count (kept sheet) | ${(performance.now() - t0).toFixed(1)} ms | | 1 |`);
  await measure('tally table: next block of 100 (kept rows)', 5, () => tallyBlock(100));
  console.log(`\ntally table: JSON bytes — whole assessment.sheet ${(bytes(whole) / 1e6).toFixed(2)} MB; one block of 100 ${(bytes(first) / 1e3).toFixed(1)} kB\n`);
  const s = whole.sessions.find((x: { id: string }) => x.id === sessionId);
  const { tallies: _t, cycleId: _c, ...head } = s;
  const someone = first.rows[0];
  t0 = performance.now();
  await ok('assessment.saveSession', { ...head, cycleId, talliesMode: 'merge', tallies: [{ entryId: someone.entryId, counts: { ...someone.counts, 不称职: 0 } }] });
  console.log(`| assessment.saveSession, merge of 1 typed tally into ${N} stored | ${(performance.now() - t0).toFixed(1)} ms | | 1 |`);
}

const scheme = await ok('assessment.installSample', { orgId: county.id, year: 2025 });

header(`Assessment operations, one cycle over ${N} people (SQLite)`);
let t = performance.now();
const cycle = await ok('assessment.createCycle', { schemeId: scheme.id, orgId: county.id });
console.log(`| assessment.createCycle (${cycle.headcount} people) | ${(performance.now() - t).toFixed(1)} ms | | 1 |`);
const sheet0 = await ok('assessment.sheet', { cycleId: cycle.id });
t = performance.now();
await ok('assessment.saveScores', { cycleId: cycle.id, rows: sheet0.rows.map((r: any) => ({ entryId: r.entryId, scores: r.autoKeys.includes('training') ? scoresFor() : { ...scoresFor(), training: pts(4) } })) });
console.log(`| assessment.saveScores, one batch of ${N} | ${(performance.now() - t).toFixed(1)} ms | | 1 |`);
t = performance.now();
const session = await ok('assessment.saveSession', {
  cycleId: cycle.id, date: '2025-12-20', raterGroup: '党员和居民代表', issued: 62, returned: 61, valid: 60, invalid: 1,
  tallies: sheet0.rows.map((r: any) => ({ entryId: r.entryId, counts: countsFor() })),
});
console.log(`| assessment.saveSession, ${N} tallies | ${(performance.now() - t).toFixed(1)} ms | | 1 |`);
await measure('assessment.sheet (totals, ranks, proposals, training indicator)', 5, () => ok('assessment.sheet', { cycleId: cycle.id }));
await paged(cycle.id, 'open cycle');
await tallyTable(cycle.id, session.id);
const sheet = await ok('assessment.sheet', { cycleId: cycle.id });
for (const id of sheet.tie?.ids.slice(sheet.tie.slots) ?? []) await ok('assessment.setFinalGrade', { entryId: id, grade: cfg.gradeLabels[1], reason: '并列，会议研究决定' });
for (const id of sheet.tie?.ids.slice(0, sheet.tie.slots) ?? []) await ok('assessment.setFinalGrade', { entryId: id, grade: cfg.gradeLabels[0], reason: '并列，会议研究决定' });
t = performance.now();
await ok('assessment.acceptProposals', { cycleId: cycle.id });
console.log(`| assessment.acceptProposals | ${(performance.now() - t).toFixed(1)} ms | | 1 |`);
t = performance.now();
await ok('assessment.confirm', { cycleId: cycle.id });
console.log(`| assessment.confirm (writes ${N} results and the stored sheet) | ${(performance.now() - t).toFixed(1)} ms | | 1 |`);
const frozen = opened.sqlite.prepare('SELECT length(frozen) AS n FROM assessment_cycles WHERE id = ?').get(cycle.id) as { n: number };
console.log(`\nstored sheet of the locked cycle: ${(frozen.n / 1e6).toFixed(1)} MB of JSON\n`);
await measure('assessment.sheet, locked (read from the stored sheet)', 5, () => ok('assessment.sheet', { cycleId: cycle.id }));
await paged(cycle.id, 'locked cycle');
await measure('assessment.results for the year', 5, () => ok('assessment.results', { year: 2025 }));
await measure('assessment.exportXlsx', 3, () => ok('assessment.exportXlsx', { cycleId: cycle.id }));
opened.close();
removeDir(dir);
