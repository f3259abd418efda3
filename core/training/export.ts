import { safeRow } from '../xlsx/safe.ts';
import { loadExcel } from '../excel.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import { belowRequirement } from './hours.ts';

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '所属组织', key: 'orgName', width: 18 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '职务', key: 'posts', width: 20 },
  { header: '岗位类别', key: 'postCategory', width: 10 },
  { header: '全年学时', key: 'hours', width: 10 },
  { header: '全年天数', key: 'days', width: 10 },
  { header: '年度要求', key: 'requirement', width: 34 },
  { header: '差额', key: 'shortfall', width: 30 },
];

/** The below-requirement list as an .xlsx workbook, base64 so it travels in JSON. */
export async function exportBelowRequirement(ctx: Ctx, input: { year: number; orgId: string }) {
  const org = getOrgUnit(ctx, input.orgId);
  const { rows } = belowRequirement(ctx, input);
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(`${input.year}年未达标`);
  const title = `${org.name} ${input.year} 年度培训未达标人员名单`;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  rows.forEach((r, i) =>
    ws.addRow(safeRow([i + 1, r.orgName, r.name, r.posts.join('、'), r.postCategory, r.hours, r.days, r.requirement ?? '', r.shortfall])),
  );
  if (rows.some((r) => r.sampleRule)) ws.addRow([`注：标“（示例）”的要求为系统自带示例规则，未经本地文件确认，请在“年度要求”中按本地规定修改。`]);
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: `${title}.xlsx`, base64: Buffer.from(buf as ArrayBuffer).toString('base64'), count: rows.length };
}
