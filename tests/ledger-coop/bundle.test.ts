import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { exportBundle, importBundle, newCommunity, newCounty, type Installation } from '../bundle/fixture.ts';
import { agreementInput, unitInput } from './fixture.ts';

// The owner-writes rule with real keys and bundle files: the community's 共建 records reach the
// county in a community bundle, where the county reads them and cannot change them.

const open: Installation[] = [];
afterEach(() => {
  for (const i of open.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

describe('co-building records in bundles', () => {
  it('travel up from the community and are read-only at the county', async () => {
    const county = await newCounty();
    const community = await newCommunity(county);
    open.push(county, community);
    const unit = await community.app.ok('ledger.coop.units.create', unitInput(community.orgId));
    const agreement = await community.app.ok('ledger.coop.agreements.create', agreementInput(community.orgId, unit.id));
    const grid = await community.app.ok('ledger.grid.areas.create', { orgId: community.orgId, name: '第一网格', households: 120 });
    const b = await exportBundle(community);
    await importBundle(county, b.file, b.signature, b.fileName);

    const received = (await county.app.ok('ledger.coop.agreements.list', {})).rows;
    expect(received.map((a) => [a.id, a.unitName, a.orgName])).toEqual([[agreement.id, '县人民医院', '新城社区']]);
    const figures = await county.app.ok('ledger.coopOverview', { orgId: county.orgId, from: '2026-01-01', to: '2026-06-30' });
    expect(figures.rows[0]!.figures).toMatchObject({ residentUnits: 1, agreementsInForce: 1, grids: 1 });

    const edit = await county.app.dispatcher.call('ledger.coop.agreements.update', { ...agreementInput(community.orgId, unit.id, { title: '县里改的' }), id: agreement.id });
    expect(!edit.ok && edit.error).toMatchObject({ code: 'forbidden' });
    expect(!edit.ok && edit.error.message).toContain('在本机只读');
    const report = await county.app.dispatcher.call('ledger.coop.reports.create', { agreementId: agreement.id, quarter: '2026-Q1', submittedDate: '2026-04-05', content: '代报' });
    expect(!report.ok && report.error.code).toBe('forbidden');
    const gridEdit = await county.app.dispatcher.call('ledger.grid.areas.remove', { id: grid.id, reason: '县里删' });
    expect(!gridEdit.ok && gridEdit.error.code).toBe('forbidden');
    const newAtCommunity = await county.app.dispatcher.call('ledger.coop.units.create', unitInput(community.orgId, { name: '县里加的单位' }));
    expect(newAtCommunity.ok).toBe(false);
    expect((await county.app.ok('ledger.coop.agreements.list', {})).rows[0]!.title).toBe('2026年度党建共驻共建协议书');
  }, 60_000);
});
