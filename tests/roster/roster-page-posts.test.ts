import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';

// A filter on 职务 reads the posts joined with 、; the stored JSON text is searched first to
// drop rows that cannot match (core/roster/list-page.ts postsPrefilter). Whatever the value,
// the rows must be those whose joined posts match, as the grid shows them.

let app: TestApp;
type Row = { id: string; posts: string[] };
let all: Row[];

beforeAll(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  app.dispatcher.transact('test.demo', (tx) => seedDemo(tx, generateDemo({ communities: 4, people: 600, today: '2026-11-27', seed: 11 })));
  const ids = (app.opened.sqlite.prepare('SELECT id FROM people WHERE deleted_at IS NULL ORDER BY id LIMIT 6').all() as { id: string }[]).map((r) => r.id);
  const set = app.opened.sqlite.prepare('UPDATE people SET posts = ? WHERE id = ?');
  // Posts the demo never writes: a quote, a backslash, a 、 inside one post, percent and
  // underscore, and a row whose JSON text escapes its Chinese (\u4e3b\u4efb = 主任).
  set.run(JSON.stringify(['网格员"一"']), ids[0]);
  set.run(JSON.stringify(['a\\b', '主任']), ids[1]);
  set.run(JSON.stringify(['宣传、统战委员']), ids[2]);
  set.run(JSON.stringify(['100%_负责']), ids[3]);
  set.run('["\\u4e3b\\u4efb"]', ids[4]);
  set.run(JSON.stringify([]), ids[5]);
  all = (await app.ok('roster.list', { status: 'all' })).rows as Row[];
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const joined = (r: Row) => (r.posts ?? []).join('、').toLowerCase();
const expected: Record<string, (j: string, v: string) => boolean> = {
  contains: (j, v) => j.includes(v), startsWith: (j, v) => j.startsWith(v), endsWith: (j, v) => j.endsWith(v), equals: (j, v) => j === v,
  notContains: (j, v) => !j.includes(v), notEqual: (j, v) => j !== v,
};

async function filtered(type: string, value: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await app.ok('roster.page', { status: 'all', columns: ['name', 'posts'], offset, limit: 1000, filters: [{ column: 'posts', join: 'AND', conditions: [{ type, value }] }] } as never);
    ids.push(...page.rows.map((r: { id: string }) => r.id));
    if (page.rows.length < 1000) return ids.sort();
  }
}

describe('a filter on 职务', () => {
  const values = ['主任', '书记', '网格员', '员', '主任、', '、', '宣传、统战', '"一"', '网格员"', 'a\\b', '%', '100%_', '_', 'A\\B', '社区'];
  for (const type of Object.keys(expected))
    it(`${type}: the rows whose posts joined with 、 match, for every kind of value`, async () => {
      let matched = 0;
      for (const value of values) {
        const want = all.filter((r) => expected[type]!(joined(r), value.toLowerCase())).map((r) => r.id).sort();
        expect(await filtered(type, value), `${type} ${value}`).toEqual(want);
        matched += want.length;
      }
      expect(matched).toBeGreaterThan(0);
    });
});
