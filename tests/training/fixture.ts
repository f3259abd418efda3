import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';

// A street with two communities and a small roster: one 书记 and one 居委会主任 per community
// plus community workers, on a fixed clock.

export const NOW = () => new Date('2026-11-27T09:00:00+08:00');

export function personInput(orgId: string, name: string, i: number, posts: string[], postCategory = '其他') {
  return {
    orgId, name, gender: i % 2 ? '女' : '男', ethnicity: '汉族', birthDate: `198${i % 10}-0${(i % 9) + 1}-15`,
    politicalStatus: '中共党员', posts, postCategory, communityWorkStartDate: '2015-03-01',
  };
}

export async function seedTraining(app: TestApp) {
  const tree = await seedOrgTree(app);
  const second = await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '东风社区', code: '610402001002' });
  const secretary = await app.ok('roster.create', personInput(tree.community.id, '王书记', 0, ['书记'], '正职'));
  const director = await app.ok('roster.create', personInput(tree.community.id, '赵主任', 1, ['居委会主任'], '正职'));
  const worker = await app.ok('roster.create', personInput(tree.community.id, '钱社工', 2, ['专职社区工作者']));
  const other = await app.ok('roster.create', personInput(second.id, '孙网格', 3, ['网格员']));
  return { ...tree, second, secretary, director, worker, other };
}

export function classInput(orgId: string, over: Record<string, unknown> = {}) {
  return {
    orgId, name: '2026年社区党组织书记示范培训班', category: '示范班', level: '县', host: '区委组织部', organizer: '区委党校',
    form: '集中', location: '区委党校', startDate: '2026-05-10', endDate: '2026-05-12', hours: 24, ...over,
  } as const;
}

export function newApp(): TestApp {
  return openTestApp({ now: NOW });
}

export const countRows = (app: TestApp, table: string): number =>
  (app.opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;

/** Enrols people and records that they came (出席): enrolment alone only marks 已报名. */
export async function attend(app: TestApp, target: { classId: string } | { sessionId: string }, personIds: string[]): Promise<void> {
  await app.ok('training.enroll', { ...target, personIds });
  const { rows } = await app.ok('training.attendance.list', target);
  const ids = rows.filter((r) => personIds.includes(r.personId) && r.status === '已报名').map((r) => r.id);
  if (ids.length) await app.ok('training.attendance.setStatus', { ids, status: '出席' });
}
