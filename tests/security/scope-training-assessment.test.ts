import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// Issue 12: a clerk scoped to 新城社区 can neither read nor change 友谊社区's training and
// assessment records by id, and lists called without an org do not show them.

const YEAR = 2025;
let app: SecuredApp;
let scoped: string;
let clerk: string;
const other: Record<string, any> = {};
const own: Record<string, any> = {};

function person(orgId: string, name: string) {
  return { orgId, name, gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', posts: ['专职社区工作者'], postCategory: '其他' };
}
const classIn = (orgId: string, name: string) => ({ orgId, name, category: '专题培训', level: '社区', form: '集中', startDate: `${YEAR}-03-01`, endDate: `${YEAR}-03-01`, hours: 4 });
const FULL = { de: 6, neng: 6, qin: 6, ji: 6, lian: 6, peer_conduct: 4, peer_skill: 3, peer_team: 3 };

beforeAll(async () => {
  app = await setUpSecured();
  clerk = await app.sessionAs('clerk', 'county-clerk');
  const reviewer = await app.sessionAs('reviewer', 'county-reviewer');
  const street = (await app.ok('org.tree', {}, clerk)).find((u: { level: string }) => u.level === 'street');
  other.orgId = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '友谊社区', code: '610402001002' }, clerk)).id;
  other.person = await app.ok('roster.create', person(other.orgId, '友谊人'), clerk);
  own.person = await app.ok('roster.create', person(app.orgId, '新城人'), clerk);
  own.class = await app.ok('training.classes.create', classIn(app.orgId, '新城社区专题培训'), clerk);

  other.class = await app.ok('training.classes.create', classIn(other.orgId, '友谊社区专题培训'), clerk);
  await app.ok('training.enroll', { classId: other.class.id, personIds: [other.person.id] }, clerk);
  // Enrolment marks 已报名; record that the person came, so a refused 缺席 would show in `present`.
  const enrolled = (await app.ok('training.attendance.list', { classId: other.class.id }, clerk)).rows[0]!;
  await app.ok('training.attendance.setStatus', { ids: [enrolled.id], status: '出席' }, clerk);
  other.attendance = (await app.ok('training.attendance.list', { classId: other.class.id }, clerk)).rows[0];
  other.series = await app.ok('training.series.create', { orgId: other.orgId, name: '友谊书记讲堂', level: '社区' }, clerk);
  other.session = await app.ok('training.sessions.create', { seriesId: other.series.id, topic: '议事协商', speakerName: '甲', date: `${YEAR}-04-01`, hours: 2 }, clerk);

  other.scheme = await app.ok('assessment.installSample', { orgId: other.orgId, year: YEAR }, clerk);
  other.cycle = await app.ok('assessment.createCycle', { schemeId: other.scheme.id, orgId: other.orgId }, clerk);
  const sheet = await app.ok('assessment.sheet', { cycleId: other.cycle.id }, clerk);
  other.entryId = sheet.rows[0].entryId;
  await app.ok('assessment.saveScores', { cycleId: other.cycle.id, rows: [{ entryId: other.entryId, scores: FULL }] }, clerk);
  other.ballot = await app.ok('assessment.saveSession', {
    cycleId: other.cycle.id, date: `${YEAR}-12-20`, raterGroup: '党员和居民代表', issued: 10, returned: 10, valid: 10, invalid: 0,
    tallies: [{ entryId: other.entryId, counts: { 优秀: 10 } }],
  }, clerk);
  await app.ok('assessment.setFinalGrade', { entryId: other.entryId, grade: '称职', reason: '会议研究' }, clerk);
  await app.ok('assessment.confirm', { cycleId: other.cycle.id }, reviewer);

  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: app.orgId, initialPassword: 'First-Scoped-2026!' });
  scoped = (await app.ok('auth.login', { username: 'xincheng', password: 'First-Scoped-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-Scoped-2026!', newPassword: USER_PASSWORD }, scoped);
}, 180_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

async function forbidden(op: string, input: unknown): Promise<void> {
  const env = await app.call(op, input, scoped);
  expect(!env.ok && env.error.code, op).toBe('forbidden');
  expect(!env.ok && env.error.message, op).toContain('管辖范围');
}

describe('a clerk scoped to 新城社区', () => {
  it('is refused 友谊社区’s training classes, series, sessions and attendance by id', async () => {
    const c = other.class;
    await forbidden('training.classes.get', { id: c.id });
    await forbidden('training.classes.update', { ...classIn(app.orgId, '改名'), id: c.id });
    await forbidden('training.classes.remove', { id: c.id, reason: '越权删除' });
    await forbidden('training.series.get', { id: other.series.id });
    await forbidden('training.series.update', { id: other.series.id, orgId: app.orgId, name: '改名', level: '社区' });
    await forbidden('training.sessions.create', { seriesId: other.series.id, topic: '越权', speakerName: '乙', date: `${YEAR}-05-01`, hours: 2 });
    await forbidden('training.sessions.update', { id: other.session.id, seriesId: other.series.id, topic: '改', speakerName: '乙', date: `${YEAR}-04-01`, hours: 2 });
    await forbidden('training.attendance.list', { classId: c.id });
    await forbidden('training.attendance.list', { sessionId: other.session.id });
    await forbidden('training.attendance.update', { id: other.attendance.id, status: '缺席' });
    await forbidden('training.attendance.setStatus', { ids: [other.attendance.id], status: '缺席' });
    await forbidden('training.attendance.remove', { ids: [other.attendance.id], reason: '越权取消' });
    await forbidden('training.enroll', { classId: c.id, personIds: [own.person.id] });
    await forbidden('training.personHistory', { personId: other.person.id });
    // Nothing changed.
    const seen = await app.ok('training.classes.get', { id: c.id }, clerk);
    expect(seen).toMatchObject({ name: '友谊社区专题培训', enrolled: 1, present: 1 });
  });

  it('is refused 友谊社区’s assessment scheme, cycle, entries and sessions by id', async () => {
    const cycleId = other.cycle.id;
    await forbidden('assessment.scheme', { id: other.scheme.id });
    await forbidden('assessment.saveScheme', { id: other.scheme.id, orgId: app.orgId, year: YEAR, population: '社区工作者', name: '改', config: other.scheme.config });
    await forbidden('assessment.createCycle', { schemeId: other.scheme.id, orgId: app.orgId });
    await forbidden('assessment.sheet', { cycleId });
    await forbidden('assessment.exportXlsx', { cycleId });
    await forbidden('assessment.saveScores', { cycleId, rows: [{ entryId: other.entryId, scores: FULL }] });
    await forbidden('assessment.saveNotes', { entryId: other.entryId, selfAssessment: '越权', reportNotes: null });
    await forbidden('assessment.setFinalGrade', { entryId: other.entryId, grade: '优秀', reason: '越权' });
    await forbidden('assessment.deleteSession', { id: other.ballot.id, reason: '越权删除' });
    await forbidden('assessment.acceptProposals', { cycleId });
    await forbidden('assessment.results', { year: YEAR, personId: other.person.id });
  });

  it('does not see them in lists called without an org', async () => {
    const classes = (await app.ok('training.classes.list', {}, scoped)).rows.map((r: { name: string }) => r.name);
    expect(classes).toEqual(['新城社区专题培训']);
    expect((await app.ok('training.series.list', {}, scoped)).rows).toEqual([]);
    expect((await app.ok('assessment.cycles', {}, scoped)).rows).toEqual([]);
    expect((await app.ok('assessment.results', { year: YEAR }, scoped)).rows).toEqual([]);
    expect((await app.ok('assessment.distribution', { year: YEAR }, scoped)).rows).toEqual([]);
    expect((await app.ok('assessment.schemes', {}, scoped)).rows).toEqual([]);
    // The county clerk, unscoped, still sees them.
    expect((await app.ok('assessment.results', { year: YEAR }, clerk)).rows.map((r: { personName: string }) => r.personName)).toEqual(['友谊人']);
    expect((await app.ok('training.series.list', {}, clerk)).rows).toHaveLength(1);
  });
});
