import type ExcelJS from 'exceljs';
import { loadExcel } from '../../excel.ts';
import { asc, isNull } from 'drizzle-orm';
import { orgUnits } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import type { Ctx } from '../../context.ts';
import { getOrgUnit } from '../../org/handlers.ts';
import { assertInScope, scopeRootId } from '../../security/scope.ts';
import { safeRow } from '../../xlsx/safe.ts';
import { areaHandlers } from '../grid/areas.ts';
import { registrationHandlers } from '../grid/registrations.ts';
import { activityHandlers } from './activities.ts';
import { agreementHandlers } from './agreements.ts';
import type { coopViewsContract } from './contract-views.ts';
import { COOP_FIGURE_KEYS, COOP_FIGURE_LABELS, coopFigures } from './figures.ts';
import { meetingHandlers } from './meetings.ts';
import { teamHandlers } from './teams.ts';
import { unitHandlers } from './units.ts';

/** The org the caller looks from: the one asked for, else the account's scope root, else the top of the tree. */
function viewRoot(ctx: Ctx, orgId: string | null | undefined): string {
  if (orgId) {
    assertInScope(ctx, orgId);
    return orgId;
  }
  const scoped = scopeRootId(ctx);
  if (scoped) return scoped;
  const top = ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.code)).get();
  return top?.id ?? '';
}

type Col = [header: string, width: number, value: (r: never) => unknown];
const j = (xs: readonly string[]) => xs.join('、');
const TABLES: Record<string, { title: string; cols: Col[]; rows: (ctx: Ctx, orgId: string) => unknown[] }> = {
  units: {
    title: '共建单位台账',
    rows: (ctx, orgId) => (unitHandlers['ledger.coop.units.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属组织', 16, (r: { orgName: string }) => r.orgName], ['单位名称', 24, (r: { name: string }) => r.name], ['类别', 10, (r: { kind: string }) => r.kind],
      ['单位党组织', 20, (r: { partyOrg: string | null }) => r.partyOrg], ['联络员', 10, (r: { contactName: string | null }) => r.contactName], ['联系电话', 14, (r: { contactPhone: string | null }) => r.contactPhone],
      ['共享阵地（㎡）', 12, (r: { spaceM2: number }) => r.spaceM2], ['广场', 8, (r: { squares: number }) => r.squares], ['设施', 8, (r: { facilities: number }) => r.facilities], ['有效协议', 8, (r: { agreementsInForce: number }) => r.agreementsInForce]] as Col[],
  },
  agreements: {
    title: '共建协议台账',
    rows: (ctx, orgId) => (agreementHandlers['ledger.coop.agreements.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属组织', 16, (r: { orgName: string }) => r.orgName], ['共建单位', 24, (r: { unitName: string }) => r.unitName], ['协议名称', 24, (r: { title: string }) => r.title],
      ['签订日期', 12, (r: { signedDate: string }) => r.signedDate], ['开始日期', 12, (r: { startDate: string }) => r.startDate], ['终止日期', 12, (r: { endDate: string }) => r.endDate],
      ['联络员', 10, (r: { contactName: string | null }) => r.contactName], ['状态', 8, (r: { inForce: boolean }) => (r.inForce ? '有效' : '不在期内')],
      ['逾期未报季度', 20, (r: { overdueQuarters: string[] }) => j(r.overdueQuarters)]] as Col[],
  },
  meetings: {
    title: '联席会议台账',
    rows: (ctx, orgId) => (meetingHandlers['ledger.coop.meetings.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属组织', 16, (r: { orgName: string }) => r.orgName], ['会议日期', 12, (r: { date: string }) => r.date], ['轮值主席单位', 24, (r: { hostUnitName: string | null }) => r.hostUnitName],
      ['轮值主席', 10, (r: { chairName: string | null }) => r.chairName], ['议题', 40, (r: { topics: { title: string }[] }) => j(r.topics.map((t) => t.title))],
      ['参会人数', 8, (r: { attendees: string[] }) => r.attendees.length], ['提示', 40, (r: { warnings: string[] }) => r.warnings.join('；')]] as Col[],
  },
  activities: {
    title: '共建活动台账',
    rows: (ctx, orgId) => (activityHandlers['ledger.coop.activities.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属组织', 16, (r: { orgName: string }) => r.orgName], ['活动日期', 12, (r: { date: string }) => r.date], ['活动名称', 24, (r: { title: string }) => r.title],
      ['参与单位', 30, (r: { unitNames: string[] }) => j(r.unitNames)], ['参与服务队', 24, (r: { teamNames: string[] }) => j(r.teamNames)],
      ['参与人数', 8, (r: { participants: number }) => r.participants], ['解决问题', 8, (r: { problemsSolved: number }) => r.problemsSolved], ['关联工单', 20, (r: { orderRefs: string[] }) => j(r.orderRefs)]] as Col[],
  },
  teams: {
    title: '党员志愿服务队台账',
    rows: (ctx, orgId) => (teamHandlers['ledger.coop.teams.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属组织', 16, (r: { orgName: string }) => r.orgName], ['服务队名称', 24, (r: { name: string }) => r.name], ['服务类别', 30, (r: { categories: string[] }) => j(r.categories)],
      ['队员人数', 8, (r: { members: unknown[] }) => r.members.length], ['队员', 40, (r: { members: { name: string }[] }) => j(r.members.map((m) => m.name))]] as Col[],
  },
  grids: {
    title: '网格台账',
    rows: (ctx, orgId) => (areaHandlers['ledger.grid.areas.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['所属社区', 16, (r: { orgName: string }) => r.orgName], ['网格名称', 16, (r: { name: string }) => r.name], ['户数', 8, (r: { households: number }) => r.households],
      ['网格长', 10, (r: { leaderName: string | null }) => r.leaderName], ['网格员', 30, (r: { workerNames: string[] }) => j(r.workerNames)], ['报到党员', 8, (r: { registered: number }) => r.registered]] as Col[],
  },
  registrations: {
    title: '双报到台账',
    rows: (ctx, orgId) => (registrationHandlers['ledger.grid.registrations.list'](ctx, { orgId }) as { rows: unknown[] }).rows,
    cols: [['报到社区', 16, (r: { orgName: string }) => r.orgName], ['类型', 10, (r: { kind: string }) => r.kind], ['姓名/单位', 16, (r: { name: string }) => r.name],
      ['工作单位', 24, (r: { workUnit: string }) => r.workUnit], ['服务类别', 24, (r: { categories: string[] }) => j(r.categories)], ['所在网格', 12, (r: { gridName: string | null }) => r.gridName],
      ['报到日期', 12, (r: { registeredDate: string }) => r.registeredDate], ['回执日期', 12, (r: { receiptDate: string | null }) => r.receiptDate],
      ['服务次数', 8, (r: { services: number }) => r.services], ['未反馈季度', 20, (r: { feedbackMissing: string[] }) => j(r.feedbackMissing)]] as Col[],
  },
};

export const coopViewHandlers: HandlersFor<typeof coopViewsContract> = {
  'ledger.coopOverview': (ctx, input) => {
    const root = getOrgUnit(ctx, viewRoot(ctx, input.orgId));
    const children = ctx.db.select().from(orgUnits).where(isNull(orgUnits.deletedAt)).orderBy(asc(orgUnits.code)).all().filter((o) => o.parentId === root.id);
    const orgs = [root, ...children];
    const figures = coopFigures(ctx, orgs.map((o) => o.id), { from: input.from, to: input.to });
    return {
      labels: { ...COOP_FIGURE_LABELS }, keys: [...COOP_FIGURE_KEYS],
      rows: orgs.map((o) => ({ orgId: o.id, orgName: o.name, level: o.level, figures: figures[o.id]! })),
    };
  },
  'ledger.coop.export': async (ctx, input) => {
    const root = getOrgUnit(ctx, viewRoot(ctx, input.orgId));
    const t = TABLES[input.table]!;
    const rows = t.rows(ctx, root.id);
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet(t.title);
    const title = `${root.name}${t.title}`;
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, t.cols.length + 1);
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.addRow(['序号', ...t.cols.map((c) => c[0])]).font = { bold: true };
    ws.getColumn(1).width = 6;
    t.cols.forEach((c, i) => (ws.getColumn(i + 2).width = c[1]));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    rows.forEach((r, i) => ws.addRow(safeRow([i + 1, ...t.cols.map((c) => (c[2] as (r: unknown) => unknown)(r) ?? '')])));
    const buf = await wb.xlsx.writeBuffer();
    return { fileName: `${title}.xlsx`, base64: Buffer.from(buf as ArrayBuffer).toString('base64'), count: rows.length };
  },
};
