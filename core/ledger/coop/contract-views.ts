import { z } from 'zod';
import { query } from '../../contract/op.ts';
import { isoDate } from '../../contract/fields.ts';
import { ref } from '../../guard/refs.ts';

export const COOP_TABLES = ['units', 'agreements', 'meetings', 'activities', 'teams', 'grids', 'registrations'] as const;

export const overviewRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  level: z.string(),
  figures: z.record(z.string(), z.number()),
});

export const coopViewsContract = {
  'ledger.coopOverview': query(
    '共建与网格汇总：按组织（本级及各下级）统计协议、联席会议、活动、服务队、网格、双报到',
    z.object({ orgId: ref('org_units', '组织').nullish(), from: isoDate('起始日期'), to: isoDate('截止日期') }),
    z.object({ labels: z.record(z.string(), z.string()), keys: z.array(z.string()), rows: z.array(overviewRow) }),
  ),
  'ledger.coop.export': query(
    '导出共建与网格台账为 .xlsx（当前页签）',
    z.object({ table: z.enum(COOP_TABLES, { error: '「台账」无效' }), orgId: ref('org_units', '组织').nullish() }),
    z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }),
  ),
};
