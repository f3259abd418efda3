import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { importApp, peopleCount, type ImportApp } from './helpers.ts';
import { repeated, SHEET_HEAD, SHEET_TAIL, workbookParts, zip, type RawEntry } from '../fixtures/roster-io/raw-xlsx.ts';
import { parseInWorker } from '../../core/roster-io/worker.ts';
import { MAX_SHEET_ROWS, MAX_UNZIPPED_BYTES } from '../../core/roster-io/limits.ts';
import { standardRow, STANDARD_HEADERS, csvLine } from '../fixtures/roster-io/people.ts';

// Issue 14 §8: hostile files. Each is refused with a Chinese message naming the limit, the
// parse worker is not exhausted (the refusal comes before the expansion), nothing is written,
// and the app answers its next request. The main thread keeps turning during the parse.

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c><c r="C1" t="s"><v>0</v></c></row>';

/** Calls the preview while counting event-loop turns; then checks the app still answers. */
async function refused(bytes: Buffer, name = 'bomb.xlsx') {
  let turns = 0;
  const tick = setInterval(() => turns++, 5);
  const env = await ctx.app.dispatcher.call('roster.importPreview', { fileName: name, contentBase64: bytes.toString('base64'), orgId: ctx.orgId });
  clearInterval(tick);
  expect(env.ok).toBe(false);
  const next = await ctx.app.dispatcher.call('org.tree', {});
  expect(next.ok).toBe(true);
  expect(peopleCount(ctx.app)).toBe(0);
  return { message: env.ok ? '' : env.error.message, turns };
}

describe('bounded, whatever the file', () => {
  it('shared strings that expand to gigabytes: refused from the zip directory, before inflating', async () => {
    ctx = await importApp();
    // About 1 GiB of shared strings, a few MB zipped.
    const shared = await repeated('xl/sharedStrings.xml', '<sst>', '<si><t>炸弹炸弹炸弹炸弹炸弹炸弹炸弹炸弹</t></si>', 24_000_000, '</sst>');
    expect(shared.deflated!.size).toBeGreaterThan(MAX_UNZIPPED_BYTES);
    const parts = workbookParts(SHEET_HEAD + HEADER_ROW + SHEET_TAIL);
    const { message } = await refused(zip([...parts, shared]));
    expect(message).toContain(`${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
    expect(message).toContain('解压后');
  }, 120_000);

  it('a zip that lies about a size is stopped at the lie', async () => {
    ctx = await importApp();
    const shared = await repeated('xl/sharedStrings.xml', '<sst>', '<si><t>炸弹</t></si>', 5_000_000, '</sst>');
    const lying: RawEntry = { ...shared, declaredSize: 1000 };
    const { message } = await refused(zip([...workbookParts(SHEET_HEAD + HEADER_ROW + SHEET_TAIL), lying]));
    expect(message).toContain('实际大小与记录的大小不符');
  }, 120_000);

  it('100 million empty rows: refused by size; 0.9 MB of <row/> refused by the row cap that counts blank rows', async () => {
    ctx = await importApp();
    const huge = await repeated('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROW, '<row/>', 100_000_000, SHEET_TAIL);
    const parts = workbookParts('').filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
    expect((await refused(zip([...parts, huge]))).message).toContain('解压后');

    const small = SHEET_HEAD + HEADER_ROW + '<row/>'.repeat(150_000) + SHEET_TAIL;
    const r = await refused(zip(workbookParts(small, '<sst><si><t>民族</t></si></sst>')));
    expect(r.message).toContain(`${MAX_SHEET_ROWS.toLocaleString('en-US')} 行（空行也计算在内）`);
  }, 180_000);

  it('a huge CSV is refused by the row cap in the worker while the app keeps turning', async () => {
    ctx = await importApp();
    const line = csvLine(standardRow(1));
    const rows = Math.ceil((30 * 1024 * 1024) / (Buffer.byteLength(line) + 1));
    const csv = Buffer.from(`${csvLine(STANDARD_HEADERS)}\n${`${line}\n`.repeat(rows)}`);
    const r = await refused(csv, 'huge.csv');
    expect(r.message).toMatch(/超过 [\d,]+ 行/);
    expect(r.turns).toBeGreaterThan(0);
  }, 120_000);

  it('the worker is stopped at its heap limit and at its time limit, each named', async () => {
    const csv = Buffer.from(`${csvLine(STANDARD_HEADERS)}\n${Array.from({ length: 60_000 }, (_, i) => csvLine(standardRow(i))).join('\n')}`);
    await expect(parseInWorker(csv, { heapMb: 8 })).rejects.toThrow(/内存超过 8 MB 的上限/);
    await expect(parseInWorker(csv, { timeMs: 1 })).rejects.toThrow(/超过 0\.001 秒的时限|超过 0 秒的时限/);
    // And a normal parse still works afterwards.
    expect((await parseInWorker(csv)).rows.length).toBe(60_000);
  }, 120_000);
});
