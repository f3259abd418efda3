import { describe, expect, it } from 'vitest';
import { isClearMarker, parseBool, parseDateCell, parseDateText, parseDateTextGeneral, cleanIdNumber, cleanName, cleanText, splitPosts } from '../../core/roster-io/values.ts';
import { foldHeader, matchHeader } from '../../core/roster-io/columns.ts';
import { csvRecords, decodeCsv } from '../../core/roster-io/read.ts';
import iconv from 'iconv-lite';

const text = (v: string) => ({ t: 'text' as const, v });
const num = (v: number) => ({ t: 'number' as const, v });
const date = (iso: string) => parseDateCell(text(iso));

describe('dates as people type them', () => {
  it.each([
    ['1985.03', '1985-03-01', true],
    ['1985.3', '1985-03-01', true],
    ['1985-3-1', '1985-03-01', false],
    ['1985/03/01', '1985-03-01', false],
    ['1985年3月', '1985-03-01', true],
    ['1985年3月15日', '1985-03-15', false],
    ['198503', '1985-03-01', true],
    ['19850315', '1985-03-15', false],
    ['１９８５．０３', '1985-03-01', true],
    [' 1985-03-15 00:00:00 ', '1985-03-15', false],
  ])('%s → %s', (raw, iso, monthOnly) => {
    expect(date(raw)).toEqual({ ok: true, value: { iso, monthOnly } });
  });

  it('reads Excel serial numbers (31121 is 1985-03-15), yyyymm numbers and date cells', () => {
    expect(parseDateCell(num(31121))).toEqual({ ok: true, value: { iso: '1985-03-15', monthOnly: false } });
    expect(parseDateCell(num(198503))).toEqual({ ok: true, value: { iso: '1985-03-01', monthOnly: true } });
    expect(parseDateCell(num(1985.03))).toEqual({ ok: true, value: { iso: '1985-03-01', monthOnly: true } });
    expect(parseDateCell({ t: 'date', v: new Date(Date.UTC(1986, 3, 2)) })).toEqual({ ok: true, value: { iso: '1986-04-02', monthOnly: false } });
  });

  it('refuses what it cannot read, with a reason', () => {
    for (const bad of ['1985.13', '1985-02-30', '去年', '1985']) {
      const r = date(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toContain(`“${bad}”`);
    }
    // A number cell turns 1985.10 into 1985.1: January or October cannot be told apart.
    const r = parseDateCell(num(1985.1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('文本格式');
  });
});

describe('ID numbers stored as numbers', () => {
  const numeric = /文本/;
  it('reports a number cell, scientific notation and a damaged 000 tail', () => {
    for (const c of [num(610402198503150000), text('6.10402E+17'), text('6.10402e17'), text('610402198503150000')]) {
      const r = cleanIdNumber(c);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(numeric);
    }
  });
  it('passes text through (full-width digits included) for the schema to check', () => {
    expect(cleanIdNumber(text(' ６１０４０２１９８５０３１５００１７ '))).toEqual({ ok: true, value: '610402198503150017' });
    expect(cleanIdNumber({ t: 'empty' })).toEqual({ ok: true, value: null });
  });
});

describe('other cells', () => {
  it('是/否, names padded with spaces, 职务 lists, formula escapes', () => {
    expect(parseBool(text('是'))).toEqual({ ok: true, value: true });
    expect(parseBool(text('否'))).toEqual({ ok: true, value: false });
    expect(parseBool(text('也许')).ok).toBe(false);
    expect(cleanName(text(' 张  三 '))).toBe('张三');
    expect(cleanName(text('Anna Li'))).toBe('Anna Li');
    expect(splitPosts(text('书记、居委会主任,网格员'))).toEqual(['书记', '居委会主任', '网格员']);
    expect(cleanText(text("'=1+1"))).toBe('=1+1');
  });
});

describe('headers', () => {
  it('tolerates spaces, line breaks, full-width characters, markers and hints', () => {
    expect(matchHeader('身 份 证 号')).toBe('idNumber');
    expect(matchHeader('公民身份号码')).toBe('idNumber');
    expect(matchHeader('出生\n年月')).toBe('birthDate');
    expect(matchHeader('*姓名')).toBe('name');
    expect(matchHeader('出生日期（YYYY.MM）')).toBe('birthDate');
    expect(matchHeader('最高学历')).toBe('ftEducation');
    expect(matchHeader('是否“一肩挑”')).toBe('oneShoulder');
    expect(matchHeader('ＩＤ')).toBeNull();
    expect(foldHeader('联系电话（手机）')).toBe('联系电话');
  });
});

describe('CSV decoding', () => {
  it('UTF-8 with and without BOM, GBK, and quoted fields', () => {
    const s = '姓名,备注\r\n王芳,"说明,含逗号"\r\n';
    expect(decodeCsv(Buffer.from(s)).encoding).toBe('UTF-8');
    expect(decodeCsv(Buffer.from('\uFEFF' + s)).text).toBe(s);
    const gbk = decodeCsv(iconv.encode(s, 'gbk'));
    expect(gbk).toEqual({ text: s, encoding: 'GB18030/GBK' });
    expect([...csvRecords(s, ',')]).toEqual([['姓名', '备注'], ['王芳', '说明,含逗号']]);
  });
});

describe('the plain-date fast path (issue 19)', () => {
  it('reads every spelling exactly as the general path does', () => {
    const seps = ['.', '-', '/', '年', '月', ' ', '．', '－'];
    const parts = ['1985', '1900', '1899', '2024', '2999', '3000', '0985', '198', '19851'];
    const months = ['', '1', '01', '02', '1', '10', '12', '13', '00', '001'];
    const days = ['', '1', '01', '28', '29', '30', '31', '32', '00', '1日'];
    let n = 0;
    for (const y of parts)
      for (const a of seps)
        for (const m of months)
          for (const b of ['', ...seps])
            for (const d of days) {
              for (const t of [`${y}${a}${m}${b}${d}`, ` ${y}${a}${m}${b}${d} `, `${y}${a}${m}${b}${d}T00:00:00`]) {
                expect(parseDateText(t), JSON.stringify(t)).toEqual(parseDateTextGeneral(t));
                n++;
              }
            }
    expect(n).toBeGreaterThan(50_000);
  });
});

describe('the clear marker’s fast refusal (issue 19)', () => {
  it('no character but 清 itself normalises (NFKC) to text containing 清', () => {
    const found: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (ch !== '清' && ch.normalize('NFKC').includes('清')) found.push(cp);
    }
    expect(found).toEqual([]);
  });

  it('still knows the marker in its spellings', () => {
    for (const v of ['（清空）', '(清空)', '清空', ' （ 清空 ） ', '（清\u3000空）', '清🈳']) expect(isClearMarker(text(v)), v).toBe(true);
    for (const v of ['清', '空', '清除', '（空）', '']) expect(isClearMarker(text(v)), v).toBe(false);
  });
});
