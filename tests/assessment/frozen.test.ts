import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { scoreRows, seedCycle, session, YEAR, type Call } from './fixture.ts';

// Locked means frozen (issue 12): a confirmed cycle shows what was confirmed, whatever
// happens to its inputs afterwards, until an audited re-open.

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

async function exportCells(cycleId: string): Promise<unknown[][]> {
  const out = await call('assessment.exportXlsx', { cycleId });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('a locked cycle', () => {
  it('keeps its sheet, ranking, grades and export when a training record is removed after confirmation', async () => {
    const { cycle, sheet, community, people } = await seedCycle(call);
    const cls = await call('training.classes.create', {
      orgId: community.id, name: '社区工作者轮训', category: '轮训', level: '街道', form: '集中',
      startDate: `${YEAR}-05-10`, endDate: `${YEAR}-05-14`, days: 5, hours: 40,
    });
    // 孙三 meets the training requirement and earns the indicator's points; nobody else does.
    await call('training.enrollOne', { classId: cls.id, personId: people[2].id, status: '出席' });
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    await call('assessment.saveSession', session(cycle.id, sheet, () => ({ 优秀: 45 })));
    await call('assessment.acceptProposals', { cycleId: cycle.id });
    await call('assessment.confirm', { cycleId: cycle.id });

    const locked = await call('assessment.sheet', { cycleId: cycle.id });
    const sun = locked.rows.find((r: any) => r.name === '孙三');
    expect(sun).toMatchObject({ rank: 1, proposedGrade: '优秀', finalGrade: '优秀', status: '已确认', training: { hours: 40, met: true } });
    const xlsx = await exportCells(cycle.id);
    expect(xlsx[0]).toEqual([`${locked.cycle.name}（已确认）`]);
    const results = (await call('assessment.results', { year: YEAR })).rows;

    await call('training.classes.remove', { id: cls.id, reason: '重复录入' });

    const after = await call('assessment.sheet', { cycleId: cycle.id });
    expect(after.rows).toEqual(locked.rows);
    expect(after.rows.find((r: any) => r.name === '孙三')).toMatchObject({ total: sun.total, rank: 1, proposedGrade: '优秀', training: { hours: 40 } });
    expect(after.quota).toBe(locked.quota);
    expect(after.trainingSource).toBe('training');
    expect(await exportCells(cycle.id)).toEqual(xlsx);
    expect((await call('assessment.results', { year: YEAR })).rows).toEqual(results);

    // Re-open is the only way to new figures, and it is audited.
    await call('assessment.reopen', { cycleId: cycle.id, reason: '培训记录重复录入已删除' });
    const reopened = await call('assessment.sheet', { cycleId: cycle.id });
    const sunNow = reopened.rows.find((r: any) => r.name === '孙三');
    expect(sunNow.training.hours).toBe(0);
    expect(sunNow.total).toBeLessThan(sun.total);
    expect(sunNow.rank).toBeGreaterThan(1);
    const audit = app.opened.sqlite.prepare("SELECT before, after FROM audit_log WHERE operation = 'assessment.reopen'").get() as { before: string; after: string };
    expect(audit.after).toContain('培训记录重复录入已删除');
    expect(JSON.parse(audit.before).results.find((r: any) => r.personId === people[2].id)).toMatchObject({ total: sun.total, rank: 1 });
  });

  it('refuses a change to its entries and sessions through the record guard, with the lock named', async () => {
    const { cycle, sheet } = await seedCycle(call);
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    const s = await call('assessment.saveSession', session(cycle.id, sheet, () => ({ 优秀: 45 })));
    await call('assessment.acceptProposals', { cycleId: cycle.id });
    await call('assessment.confirm', { cycleId: cycle.id });
    const env = await app.dispatcher.dispatch('assessment.deleteSession', { id: s.id, reason: '误录入' });
    expect(!env.ok && env.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('已确认锁定，不能修改') });
    expect((await call('assessment.sheet', { cycleId: cycle.id })).sessions).toHaveLength(1);
  });
});

describe('a person who left during the year', () => {
  it('stays assessable for the year they served; one who left before it does not', async () => {
    const { scheme, street, people } = await seedCycle(call);
    await call('roster.retire', { id: people[9].id, status: '退休', date: `${YEAR}-06-30`, reason: '到龄退休' });
    await call('roster.retire', { id: people[8].id, status: '离任', date: `${YEAR - 1}-12-31`, reason: '辞职' });
    const c2 = await call('assessment.createCycle', { schemeId: scheme.id, orgId: street.id, name: '第二轮' });
    const names = (await call('assessment.sheet', { cycleId: c2.id })).rows.map((r: any) => r.name);
    expect(names).toContain('陈十');
    expect(names).not.toContain('冯九');
    expect(c2.headcount).toBe(9);
  });
});
