import { afterEach, describe, expect, it } from 'vitest';
import { realSamples } from '../../core/salary/samples-real.ts';
import { checkScheme } from '../../core/salary/scheme-rules.ts';
import { schemeConfig } from '../../core/salary/scheme-schema.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, salaryApp } from './fixtures.ts';

// The four real-place samples (../shared/domain-2.md §2), each saved through the app and a few
// people's monthly pay (2026-05) compared with the published numbers worked out by hand.

let app: TestApp | null = null;
afterEach(() => {
  if (!app) return;
  app.close();
  removeDir(app.dir);
  app = null;
});

const y = (fen: number) => (fen / 100).toFixed(2);

async function withSample(key: string) {
  const s = await salaryApp();
  app = s.app;
  const a = s.app;
  const sample = (await a.ok('salary.sampleSchemes', {})).find((x) => x.key === key)!;
  expect(sample.name).toContain('示例');
  const scheme = await a.ok('salary.saveScheme', { orgId: s.tree.county.id, name: sample.name, docNo: sample.docNo, effectiveDate: '2025-01-01', sample: true, config: sample.config });
  const org = s.tree.community.id;
  const put = async (name: string, post: string, level: number, over: Parameters<typeof addPerson>[2] = {}) => {
    const p = await addPerson(a, org, { name, ...over });
    await a.ok('salary.setLevel', { personId: p.id, post, level, effectiveDate: '2025-01-01', reason: '人工调整', note: '期初' });
    return p;
  };
  const sheet = async () => {
    const sh = await a.ok('salary.paySheet', { orgId: org, month: '2026-05' });
    return Object.fromEntries(sh.lines.map((l) => [l.name, l]));
  };
  return { ...s, scheme, put, sheet };
}

describe('real-place samples marked 示例', () => {
  it('ships four samples that all pass the scheme rules', () => {
    expect(realSamples().map((x) => x.key)).toEqual(['xiangan-2013', 'shaanxi-2015', 'shandong', 'xian-2019']);
    for (const x of realSamples()) expect(checkScheme(schemeConfig.parse(x.config)), x.key).toEqual([]);
  });

  it('翔安 2013: 档 table + 岗位工资 + 津(补)贴 per post', async () => {
    const { put, sheet } = await withSample('xiangan-2013');
    await put('正职五档', '社区正职', 5);
    await put('一般一档', '一般社区专职工作者', 1);
    await put('站员十二档', '社区工作站工作人员', 12);
    const l = await sheet();
    expect(y(l['正职五档']!.totalFen)).toBe('3240.00'); // 1340 + 1100 + 800
    expect(y(l['一般一档']!.totalFen)).toBe('2300.00'); // 1200 + 700 + 400
    expect(y(l['站员十二档']!.totalFen)).toBe('2540.00'); // 1740 + 500 + 300
    expect(l['正职五档']!.items.map((i) => i.label)).toEqual(['等级工资', '岗位工资', '岗位津贴']);
  });

  it('陕西 2015: 基础报酬 by 学历 + 补贴 + 职称补贴 + 15 元 per full year + 居委会 post allowance', async () => {
    const { put, sheet } = await withSample('shaanxi-2015');
    await put('主任', '居委会主任', 1, { postCategory: '正职', ftEducation: '大学本科', swQualification: '社工师', communityWorkStartDate: '2021-03-01' });
    await put('专职', '专职工作人员', 1, { ftEducation: '大学专科', communityWorkStartDate: '2025-09-01' });
    await put('委员', '居委会委员', 1, { ftEducation: '研究生', ftDegree: '硕士', swQualification: '高级社工师', communityWorkStartDate: '2016-01-01' });
    const l = await sheet();
    expect(y(l['主任']!.totalFen)).toBe('3875.00'); // 1300 + 700 + 500 + 200 + 5 × 15 + 1100
    expect(y(l['专职']!.totalFen)).toBe('2200.00'); // 1000 + 700 + 500
    expect(y(l['委员']!.totalFen)).toBe('4050.00'); // 1800 + 700 + 500 + 300 + 10 × 15 + 600
  });

  it('山东: base × coefficient, 30 % withheld for the year-end settlement, 社工证 职业津贴', async () => {
    const { put, sheet } = await withSample('shandong');
    await put('正职七级', '社区正职', 7, { postCategory: '正职', swQualification: '社工师' });
    await put('人员一级', '社区工作人员', 1);
    const l = await sheet();
    // 示例 base 4000 × 1.30 = 5200; 30 % = 1560 withheld; 70 % = 3640 + 职业津贴 200.
    expect([y(l['正职七级']!.totalFen), y(l['正职七级']!.withheldFen)]).toEqual(['3840.00', '1560.00']);
    expect([y(l['人员一级']!.totalFen), y(l['人员一级']!.withheldFen)]).toEqual(['2800.00', '1200.00']);
  });

  it('西安 2019: the published minimum and maximum per post exactly, 试用期 80 % of 一般 without 绩效', async () => {
    const { put, sheet } = await withSample('xian-2019');
    const published: [string, number, number][] = [['社区正职（一肩挑）', 3800, 5400], ['社区副职', 3480, 4920], ['一般工作人员', 3200, 4450]];
    for (const [post, , ] of published) {
      await put(`${post}1`, post, 1);
      await put(`${post}12`, post, 12);
    }
    await put('试用', '社区副职', 1, { communityWorkStartDate: '2026-03-10' });
    const l = await sheet();
    for (const [post, min, max] of published) {
      expect([y(l[`${post}1`]!.totalFen), y(l[`${post}12`]!.totalFen)], post).toEqual([min.toFixed(2), max.toFixed(2)]);
    }
    // 试用期: 80 % of 一般工作人员 1 级 (3,200) = 2,560, whatever the probationer's own post.
    expect(y(l['试用']!.totalFen)).toBe('2560.00');
    expect(l['试用']!.items.map((i) => i.key)).toEqual(['probation']);
  });
});
