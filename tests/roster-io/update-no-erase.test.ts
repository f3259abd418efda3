import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { bytesInput, importApp, type ImportApp } from './helpers.ts';
import { makeId } from '../fixtures/roster-io/people.ts';

// Issue 14: an update from a sheet with blank cells erased 籍贯, 入党时间, 参加工作时间,
// 社区工作起始时间 and 社工资格, and the dry run said only "更新 1". A blank cell now leaves the
// stored value; （清空） clears it; the dry run lists every change old → new, pay fields flagged.

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

const HEAD = '姓名,性别,民族,出生年月,身份证号,政治面貌,籍贯,入党时间,参加工作时间,社区工作起始时间,全日制学历,社工资格,社工资格取得时间,职务,岗位类别,联系电话,备注';
const ID = makeId('1984-05-06', 22);
const FULL = `林秀英,女,汉族,1984.05,${ID},中共党员,陕西咸阳,2008.07,2006.09,2012.03,大学专科,社工师,2018.06,居委会委员,其他,13900001111,老同志`;

const csv = (line: string) => bytesInput('r.csv', `${HEAD}\n${line}\n`);
const stored = () => ctx.app.opened.sqlite.prepare('SELECT * FROM people').get() as Record<string, unknown>;

describe('updates never erase', () => {
  it('blank cells leave stored values; the dry run lists old → new and flags pay fields; （清空） clears', async () => {
    ctx = await importApp();
    await ctx.app.ok('roster.importCommit', { ...csv(FULL), orgId: ctx.orgId });
    const before = stored();
    expect(before).toMatchObject({ native_place: '陕西咸阳', community_work_start_date: '2012-03-01', sw_qualification: '社工师' });

    // 籍贯, 入党时间, 参加工作时间, 社区工作起始时间, 社工资格 and its date blank; education and posts changed; 备注 cleared.
    const update = `林秀英,女,汉族,1984.05,${ID},中共党员,,,,,大学本科,,,居委会副主任,,13900002222,（清空）`;
    const p = await ctx.app.ok('roster.importPreview', { ...csv(update), orgId: ctx.orgId });
    expect(p.counts).toMatchObject({ update: 1, error: 0 });
    const changes = p.rows.find((r) => r.action === 'update')!.changes;
    expect(changes).toEqual([
      { field: 'ftEducation', header: '全日制学历', old: '大学专科', new: '大学本科', pay: true },
      { field: 'posts', header: '职务', old: '居委会委员', new: '居委会副主任', pay: true },
      { field: 'postCategory', header: '岗位类别', old: '其他', new: '副职', pay: true },
      { field: 'phone', header: '联系电话', old: '13900001111', new: '13900002222', pay: false },
      { field: 'remarks', header: '备注', old: '老同志', new: '（空）', pay: false },
    ]);
    // The blank 岗位类别 follows from the new post, and the dry run says so.
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('按职务推定为“副职”') }));

    await ctx.app.ok('roster.importCommit', { ...csv(update), orgId: ctx.orgId });
    const after = stored();
    for (const k of ['native_place', 'party_join_date', 'work_start_date', 'community_work_start_date', 'sw_qualification', 'sw_qualification_date'])
      expect(after[k], k).toBe(before[k]);
    expect(after).toMatchObject({ ft_education: '大学本科', posts: '["居委会副主任"]', post_category: '副职', phone: '13900002222', remarks: null });
  });

  it('no-value markers (无, —, /, (无)) read as blank and erase nothing', async () => {
    ctx = await importApp();
    await ctx.app.ok('roster.importCommit', { ...csv(FULL), orgId: ctx.orgId });
    const p = await ctx.app.ok('roster.importPreview', {
      ...csv(`林秀英,女,汉族,1984.05,${ID},中共党员,无,—,/,(无),,,,,,,`), orgId: ctx.orgId,
    });
    expect(p.counts).toMatchObject({ unchanged: 1, update: 0, error: 0 });
  });

  it('a 1900 date is refused as an Excel artefact, and a birth date that disagrees with the ID is a warning', async () => {
    ctx = await importApp();
    const p = await ctx.app.ok('roster.importPreview', {
      ...csv(`林秀英,女,汉族,1984.07,${ID},中共党员,,1900-01-00,1900.01,,,,,,,,`), orgId: ctx.orgId,
    });
    const msgs = p.issues.map((i) => `${i.severity}:${i.column}:${i.message}`);
    expect(msgs).toContainEqual(expect.stringMatching(/^error:入党时间:.*1900 年/));
    expect(msgs).toContainEqual(expect.stringMatching(/^error:参加工作时间:.*1900 年/));
    expect(msgs).toContainEqual(expect.stringMatching(/^warning:出生年月:.*1984-07 与身份证号中的 1984-05-06 不一致/));
  });
});
