import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';

// Migrations 0017_people_list_idx and 0018_org_units_code_idx (issue 19): the roster grid's
// blocks walk the units in code order and each unit's live people by index, and a block's count
// reads the list index, not the table. Asserted on the plans SQLite makes for those shapes, so a
// dropped or reshaped index fails here rather than only in the bench.

let app: TestApp;
beforeAll(() => {
  app = openTestApp();
});
afterAll(() => removeDir(app.dir));

const plan = (sql: string, ...params: unknown[]) =>
  (app.opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('roster list indexes', () => {
  it('exist after migrating a new database', () => {
    const names = (app.opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['people_list_idx', 'org_units_code_idx']));
  });

  it('answer a block of the default order without sorting every row, and its count by the list index', () => {
    const block = plan(
      `SELECT p.id FROM org_units o CROSS JOIN people p ON o.id = p.org_id
        WHERE p.deleted_at IS NULL AND p.status = ? ORDER BY o.code, p.name, p.id LIMIT 100`, '在岗');
    // Units in code order by the index; within a unit at most a small sort of its own people
    // ("LAST 2 TERMS"), never a sort of every matching row before the first 100 come out.
    expect(block).toMatch(/^SCAN o USING INDEX org_units_code_idx/);
    expect(block).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    const counted = plan('SELECT count(*) FROM people p JOIN org_units o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND p.status = ?', '在岗');
    expect(counted).toContain('SEARCH p USING INDEX people_list_idx');
  });
});
