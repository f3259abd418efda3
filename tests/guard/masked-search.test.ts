import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { maskIdNumber } from '../../core/roster/id-number.ts';
import { scopedActor } from './world.ts';

// A 审核员 sees ID numbers masked. The landed search matched any part of an ID number, so 58
// unaudited searches rebuilt a full number from its mask and the birth date shown beside it.

const ID = '610402199005170025';
let app: TestApp;
let orgId: string;

beforeAll(async () => {
  app = openTestApp();
  orgId = (await seedOrgTree(app)).community.id;
  await app.ok('roster.create', {
    orgId, name: '李娜', gender: '女', ethnicity: '汉族', birthDate: '1990-05-17', idNumber: ID, phone: '13800001234',
    politicalStatus: '群众', postCategory: '其他',
  });
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const reviewer = () => scopedActor('reviewer', orgId);
const search = async (query: string) => {
  const env = await app.dispatcher.call('roster.list', { query }, reviewer());
  if (!env.ok) throw new Error(env.error.message);
  return env.data.rows.length;
};
const auditRows = () => app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'roster.list'").all() as { after: string }[];

describe('search for a role that sees masked ID numbers', () => {
  it('cannot rebuild an ID number from partial matches', async () => {
    const shown = maskIdNumber(ID)!;
    // The attack: fix the known digits (mask + birth date) and probe the unknown ones.
    const known = `${shown.slice(0, 2)}0402`;
    expect(await search(known)).toBe(0);
    expect(await search('19900517')).toBe(0);
    expect(await search(ID.slice(0, 17))).toBe(0);
    expect(await search('1380000')).toBe(0);
    expect(auditRows()).toHaveLength(0);
  });

  it('finds a person by the complete number, and audits whose record it found without the number', async () => {
    expect(await search(ID)).toBe(1);
    expect(await search('138 0000 1234')).toBe(1);
    const rows = auditRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.after).toContain('李娜');
    expect(rows.map((r) => r.after).join('')).not.toContain(ID);
    expect(rows.map((r) => r.after).join('')).not.toContain('13800001234');
  });

  it('leaves at least 6 digits unknowable given the mask and the birth date shown with it', () => {
    const shown = maskIdNumber(ID)!;
    const known = new Set<number>();
    [...shown].forEach((c, i) => c !== '*' && known.add(i));
    for (let i = 6; i < 14; i++) known.add(i); // birth date
    known.add(17); // the check digit follows from the other 17
    const unknown = [...Array(18).keys()].filter((i) => !known.has(i) && i !== 16); // sex parity leaves digit 17 half-known
    expect(unknown.length).toBeGreaterThanOrEqual(6);
  });
});
