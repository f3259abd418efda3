import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { importApp, type ImportApp } from './helpers.ts';
import { ZipArchive } from '../../core/roster-io/zip.ts';
import { openXlsx } from '../../core/roster-io/xlsx.ts';

// Issue 14 §10: the blank template carries a drop-down for every code field, fed from a
// 代码表 sheet, and a 填写说明 sheet (allowed values, date styles, the clear marker, posts).

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

describe('the blank template', () => {
  it('has drop-downs for every code field and the notes sheets', async () => {
    ctx = await importApp();
    const t = await ctx.app.ok('roster.exportTemplate', {});
    const bytes = Buffer.from(t.contentBase64, 'base64');
    const sheets = openXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['花名册', '代码表', '填写说明']);
    const header = [...sheets[0]!.rows()][1]!.cells.map((c) => (c.t === 'text' ? c.v : ''));
    const xml = new ZipArchive(bytes).read('xl/worksheets/sheet1.xml')!.toString('utf8');
    const validated = [...xml.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)3:[A-Z]+2002"/g)].map((m) => header[m[1]!.charCodeAt(0) - 65 + (m[1]!.length > 1 ? 26 : 0)]);
    for (const h of ['性别', '民族', '政治面貌', '全日制学历', '全日制学位', '在职学历', '在职学位', '职务', '一肩挑', '交叉任职', '后备干部', '岗位类别', '社工职业资格'])
      expect(validated, h).toContain(h);
    expect(xml).toContain('代码表!$');
    const codes = [...sheets[1]!.rows()];
    const ethnicCol = codes[0]!.cells.findIndex((c) => c.t === 'text' && c.v === '民族');
    expect(codes.filter((r) => r.cells[ethnicCol]?.t === 'text').length).toBe(1 + 58);
    const notes = [...sheets[2]!.rows()].map((r) => (r.cells[0]?.t === 'text' ? r.cells[0].v : '')).join('\n');
    for (const s of ['（清空）', '1985.03', '顿号', '下拉', '一肩挑']) expect(notes).toContain(s);
    // And it still imports as a header with no rows.
    const env = await ctx.app.dispatcher.call('roster.importPreview', { fileName: t.fileName, contentBase64: t.contentBase64, orgId: ctx.orgId });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('下面没有数据行');
  });
});
