import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { LAYOUTS } from '../fixtures/roster-io/county-corpus.ts';
import { countyTree } from './helpers.ts';

// Issue 14: county spreadsheets as offices write them import with no manual step — the
// posts, 一肩挑, education and the units that land are checked for each layout.

let app: TestApp | null = null;
afterEach(() => {
  if (!app) return;
  app.close();
  removeDir(app.dir);
  app = null;
});

describe('a corpus of county layouts (shared domain notes §1.1)', () => {
  it('has at least 8 layouts', () => expect(LAYOUTS.length).toBeGreaterThanOrEqual(8));

  it.each(LAYOUTS.map((l) => [l.key, l] as const))('%s imports with no manual step', async (_key, layout) => {
    app = openTestApp();
    const ids = await countyTree(app);
    const paths = new Map([...ids].map(([path, id]) => [id, path]));
    const bytes = await layout.build();
    const input = { fileName: layout.fileName, contentBase64: Buffer.from(bytes).toString('base64'), orgId: ids.get(layout.target)! };
    const p = await app.ok('roster.importPreview', input);
    expect(p.issues.filter((i) => i.severity === 'error'), JSON.stringify(p.issues)).toEqual([]);
    expect(p.counts).toMatchObject({ create: layout.expected.length, error: 0 });
    const done = await app.ok('roster.importCommit', input);
    expect(done.created).toBe(layout.expected.length);
    const rows = app.opened.sqlite
      .prepare('SELECT name, org_id AS orgId, posts, one_shoulder AS os, cross_posting AS cp, post_category AS pc, ft_education AS fe, pt_education AS pe, ft_education_as_written AS few, posts_as_written AS pw FROM people')
      .all() as { name: string; orgId: string; posts: string; os: number; cp: number; pc: string; fe: string | null; pe: string | null; few: string | null; pw: string | null }[];
    for (const e of layout.expected) {
      const r = rows.find((x) => x.name === e.name);
      expect(r, e.name).toBeDefined();
      expect({ name: r!.name, org: paths.get(r!.orgId), posts: JSON.parse(r!.posts), oneShoulder: r!.os === 1, postCategory: r!.pc }).toEqual({
        name: e.name, org: e.org, posts: e.posts, oneShoulder: e.oneShoulder, postCategory: e.postCategory,
      });
      if (e.crossPosting !== undefined) expect(r!.cp === 1, `${e.name} 交叉任职`).toBe(e.crossPosting);
      if (e.ftEducation !== undefined) expect(r!.fe, `${e.name} 全日制学历`).toBe(e.ftEducation);
      if (e.ptEducation !== undefined) expect(r!.pe, `${e.name} 在职学历`).toBe(e.ptEducation);
      if (e.ftEducationAsWritten !== undefined) expect(r!.few).toBe(e.ftEducationAsWritten);
      // The post text as written is kept beside the mapped list.
      if (e.posts.length) expect(r!.pw, `${e.name} 职务原文`).toBeTruthy();
    }
  });

  it('a post the table does not know is kept as written and grouped; mapping it once is remembered', async () => {
    app = openTestApp();
    const ids = await countyTree(app);
    const layout = LAYOUTS.find((l) => l.key === 'H9-yuhu')!;
    const input = { fileName: layout.fileName, contentBase64: Buffer.from(await layout.build()).toString('base64'), orgId: ids.get(layout.target)! };
    const p = await app.ok('roster.importPreview', input);
    expect(p.unknownValues).toEqual([expect.objectContaining({ table: 'post', value: '社区两委委员', count: 1, keepTextAllowed: true })]);
    expect(p.issues).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('“社区两委委员”不在职务代码表中') }));
    await app.ok('roster.importCommit', { ...input, values: [{ table: 'post', value: '社区两委委员', code: '居委会委员' }] });
    const he = app.opened.sqlite.prepare("SELECT posts, posts_as_written AS pw FROM people WHERE name = '何娟'").get() as { posts: string; pw: string };
    expect(JSON.parse(he.posts)).toEqual(['居委会委员']);
    expect(he.pw).toBe('社区两委委员');
    // Remembered by the installation: the next dry run of any sheet knows it.
    const again = await app.ok('roster.importPreview', input);
    expect(again.unknownValues).toEqual([]);
  });

  it('a unit outside the target, an unknown unit and an ambiguous community name are row errors', async () => {
    app = openTestApp();
    const ids = await countyTree(app);
    const head = '姓名,性别,民族,出生年月,身份证号,政治面貌,所属组织,职务\n';
    const body = [
      '甲,男,汉族,1980.01,110101198001010011,群众,河堤社区,网格员',
      '乙,男,汉族,1980.01,110101198001010037,群众,不存在社区,网格员',
      '丙,男,汉族,1980.01,110101198001010053,群众,青龙社区,网格员',
    ].join('\n');
    const csv = { fileName: 'u.csv', contentBase64: Buffer.from(head + body).toString('base64') };
    const intoStreet = await app.ok('roster.importPreview', { ...csv, orgId: ids.get('人民路街道')! });
    const err = (row: number) => intoStreet.issues.find((i) => i.row === row && i.severity === 'error')?.message ?? '';
    expect(err(2)).toContain('不在导入目标“人民路街道”及其下级组织中');
    expect(err(3)).toContain('不是“人民路街道”下已登记的组织单位');
    expect(err(4)).toBe('');
    const intoCounty = await app.ok('roster.importPreview', { ...csv, orgId: ids.get('秦都区')! });
    expect(intoCounty.issues.find((i) => i.row === 4 && i.severity === 'error')?.message).toContain('2 个同名单位');
  });
});
