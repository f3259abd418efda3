import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ageBands } from '../../core/report/reports/age-bands.ts';
import { deltaText } from '../../core/report/delta.ts';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { demoApp, NOW, TODAY } from './fixture.ts';

let app: TestApp | null = null;
afterEach(() => {
  if (app) {
    app.close();
    removeDir(app.dir);
    app = null;
  }
});

describe('队伍结构 on demo data', () => {
  it('reproduces the generator’s composition and a 本科及以上 share counted independently from the raw rows', async () => {
    const d = await demoApp();
    app = d.app;
    const r = await app.ok('report.run', { name: 'composition', orgId: d.countyId, asOf: TODAY });
    const total = r.rows.find((x) => x.key === 'total')!.cells;
    // The generator: 300 people over 12 communities, rank 0 of each is 书记 + 居委会主任 (一肩挑).
    expect(total.total).toBe(300);
    expect(total.secretary).toBe(12);
    expect(total.director).toBe(12);
    expect(total.oneShoulder).toBe(12);
    expect(total.oneShoulderRate).toBe(100);
    expect(r.rows.filter((x) => x.level === 'community')).toHaveLength(12);
    expect(r.rows.filter((x) => x.level === 'street').map((x) => x.label)).toEqual(['人民路街道小计', '西兰路街道小计']);
    // Independent count from the raw table: highest of 全日制 and 在职 education is 本科 or 研究生.
    const raw = app.opened.sqlite.prepare(`SELECT ft_education AS ft, pt_education AS pt FROM people WHERE deleted_at IS NULL AND status = '在岗'`).all() as { ft: string | null; pt: string | null }[];
    const bachelor = raw.filter((p) => [p.ft, p.pt].some((e) => e === '研究生' || e === '大学本科')).length;
    expect(bachelor).toBeGreaterThan(0);
    expect(total.hiBachelor).toBe(bachelor);
    expect(total.hiBachelorRate).toBe(Math.round((bachelor * 1000) / raw.length) / 10);
  });
});

describe('age bands at the reference date', () => {
  it('counts the birthday on the reference date (born 1995-11-30 is 31 on 2026-11-30)', async () => {
    app = openTestApp({ now: NOW });
    const t = await seedOrgTree(app);
    const person = (name: string, birthDate: string) => app!.ok('roster.create', {
      orgId: t.community.id, name, gender: '女', ethnicity: '汉族', birthDate, politicalStatus: '群众', posts: ['网格员'], postCategory: '其他',
      communityWorkStartDate: '2020-01-01',
    });
    await person('满三十一', '1995-11-30'); // 31st birthday on 2026-11-30 → 31–35
    await person('差一天', '1995-12-01'); // still 30 → ≤30
    await person('满四十六', '1980-11-30'); // 46 that day → >45
    await person('四十五', '1980-12-01'); // 45 → 36–45
    const r = await app.ok('report.run', { name: 'composition', orgId: t.community.id, asOf: '2026-11-30' });
    const c = r.rows.find((x) => x.key === t.community.id)!.cells;
    expect([c.age0, c.age1, c.age2, c.age3]).toEqual([1, 1, 1, 1]);
    const who = async (column: string) => (await app!.ok('report.drill', { name: 'composition', orgId: t.community.id, asOf: '2026-11-30', rowKey: t.community.id, column })).rows.map((m) => m.name);
    expect(await who('age0')).toEqual(['差一天']);
    expect(await who('age1')).toEqual(['满三十一']);
    expect(await who('age2')).toEqual(['四十五']);
    expect(await who('age3')).toEqual(['满四十六']);
    // One day earlier, 满三十一 is still 30.
    const before = await app.ok('report.run', { name: 'composition', orgId: t.community.id, asOf: '2026-11-29' });
    expect(before.rows.find((x) => x.key === 'total')!.cells.age0).toBe(2);
    // Other cut-offs: ≤35 / 36–60 / >60.
    const cuts = await app.ok('report.run', { name: 'composition', orgId: t.community.id, asOf: '2026-11-30', ageCuts: [35, 60] });
    expect(cuts.columns.filter((x) => x.group === '年龄').map((x) => x.label)).toEqual(['35岁及以下', '36–60岁', '60岁以上']);
    expect(cuts.rows.find((x) => x.key === 'total')!.cells.age0).toBe(2);
    expect(ageBands([30, 35, 45]).map((b) => b.label)).toEqual(['30岁及以下', '31–35岁', '36–45岁', '45岁以上']);
  });

  it('refuses unordered cut-offs with a field message', async () => {
    app = openTestApp({ now: NOW });
    const t = await seedOrgTree(app);
    const env = await app.dispatcher.call('report.run', { name: 'composition', orgId: t.county.id, asOf: TODAY, ageCuts: [45, 35] });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('年龄分段');
  });
});

describe('comparison with an earlier reference date', () => {
  it('reports the change in people and percent', async () => {
    const d = await demoApp(60, 3);
    app = d.app;
    const r = await app.ok('report.run', { name: 'composition', orgId: d.countyId, asOf: TODAY, compareAsOf: '2016-01-01' });
    const now = r.rows.find((x) => x.key === 'total')!.cells.total as number;
    const before = r.previous!.cells.total!.total!;
    expect(before).toBeLessThan(now);
    const raw = (app.opened.sqlite.prepare(`SELECT COUNT(*) AS n FROM people WHERE community_work_start_date <= '2016-01-01'`).get() as { n: number }).n;
    expect(before).toBe(raw);
    expect(deltaText(103, 100, '人')).toBe('+3 人 / +3 %');
    expect(deltaText(97, 100, '人')).toBe('−3 人 / −3 %');
    expect(deltaText(87.5, 85.4, '%')).toBe('+2.1 个百分点');
    expect(deltaText(5, null, '人')).toBe('无可比数据');
  });
});

describe('export', () => {
  it('writes figures as numbers with title, unit, reference date and 制表 date', async () => {
    const d = await demoApp(60, 3);
    app = d.app;
    const out = await app.ok('report.export', { name: 'composition', orgId: d.countyId, asOf: TODAY });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('秦都区社区工作者队伍结构统计表');
    const info = (ws.getRow(2).values as unknown[]).join(' ');
    expect(info).toContain('填报单位：秦都区');
    expect(info).toContain(`统计日期：${TODAY}`);
    expect(info).toContain('制表日期：2026-11-30');
    let totalRow = 0;
    ws.eachRow((row, n) => { if (row.getCell(1).value === '合计') totalRow = n; });
    expect(totalRow).toBeGreaterThan(4);
    expect(ws.getRow(totalRow).getCell(2).value).toBe(60);
    expect(typeof ws.getRow(totalRow).getCell(2).value).toBe('number');
  });
});
