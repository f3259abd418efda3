import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import type { Actor } from '../../core/context.ts';

let app: TestApp;
let orgId: string;
let clock = new Date('2026-11-27T09:00:00+08:00');
const okAudits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
const stored = (id: string) => app.opened.sqlite.prepare('SELECT * FROM people WHERE id = ?').get(id) as Record<string, unknown>;
const person = { orgId: '', name: '张伟', gender: '男', ethnicity: '汉族', birthDate: '1988-04-02', politicalStatus: '群众', postCategory: '其他', communityWorkStartDate: '2015-03-01' };
const retire = (id: string, actor?: Actor) => app.dispatcher.call('roster.retire', { id, status: '离任', date: '2026-11-20', reason: '调离' }, actor);
const undo = (id: string, actor?: Actor) => app.dispatcher.call('roster.undoRetire', { id }, actor);
const clerk = (id: string): Actor => ({ kind: 'user', id, name: id, role: 'clerk', orgScopeId: null });

beforeEach(async () => {
  clock = new Date('2026-11-27T09:00:00+08:00');
  app = openTestApp({ now: () => clock });
  orgId = (await seedOrgTree(app)).community.id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const advance = (ms: number) => void (clock = new Date(clock.getTime() + ms));

describe('roster.undoRetire', () => {
  it('restores the previous status and dates exactly, with one audit row', async () => {
    const p = await app.ok('roster.create', { ...person, orgId });
    const was = stored(p.id);
    advance(1000);
    expect((await retire(p.id)).ok).toBe(true);
    expect(stored(p.id)).toMatchObject({ status: '离任', status_date: '2026-11-20', status_reason: '调离' });
    advance(60_000);
    const n = okAudits();
    const back = await app.ok('roster.undoRetire', { id: p.id });
    expect(back).toMatchObject({ status: '在岗', statusDate: null, statusReason: null });
    const now = stored(p.id);
    const { updated_at: _u, change_seq: _c, ...rest } = now;
    const { updated_at: _u0, change_seq: _c0, ...restWas } = was;
    expect(rest).toEqual(restWas);
    expect(okAudits()).toBe(n + 1);
    const row = app.opened.sqlite.prepare('SELECT operation, entity_id AS entityId FROM audit_log ORDER BY audit_log.id DESC LIMIT 1').get();
    expect(row).toEqual({ operation: 'roster.undoRetire', entityId: p.id });
    // Undone once: a second undo finds the person in post.
    const again = await undo(p.id);
    expect(!again.ok && again.error.message).toContain('当前在岗');
  });

  it('is refused after another change to the record, writing nothing', async () => {
    const p = await app.ok('roster.create', { ...person, orgId });
    advance(1000);
    await retire(p.id);
    advance(1000);
    await app.ok('roster.update', { id: p.id, ...person, orgId, phone: '13912345678' });
    const was = stored(p.id);
    const n = okAudits();
    const env = await undo(p.id);
    expect(env.ok).toBe(false);
    expect(!env.ok && env.error.message).toBe('不能撤销“张伟”的离任：办理之后此人的记录已被修改，请在人员信息中手工更正');
    expect(stored(p.id)).toEqual(was);
    expect(okAudits()).toBe(n);
  });

  it('is refused for another account, and after the time limit, writing nothing', async () => {
    const p = await app.ok('roster.create', { ...person, orgId });
    advance(1000);
    expect((await retire(p.id, clerk('u-a'))).ok).toBe(true);
    const was = stored(p.id);
    const n = okAudits();
    const other = await undo(p.id, clerk('u-b'));
    expect(!other.ok && other.error.message).toBe('不能撤销“张伟”的离任：只有办理该离任的账号才能撤销');
    advance(11 * 60_000);
    const late = await undo(p.id, clerk('u-a'));
    expect(!late.ok && late.error.message).toContain('撤销时限');
    expect(stored(p.id)).toEqual(was);
    expect(okAudits()).toBe(n);
  });

  it('is refused when someone with the same ID number is now in post', async () => {
    const idNumber = '610402199005170025';
    const p = await app.ok('roster.create', { ...person, orgId, idNumber, birthDate: '1990-05-17', gender: '女' });
    advance(1000);
    await retire(p.id);
    await app.ok('roster.create', { ...person, orgId, name: '张薇', idNumber, birthDate: '1990-05-17', gender: '女' });
    const env = await undo(p.id);
    expect(!env.ok && env.error.code).toBe('conflict');
    expect(stored(p.id)).toMatchObject({ status: '离任' });
  });
});
