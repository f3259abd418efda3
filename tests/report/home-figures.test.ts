import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../core/context.ts';
import { systemActor } from '../../core/installation.ts';
import { headlineFigures } from '../../core/report/home-figures.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { demoApp, NOW, TODAY } from './fixture.ts';

// The home page counts its headline figures in SQL (issue 19); the 队伍结构 report counts the
// same columns over people loaded into JS. Both must agree on every row, edge cases included.

let app: TestApp;
let countyId: string;
let ctx: Ctx;

beforeAll(async () => {
  ({ app, countyId } = await demoApp());
  const db = app.opened.sqlite;
  const ids = (db.prepare(`SELECT id FROM people WHERE deleted_at IS NULL ORDER BY id LIMIT 12`).all() as { id: string }[]).map((r) => r.id);
  const set = (i: number, sql: string, ...args: unknown[]) => db.prepare(`UPDATE people SET ${sql} WHERE id = ?`).run(...args, ids[i]);
  // 最高学历 from the part-time education only, or higher than the full-time one.
  set(0, `ft_education = '大学专科', pt_education = '研究生'`);
  set(1, `ft_education = NULL, pt_education = '大学本科'`);
  // A certificate obtained after the reference date is not held on it.
  set(2, `sw_qualification = '社工师', sw_qualification_date = '2027-01-01'`);
  set(3, `sw_qualification = '助理社工师', sw_qualification_date = NULL`);
  // 一肩挑 by posts without the flag, and by the flag without the posts.
  set(4, `posts = '["书记","居委会主任"]', one_shoulder = 0`);
  set(5, `posts = '["网格员"]', one_shoulder = 1`);
  // 交叉任职 by posts; the flag alone without a 两委 post does not count.
  set(6, `posts = '["副书记","居委会委员"]', cross_posting = 0`);
  set(7, `posts = '["网格员"]', cross_posting = 1`);
  // Left before the date (out), left after it (in), started after it (out).
  set(8, `status = '离岗', status_date = '2026-06-01'`);
  set(9, `status = '离岗', status_date = '2026-12-31'`);
  set(10, `community_work_start_date = '2026-12-15'`);
  // Posted to a street office itself: the street's 本级 row.
  const street = (db.prepare(`SELECT id FROM org_units WHERE level = 'street' ORDER BY code LIMIT 1`).get() as { id: string }).id;
  set(11, `org_id = ?`, street);
  ctx = { db: app.opened.db, sqlite: db, actor: systemActor(app.opened.db), now: NOW, security: null };
}, 60_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const KEYS = ['total', 'hiBachelor', 'hiBachelorRate', 'secretary', 'oneShoulder', 'oneShoulderRate', 'committee', 'cross', 'crossRate', 'swHeld', 'swRate'] as const;

describe('home page headline figures', () => {
  for (const asOf of [TODAY, '2025-11-30', '2026-06-15'])
    it(`equal the 队伍结构 report on every row, as of ${asOf}`, async () => {
      const report = await app.ok('report.run', { name: 'composition', orgId: countyId, asOf });
      const expected = report.rows.map((r) => ({ key: r.key, label: r.label, level: r.level, cells: Object.fromEntries(KEYS.map((k) => [k, r.cells[k]])) }));
      const got = headlineFigures(ctx, countyId, asOf).map((r) => ({ key: r.key, label: r.label, level: r.level, cells: Object.fromEntries(KEYS.map((k) => [k, r.cells[k]])) }));
      expect(got).toEqual(expected);
      // The edge cases above are in the data the figures count.
      expect(got.some((r) => r.level === 'self')).toBe(true);
    });
});
