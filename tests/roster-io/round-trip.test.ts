import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { csvLine, person } from '../fixtures/roster-io/people.ts';
import { countyTree } from './helpers.ts';
import { sharedStringsXlsx } from '../fixtures/roster-io/raw-xlsx.ts';

// Issue 14 §9: the app's own 20,000-row export came back with U+FFFD in 34 cells (exceljs's
// streaming reader split multi-byte characters at chunk boundaries; our export writes inline
// strings). Every text field must now survive export → import byte for byte, with inline
// strings (our export) and with shared strings (Excel, WPS, exceljs's default writer).

const N = 20_000;
const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
});

// Deterministic, varied text: common and rare ideographs (Ext A, Ext B as surrogate pairs),
// Chinese punctuation, digits and Latin; nothing the importer legitimately reshapes (no
// full-width letters or digits, no padding spaces, no leading = + - @).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const POOLS = [
  [0x4e00, 0x9fa5], [0x4e00, 0x9fa5], [0x4e00, 0x9fa5], [0x3400, 0x4db5], [0x20000, 0x2a6d6],
] as const;
function cjk(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const [a, b] = POOLS[Math.floor(r() * POOLS.length)]!;
    s += String.fromCodePoint(a + Math.floor(r() * (b - a)));
  }
  return s;
}
const PUNCT = ['，', '。', '（', '）', '、', '《', '》', '“', '”', '——', '·', ' ', 'A', '3', '-'];
function mixed(r: () => number, n: number): string {
  let s = cjk(r, 1);
  while ([...s].length < n) s += r() < 0.25 ? PUNCT[Math.floor(r() * PUNCT.length)] : cjk(r, 1);
  return s + cjk(r, 1);
}

const HEAD = ['所属组织', '姓名', '性别', '民族', '出生年月', '身份证号', '政治面貌', '籍贯', '全日制院校专业', '在职院校专业', '职务', '所在网格', '备注'];
const UNITS = ['新城社区', '河堤社区'];
function seedCsv(): string {
  const r = rng(14);
  const lines = [csvLine(HEAD)];
  for (let i = 0; i < N; i++) {
    const p = person(i);
    lines.push(csvLine([
      UNITS[i % 2]!, cjk(r, 2 + Math.floor(r() * 3)), p.gender, '汉族', p.birth.slice(0, 7).replace('-', '.'), p.id, '群众',
      mixed(r, 6), mixed(r, 20), mixed(r, 12), '网格员', `第${i % 50}${cjk(r, 1)}格`, mixed(r, 40),
    ]));
  }
  return lines.join('\n');
}

const TEXT = ['name', 'native_place', 'ft_school_major', 'pt_school_major', 'grid', 'remarks'];
function texts(a: TestApp): Map<string, string[]> {
  const rows = a.opened.sqlite.prepare(`SELECT id_number AS id, o.name AS unit, ${TEXT.map((t) => `p.${t}`).join(', ')} FROM people p JOIN org_units o ON o.id = p.org_id`).all() as Record<string, string>[];
  return new Map(rows.map((r) => [r.id!, [r.unit!, ...TEXT.map((t) => r[t]!)]]));
}

async function county(): Promise<{ app: TestApp; countyId: string }> {
  const app = openTestApp();
  apps.push(app);
  const ids = await countyTree(app);
  return { app, countyId: ids.get('秦都区')! };
}

async function importAll(app: TestApp, orgId: string, fileName: string, bytes: Uint8Array | string) {
  const p = await app.ok('roster.importPreview', { fileName, contentBase64: Buffer.from(bytes).toString('base64'), orgId });
  expect(p.issues.filter((i) => i.severity === 'error').slice(0, 2), fileName).toEqual([]);
  const done = await app.ok('roster.importCommit', { fileName, contentBase64: Buffer.from(bytes).toString('base64'), orgId });
  expect(done.created).toBe(N);
}

describe('20,000 rows of varied CJK text, export → import', () => {
  it('is byte-identical in every text field, with inline strings and with shared strings', async () => {
    const a = await county();
    await importAll(a.app, a.countyId, 'seed.csv', seedCsv());
    const original = texts(a.app);
    expect(original.size).toBe(N);
    for (const v of original.values()) for (const t of v) expect(t?.includes('\uFFFD') ?? false).toBe(false);

    // The app's own 全部 export (inline strings), into another installation's county in one go.
    const out = await a.app.ok('roster.export', { status: '在岗' });
    expect(out.count).toBe(N);
    const b = await county();
    await importAll(b.app, b.countyId, out.fileName, Buffer.from(out.contentBase64, 'base64'));
    const viaInline = texts(b.app);
    let diffs = 0;
    for (const [id, v] of original) if (JSON.stringify(viaInline.get(id)) !== JSON.stringify(v)) diffs++;
    expect(diffs).toBe(0);

    // The same people with every string in sharedStrings.xml, as Excel and WPS write. (Not via
    // exceljs: its in-memory writer corrupts characters outside the BMP in shared strings.)
    const full = a.app.opened.sqlite.prepare('SELECT o.name AS unit, p.* FROM people p JOIN org_units o ON o.id = p.org_id').all() as Record<string, string>[];
    const shared = sharedStringsXlsx([
      ['所属组织', '姓名', '性别', '民族', '出生年月', '身份证号', '政治面貌', '籍贯', '全日制院校专业', '在职院校专业', '所在网格', '备注'],
      ...full.map((r) => [r.unit!, r.name!, r.gender!, r.ethnicity!, r.birth_date!, r.id_number!, r.political_status!, r.native_place!, r.ft_school_major!, r.pt_school_major!, r.grid!, r.remarks!]),
    ]);
    const c = await county();
    await importAll(c.app, c.countyId, 'shared.xlsx', shared);
    const viaShared = texts(c.app);
    diffs = 0;
    for (const [id, v] of original) if (JSON.stringify(viaShared.get(id)) !== JSON.stringify(v)) diffs++;
    expect(diffs).toBe(0);
  }, 600_000);
});
