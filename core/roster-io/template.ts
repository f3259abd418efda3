import type ExcelJS from 'exceljs';
import { codeTable } from '../codes/tables.ts';
import type { ColumnDef } from './columns.ts';
import { FIELD_TABLE } from './value-map.ts';
import { CLEAR_MARKER } from './values.ts';
import { columnLetter } from '../xlsx/columns.ts';

// The blank template guides whoever fills it in: every code column has a drop-down (data
// validation) fed from a 代码表 sheet, and a 填写说明 sheet lists the allowed values, the date
// styles, the clear marker and how posts are written.

/** Template rows that carry the drop-downs. */
const ROWS = 2000;
const FIRST = 3;

export function addTemplateGuides(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, cols: ColumnDef[]): () => void {
  const lists: { header: string; values: string[] }[] = [];
  // The stream writer has the same data validations as the in-memory sheet; its typings omit them.
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  cols.forEach((c, i) => {
    const letter = columnLetter(i);
    const range = `${letter}${FIRST}:${letter}${FIRST + ROWS - 1}`;
    if (c.kind === 'bool') {
      dv.add(range, { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: c.header, error: '请填写“是”或“否”' });
      return;
    }
    const table = FIELD_TABLE[c.key];
    if (!table || (c.kind !== 'code' && c.kind !== 'posts')) return;
    const values = codeTable(table).entries.map((e) => e.name);
    const n = lists.push({ header: c.header, values });
    const listCol = columnLetter(n - 1);
    dv.add(range, {
      type: 'list',
      allowBlank: true,
      formulae: [`代码表!$${listCol}$2:$${listCol}$${values.length + 1}`],
      // 职务 may hold several posts (书记、居委会主任): the list suggests, it does not refuse.
      showErrorMessage: c.kind !== 'posts',
      errorStyle: c.kind === 'posts' ? 'information' : 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择「${c.header}」`,
    });
  });
  // The extra sheets are written after the roster sheet is committed.
  return () => {
    const codes = wb.addWorksheet('代码表');
    codes.columns = lists.map(() => ({ width: 16 }));
    const longest = Math.max(...lists.map((l) => l.values.length));
    for (let r = 0; r <= longest; r++) {
      const row = codes.getRow(r + 1);
      lists.forEach((l, i) => {
        const v = r === 0 ? l.header : l.values[r - 1];
        if (v) row.getCell(i + 1).value = v;
      });
      row.commit();
    }
    codes.commit();
    const notes = wb.addWorksheet('填写说明');
    notes.columns = [{ width: 110 }];
    NOTES.forEach((text, i) => {
      const row = notes.getRow(i + 1);
      row.getCell(1).value = text;
      if (i === 0) row.getCell(1).font = { bold: true, size: 14 };
      row.commit();
    });
    notes.commit();
  };
}

const NOTES = [
  '花名册导入模板 填写说明',
  '1. 表头在第 2 行，请勿修改列名；第 3 行起每行一人。不需要的列可以留空，也可以删除。',
  '2. 带下拉箭头的列请从列表中选择（完整的可选值见“代码表”工作表）；常见写法（如“本科”“大专”“党员”）也能识别。',
  '3. 日期可写作 1985.03、1985-03、1985/03、1985年3月、19850301 或 198503；只写到月时按该月 1 日登记。不要填 1900 年（Excel 的空日期）。',
  '4. 职务可以填多个，用顿号、逗号或“兼”隔开，例如：社区党委书记、居委会主任；党支部书记兼居委会主任。也可以分成“党内职务”“行政职务”“兼任职务”几列。',
  '   书记与居委会主任由同一人担任时自动视为“一肩挑”；岗位类别不填时按职务推定（书记、居委会主任为正职，副书记、副主任为副职，其他为其他）。',
  '5. “所属组织”可填社区名称或 12 位区划代码；社区重名时请同时填写“所属街道”。导入到街道或区县时，各行进入所填的社区。',
  `6. 更新已有人员时，空白单元格保留原有内容，不会被清除；要清除某项，请在该单元格填写 ${CLEAR_MARKER}。`,
  '7. “无”“—”“/”“(无)”都按未填写处理。',
  '8. 身份证号请设为文本格式（本模板已设置），以免 Excel 把后几位变成 0。性别和出生年月与身份证号不一致时以身份证号为准，并给出提示。',
];

