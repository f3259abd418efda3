import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { orgUnits } from '../../db/schema/index.ts';
import { systemActor } from '../../core/installation.ts';
import { scopeIds, workScopeRoot } from '../../core/security/scope.ts';
import type { Ctx } from '../../core/context.ts';
import { removeDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';
import { newCommunity, newCounty, type Installation } from './fixture.ts';

// Smaller points of the bundle review: where a community installation starts an account's
// unit pickers, Chinese messages for a batch's file fields, and the CLI's usage text.

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

describe('work scope at a community installation', () => {
  it('narrows an account scoped above the community to it, keeps one scoped beside it on its own unit', async () => {
    const county = track(await newCounty());
    const c = track(await newCommunity(county, '610402001001'));
    const db = c.app.opened.db;
    const street = db.select().from(orgUnits).all().find((u) => u.level === 'street')!;
    // A neighbour community left in the local tree (by an older version, or received).
    let beside = db.select().from(orgUnits).all().find((u) => u.code === '610402001002')?.id;
    if (!beside) {
      beside = randomUUID();
      const now = new Date().toISOString();
      db.insert(orgUnits).values({ id: beside, orgId: beside, createdAt: now, updatedAt: now, changeSeq: 0, parentId: street.id, level: 'community', name: '幸福社区', code: '610402001002' }).run();
    }
    const ctxFor = (orgScopeId: string): Ctx => ({
      db, sqlite: c.app.opened.sqlite, now: () => new Date(), security: null,
      actor: { kind: 'user', id: 'u1', name: '测试', role: 'clerk', orgScopeId },
    });
    expect(workScopeRoot(ctxFor(street.id), street.id)).toBe(c.orgId);
    expect(workScopeRoot(ctxFor(c.orgId), c.orgId)).toBe(c.orgId);
    // Beside: no unit of this installation is in its scope, so its pickers do not start at the community.
    expect([...scopeIds(ctxFor(beside))!]).toEqual([]);
    expect(workScopeRoot(ctxFor(beside), beside)).toBe(beside);
    expect(workScopeRoot({ ...ctxFor(beside), actor: systemActor(db) }, null)).toBe(c.orgId);
  });
});

describe('bundle.importMany input', () => {
  it('names the field in Chinese for a wrong file name or size', async () => {
    const county = track(await newCounty());
    const badName = await county.app.dispatcher.call('bundle.importMany', { files: [{ fileName: 7 as never, file: '', signature: null }] });
    expect(badName.ok).toBe(false);
    expect(!badName.ok && badName.error.message).toContain('「文件名」');
    const badSize = await county.app.dispatcher.call('bundle.importMany', { files: [{ fileName: 'a.age', file: '', signature: null, size: -1 }] });
    expect(!badSize.ok && badSize.error.message).toContain('「文件大小」不能为负数');
    const longName = await county.app.dispatcher.call('bundle.import', { fileName: 'x'.repeat(300), file: '', signature: null });
    expect(!longName.ok && longName.error.message).toContain('「文件名」不能超过 255 个字符');
  });
});

describe('jiceng usage text', () => {
  it('lists enroll confirm-profile and --community, and keys init without a required --org', () => {
    const r = spawnSync(process.execPath, ['cli/main.ts', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('confirm-profile --confirm');
    expect(r.stderr).toContain('export-profile OUT [--community CODE]');
    expect(r.stderr).toContain('keys init [--org CODE]');
  });
});
