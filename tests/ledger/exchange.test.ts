import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { exportBundle, importBundle, newCommunity, newCounty, type Installation } from '../bundle/fixture.ts';
import { localIsoDate } from '../../core/roster/dates.ts';

// Real keys and real bundle files: a county task goes down in a policy bundle, the community
// completes it, its report (and its own records) come back up, and the county's view shows it.

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

async function refusedAt(i: Installation, op: string, input: unknown) {
  const env = await i.app.dispatcher.dispatch(op, input);
  if (env.ok) throw new Error(`${op} should have been refused`);
  return env.error;
}

describe('tasks down, reports up', () => {
  it('a county task is completed at the community and shows done in the county view', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const today = localIsoDate(new Date());
    const year = Number(today.slice(0, 4));
    const task = await county.app.ok('ledger.tasks.create', {
      orgId: county.orgId, title: '开展“七一”主题党日', category: '组织生活', deadline: `${year + 1}-12-31`, targetOrgIds: county.communityIds,
    });

    const down = await county.app.ok('bundle.export', { full: false });
    const f = down.files[0]!;
    const got = await comm.app.ok('bundle.import', { fileName: f.fileName, file: f.file, signature: f.signature });
    expect(got).toMatchObject({ outcome: 'ACCEPTED', kind: 'policy' });
    expect(got.report!.ledger_tasks!.created).toBe(1);
    const atComm = await comm.app.ok('ledger.tasks.list', {});
    expect(atComm.rows).toHaveLength(1);
    expect(atComm.rows[0]).toMatchObject({ id: task.id, received: true, title: '开展“七一”主题党日' });

    // Owner-writes at the community: the county's records cannot be written here.
    const asCounty = await refusedAt(comm, 'ledger.tasks.create', { orgId: county.orgId, title: 'x', category: 'y', deadline: `${year + 1}-01-01`, targetOrgIds: [comm.orgId] });
    expect(asCounty.code).toBe('forbidden');

    await comm.app.ok('ledger.tasks.report', {
      taskId: task.id, orgId: comm.orgId, progress: 100, done: true, content: '已开展，党员 32 人参加',
      attachments: [{ fileName: '签到表.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 签到').toString('base64') }],
    });
    const problem = await comm.app.ok('ledger.items.create', { orgId: comm.orgId, kind: '问题', title: '活动室漏雨', category: '阵地' });
    const order = await comm.app.ok('ledger.orders.register', { orgId: comm.orgId, source: '热线', title: '路灯不亮', category: '设施' });
    const q = await comm.app.ok('ledger.quarters.create', { orgId: comm.orgId, year, quarter: Math.ceil(Number(today.slice(5, 7)) / 3), summary: '本季度小结' });
    await comm.app.ok('ledger.quarters.seal', { id: q.id });

    const up = await exportBundle(comm);
    const r = await importBundle(county, up.file, up.signature, up.fileName);
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.report!.ledger_task_reports!.created).toBe(1);
    expect(r.report!.ledger_attachments!.created).toBe(1);

    const seen = await county.app.ok('ledger.tasks.get', { id: task.id });
    expect(seen.targets.find((t) => t.orgId === comm.orgId)).toMatchObject({ state: '按时完成', colour: '蓝', doneOn: today });
    expect(seen.targets.find((t) => t.orgId !== comm.orgId)!.state).toBe('进行中');
    expect(seen.reports[0]).toMatchObject({ orgId: comm.orgId, content: '已开展，党员 32 人参加' });
    expect(seen.reports[0]!.attachments.map((a) => a.fileName)).toEqual(['签到表.pdf']);

    const view = await county.app.ok('ledger.overview', { from: `${year}-01-01`, to: `${year}-12-31` });
    const row = view.rows.find((x) => x.orgId === comm.orgId)!;
    expect(row.figures).toMatchObject({ tasksAssigned: 1, tasksOnTime: 1, tasksOpen: 0, ordersReceived: 1, problemsRaised: 1 });
    expect(view.rows.find((x) => x.orgId === county.orgId)!.figures).toMatchObject({ tasksAssigned: 2, tasksOnTime: 1, tasksOpen: 1 });
    const sealed = (await county.app.ok('ledger.quarters.list', { orgId: comm.orgId })).rows[0]!;
    expect(sealed).toMatchObject({ received: true, summary: '本季度小结' });
    expect(sealed.sealedAt).not.toBeNull();

    // Owner-writes at the county: a community's records are read-only here, new records too.
    for (const [op, input] of [
      ['ledger.items.update', { id: problem.id, title: '改', category: '阵地', progress: 50 }],
      ['ledger.items.close', { id: problem.id }],
      ['ledger.orders.build', { id: order.id }],
      ['ledger.quarters.update', { id: q.id, summary: '县里改' }],
      ['ledger.tasks.report', { taskId: task.id, orgId: comm.orgId, progress: 100, done: true, content: '代报' }],
    ] as const) {
      const e = await refusedAt(county, op, input);
      expect([op, e.code, e.message]).toEqual([op, 'forbidden', expect.stringContaining('只读')]);
    }
    expect((await county.app.ok('ledger.items.get', { id: problem.id })).received).toBe(true);
  });
});
