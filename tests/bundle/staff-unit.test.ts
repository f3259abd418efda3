import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { checkRecord, sharedTables } from '../../core/bundle/tables.ts';
import { newCommunity, newCounty, type Installation } from './fixture.ts';

// 本级工作人员单位 travels with the org tree: the county's profile carries the street's mark to
// the community, and a received unit row is checked by the same rule as org.create/update.

const opened: Installation[] = [];
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

describe("a street's staff mark in profiles and bundles", () => {
  it('the county profile carries the mark, and the community stores it', async () => {
    const county = await newCounty();
    opened.push(county);
    const street = (await county.app.ok('org.tree', {})).find((u) => u.id === county.streetId)!;
    await county.app.ok('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: true });
    const community = await newCommunity(county);
    opened.push(community);
    const received = (await community.app.ok('org.tree', {})).find((u) => u.id === county.streetId);
    expect(received?.staffUnit).toBe(true);
  });

  it('a received unit row must carry the mark, and only a street may be marked', () => {
    const t = sharedTables().find((x) => x.name === 'org_units')!;
    const row = {
      id: 'u1', orgId: 'u1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', changeSeq: 1, deletedAt: null,
      deleteReason: null, parentId: 'p', level: 'community', name: '新城社区', code: '610402001001', codeEdition: null, staffUnit: false,
    };
    expect(checkRecord(t, row)).toEqual([]);
    expect(checkRecord(t, { ...row, staffUnit: true })).toEqual(['「org_units」「本级工作人员单位」只有街道（乡镇）可以标记，社区不能标记']);
    const { staffUnit: _gone, ...older } = row;
    expect(checkRecord(t, older)).toEqual(['「org_units.staffUnit」缺失']);
  });
});
