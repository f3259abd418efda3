import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { sampleSchemeConfig } from '../../core/assessment/sample.ts';
import { scoreRows, seedCycle, session, YEAR, type Call } from './fixture.ts';

let app: TestApp;
let call: Call;
const fail = async (op: string, input: unknown) => {
  const env = await app.dispatcher.dispatch(op, input);
  if (env.ok) throw new Error(`${op} unexpectedly succeeded`);
  return env.error;
};
const auditCount = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

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

const allExcellent = () => ({ 优秀: 45 });

describe('assessment cycle', () => {
  it('takes the people from the roster and starts them as 未评', async () => {
    const { sheet, scheme } = await seedCycle(call);
    expect(scheme.isSample).toBe(true);
    expect(scheme.name).toContain('示例');
    expect(sheet.rows).toHaveLength(10);
    expect(new Set(sheet.rows.map((r: any) => r.status))).toEqual(new Set(['未评']));
    expect(sheet.quota).toBe(1);
  });

  it('refuses a score above the maximum or negative and writes nothing', async () => {
    const { cycle, sheet } = await seedCycle(call);
    const rows = scoreRows(sheet);
    const li = sheet.rows.findIndex((r: any) => r.name === '李四');
    rows[li]!.scores.de = 7;
    const before = auditCount();
    const err = await fail('assessment.saveScores', { cycleId: cycle.id, rows });
    expect(err.message).toBe('「李四·德」得分 7 超过满分 6');
    rows[li]!.scores.de = -1;
    expect((await fail('assessment.saveScores', { cycleId: cycle.id, rows })).message).toBe('「李四·德」得分 -1 不能为负数');
    const after = await call('assessment.sheet', { cycleId: cycle.id });
    expect(after.rows.every((r: any) => r.status === '未评' && r.scores.de === undefined)).toBe(true);
    expect(auditCount()).toBe(before);
  });

  it('refuses weights that do not sum to 100% and writes nothing', async () => {
    const { street } = await seedCycle(call);
    const config = sampleSchemeConfig();
    config.components[0]!.weight = 35;
    const err = await fail('assessment.saveScheme', { orgId: street.id, year: YEAR, population: '社区书记', name: '测试方案', config });
    expect(err.message).toContain('「权重」各考核项目权重之和应为 100%，现为 105%');
    expect((await call('assessment.schemes', {})).rows).toHaveLength(1);
  });

  it('refuses tallies above the valid ballots and writes nothing', async () => {
    const { cycle, sheet } = await seedCycle(call);
    const err = await fail('assessment.saveSession', session(cycle.id, sheet, (n) => (n === '周五' ? { 优秀: 40, 称职: 6 } : allExcellent())));
    expect(err.message).toBe('「周五」各选项票数合计 46 超过有效票数 45');
    const bad = { ...session(cycle.id, sheet, allExcellent), returned: 60 };
    expect((await fail('assessment.saveSession', bad)).message).toContain('「收回票数」60 不能多于发出票数 50');
    expect((await call('assessment.sheet', { cycleId: cycle.id })).sessions).toHaveLength(0);
  });

  it('computes totals, ranks and proposals, confirms, locks and re-opens', async () => {
    const { cycle, sheet, scheme, people } = await seedCycle(call);
    const counts = async () => (await call('assessment.cycles', { year: YEAR })).rows[0].statusCounts;
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    expect(await counts()).toEqual({ 评分中: 10 });
    await call('assessment.saveSession', session(cycle.id, sheet, (n) => (n === '陈十' ? { 优秀: 29, 不称职: 16 } : allExcellent())));
    expect(await counts()).toEqual({ 已评: 10 });
    const s = await call('assessment.sheet', { cycleId: cycle.id });
    const by = (name: string) => s.rows.find((r: any) => r.name === name);
    expect(by('赵一')).toMatchObject({ total: 96.47, rank: 1, proposedGrade: '优秀', status: '已评' });
    expect(by('钱二')).toMatchObject({ total: 96.03, rank: 2, proposedGrade: '称职', overQuota: true });
    expect(by('陈十').proposedGrade).toBe('不称职');
    expect(by('陈十').vetoes[0].reason).toContain('16/45');
    expect(by('陈十').rates['不称职']).toBe(0.3556);

    await call('assessment.acceptProposals', { cycleId: cycle.id });
    const reasonErr = await fail('assessment.setFinalGrade', { entryId: by('钱二').entryId, grade: '基本称职', reason: null });
    expect(reasonErr.message).toContain('「调整理由」钱二的最终等次与拟定等次“称职”不同，必须写明理由');
    expect((await fail('assessment.setFinalGrade', { entryId: by('钱二').entryId, grade: '优秀', reason: '表现突出' })).message).toContain('名额为 1 人');
    await call('assessment.setFinalGrade', { entryId: by('钱二').entryId, grade: '基本称职', reason: '年度内受到通报批评' });

    const locked = await call('assessment.confirm', { cycleId: cycle.id });
    expect(locked).toMatchObject({ status: 'locked', statusCounts: { 已确认: 10 } });
    const results = (await call('assessment.results', { year: YEAR })).rows;
    expect(results).toHaveLength(10);
    expect(results.find((r: any) => r.personName === '钱二')).toMatchObject({ grade: '基本称职', total: 96.03, rank: 2, rankOf: 10 });
    expect((await call('assessment.sheet', { cycleId: cycle.id })).rows.every((r: any) => r.status === '已确认')).toBe(true);

    const before = auditCount();
    const lockedMsg = '已确认锁定，不能修改';
    expect((await fail('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) })).message).toContain(lockedMsg);
    expect((await fail('assessment.saveSession', session(cycle.id, sheet, allExcellent))).message).toContain(lockedMsg);
    expect((await fail('assessment.setFinalGrade', { entryId: by('赵一').entryId, grade: '称职', reason: '改一下' })).message).toContain(lockedMsg);
    expect((await fail('assessment.saveNotes', { entryId: by('赵一').entryId, selfAssessment: '改', reportNotes: null })).message).toContain(lockedMsg);
    expect((await fail('assessment.saveScheme', { id: scheme.id, orgId: scheme.orgId, year: YEAR, population: '社区工作者', name: scheme.name, config: scheme.config })).message).toContain('已锁定的考核周期使用');
    expect(auditCount()).toBe(before);
    expect((await call('assessment.sheet', { cycleId: cycle.id })).rows.find((r: any) => r.name === '赵一').finalGrade).toBe('优秀');

    expect((await fail('assessment.reopen', { cycleId: cycle.id, reason: '' })).message).toContain('「重新开启原因」必须填写');
    const reopened = await call('assessment.reopen', { cycleId: cycle.id, reason: '钱二的通报批评已撤销' });
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1, statusCounts: { 已评: 10 } });
    const audit = app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'assessment.reopen' AND outcome = 'ok'").get() as { after: string };
    expect(audit.after).toContain('钱二的通报批评已撤销');
    expect((await call('assessment.results', { year: YEAR })).rows).toHaveLength(0);
    await call('assessment.setFinalGrade', { entryId: by('钱二').entryId, grade: '称职', reason: null });
    await call('assessment.confirm', { cycleId: cycle.id });
    const again = await call('assessment.results', { year: YEAR, personId: people[1].id });
    expect(again.rows.map((r: any) => r.grade)).toEqual(['称职']);
  });

  it('leaves a tie at the quota boundary for a person and enforces the quota', async () => {
    const { cycle, sheet } = await seedCycle(call);
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet, { tieTop: true }) });
    await call('assessment.saveSession', session(cycle.id, sheet, allExcellent));
    const s = await call('assessment.sheet', { cycleId: cycle.id });
    expect(s.tie).toMatchObject({ total: 96.47, slots: 1 });
    const tied = s.rows.filter((r: any) => r.tie).map((r: any) => r.name).sort();
    expect(tied).toEqual(['孙三', '赵一', '钱二'].sort());
    expect(s.rows.filter((r: any) => r.tie).every((r: any) => r.proposedGrade === null && r.rank === 1)).toBe(true);

    await call('assessment.acceptProposals', { cycleId: cycle.id });
    expect((await fail('assessment.confirm', { cycleId: cycle.id })).message).toContain('尚未确定');
    const [a, b, c] = s.rows.filter((r: any) => r.tie);
    expect((await fail('assessment.setFinalGrade', { entryId: a.entryId, grade: '优秀', reason: null })).message).toContain('并列');
    await call('assessment.setFinalGrade', { entryId: a.entryId, grade: '优秀', reason: '党组织会议研究决定' });
    expect((await fail('assessment.setFinalGrade', { entryId: b.entryId, grade: '优秀', reason: '同分' })).message).toContain('不能再增加');
    await call('assessment.setFinalGrade', { entryId: b.entryId, grade: '称职', reason: '并列，会议研究' });
    await call('assessment.setFinalGrade', { entryId: c.entryId, grade: '称职', reason: '并列，会议研究' });
    await call('assessment.confirm', { cycleId: cycle.id });
    const dist = await call('assessment.distribution', { year: YEAR });
    expect(dist.labels).toEqual(['优秀', '称职']);
    expect(dist.rows).toEqual([expect.objectContaining({ orgName: '新城社区', counts: { 优秀: 1, 称职: 9 }, total: 10 })]);
  });

  it('exports the ranking list as .xlsx', async () => {
    const { cycle, sheet } = await seedCycle(call);
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    const out = await call('assessment.exportXlsx', { cycleId: cycle.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(2).value).toBe('姓名');
    expect(ws.getRow(3).getCell(2).value).toBe('赵一');
    expect(ws.rowCount).toBe(12);
  });

  it('fills the training indicator from the training module', async () => {
    const { cycle, sheet, community, people } = await seedCycle(call);
    const cls = await call('training.classes.create', {
      orgId: community.id, name: '社区工作者轮训', category: '轮训', level: '街道', form: '集中',
      startDate: `${YEAR}-05-10`, endDate: `${YEAR}-05-14`, days: 5, hours: 40,
    });
    await call('training.enrollOne', { classId: cls.id, personId: people[1].id, status: '出席' });
    const s = await call('assessment.sheet', { cycleId: cycle.id });
    expect(s.trainingSource).toBe('training');
    const by = (name: string) => s.rows.find((r: any) => r.name === name);
    expect(by('钱二')).toMatchObject({ scores: { training: 4 }, autoKeys: ['training'], training: { hours: 40, met: true } });
    expect(by('孙三')).toMatchObject({ scores: { training: 0 }, training: { hours: 0, met: false } });
    const rows = scoreRows(sheet);
    rows[0]!.scores.training = 4;
    expect((await fail('assessment.saveScores', { cycleId: cycle.id, rows })).message).toContain('由培训学时自动计算，不能手工录入');
    await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
    const after = await call('assessment.sheet', { cycleId: cycle.id });
    expect(after.rows.find((r: any) => r.name === '钱二')).toMatchObject({ total: 39.56, status: '评分中' });
  });

  it('selects people by post for a secretaries scheme', async () => {
    const { street, scheme } = await seedCycle(call);
    const s2 = await call('assessment.saveScheme', { orgId: street.id, year: YEAR, population: '社区书记', name: '书记方案', config: scheme.config });
    expect(s2.isSample).toBe(false);
    const c2 = await call('assessment.createCycle', { schemeId: s2.id, orgId: street.id });
    expect(c2.headcount).toBe(1);
  });
});
