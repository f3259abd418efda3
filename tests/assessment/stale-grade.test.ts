import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { scoreRows, seedCycle, session, type Call } from './fixture.ts';

// A final grade chosen against one proposal must not survive scores that change the proposal:
// it is cleared in the same save, so a stale grade can never be confirmed.

let app: TestApp;
let call: Call;

beforeEach(() => {
  app = openTestApp();
  call = async (op, input) => {
    const env = await app.dispatcher.dispatch(op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('stale final grades', () => {
  it('are cleared when new scores change the proposal, and kept when they do not', async () => {
    const { cycle, sheet } = await seedCycle(call);
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    await call('assessment.saveSession', session(cycle.id, sheet, () => ({ 优秀: 45 })));
    await call('assessment.acceptProposals', { cycleId: cycle.id });
    const graded = await call('assessment.sheet', { cycleId: cycle.id });
    const by = (s: any, name: string) => s.rows.find((r: any) => r.name === name);
    expect(by(graded, '赵一')).toMatchObject({ proposedGrade: '优秀', finalGrade: '优秀' });

    // 赵一 drops below 钱二: the single 优秀 place moves, both proposals change.
    const zhao = by(graded, '赵一');
    const saved = await call('assessment.saveScores', { cycleId: cycle.id, rows: [{ entryId: zhao.entryId, scores: { ji: 0 } }] });
    expect(saved.clearedGrades.sort()).toEqual(['赵一', '钱二'].sort());
    const after = await call('assessment.sheet', { cycleId: cycle.id });
    expect(by(after, '赵一')).toMatchObject({ proposedGrade: '称职', finalGrade: null });
    expect(by(after, '钱二')).toMatchObject({ proposedGrade: '优秀', finalGrade: null });
    // Everyone else keeps the grade chosen for an unchanged proposal.
    expect(by(after, '孙三').finalGrade).toBe('称职');

    // A small change that keeps every proposal clears nothing.
    const sun = by(after, '孙三');
    expect((await call('assessment.saveScores', { cycleId: cycle.id, rows: [{ entryId: sun.entryId, scores: { lian: 5.5 } }] })).clearedGrades).toEqual([]);
    expect(by(await call('assessment.sheet', { cycleId: cycle.id }), '孙三').finalGrade).toBe('称职');
  });

  it('are cleared when deleting a vote session changes the proposal, with the same audit shape as a save', async () => {
    const { cycle, sheet } = await seedCycle(call);
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    const s = await call('assessment.saveSession', session(cycle.id, sheet, () => ({ 优秀: 45 })));
    await call('assessment.acceptProposals', { cycleId: cycle.id });
    const graded = await call('assessment.sheet', { cycleId: cycle.id });
    const proposedBefore = new Map(graded.rows.map((r: any) => [r.entryId, r.proposedGrade]));
    expect(graded.rows.every((r: any) => r.finalGrade !== null)).toBe(true);

    await call('assessment.deleteSession', { id: s.id, reason: '录入错误' });
    const after = await call('assessment.sheet', { cycleId: cycle.id });
    const changed = after.rows.filter((r: any) => r.proposedGrade !== proposedBefore.get(r.entryId));
    expect(changed.length).toBeGreaterThan(0);
    for (const r of changed) expect(r.finalGrade).toBeNull();
    for (const r of after.rows.filter((x: any) => !changed.includes(x))) expect(r.finalGrade).not.toBeNull();

    const audit = (op: string) => (app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1").get(op) as { after: string }).after;
    const del = JSON.parse(audit('assessment.deleteSession'));
    expect(del.clearedGrades.map((c: any) => c.name).sort()).toEqual(changed.map((r: any) => r.name).sort());
    // saveSession records the list even when nothing was cleared, like saveScores.
    expect(JSON.parse(audit('assessment.saveSession')).clearedGrades).toEqual([]);
    expect(JSON.parse(audit('assessment.saveScores')).clearedGrades).toEqual([]);
  });
});
