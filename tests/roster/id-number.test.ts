import { describe, expect, it } from 'vitest';
import { checkChar, maskIdNumber, parseIdNumber } from '../../core/roster/id-number.ts';

describe('GB 11643 ID numbers', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', '女'],
    ['440524188001010014', '1880-01-01', '男'],
    ['610402198503010011', '1985-03-01', '男'],
  ])('accepts the valid number %s', (raw, birth, gender) => {
    const r = parseIdNumber(raw);
    expect(r).toEqual({ ok: true, id: { value: raw, birthDate: birth, gender, upgraded: false } });
  });

  it('normalises a lower-case x, spaces and full-width digits', () => {
    const r = parseIdNumber(' １１０１０５１９４９１２３１００２x ');
    expect(r.ok && r.id.value).toBe('11010519491231002X');
  });

  it.each(['110105194912310021', '610402198503010012', '44052418800101001X'])('rejects the wrong check digit in %s', (raw) => {
    const r = parseIdNumber(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('校验位不符');
    // The message must not offer the digit that would make the check pass.
    expect(!r.ok && r.reason).not.toMatch(/应为|[0-9X]）/);
  });

  it.each([
    ['610402198502300016', '19850230'],
    ['610402198513010019', '19851301'],
    ['610402198500010012', '19850001'],
  ])('rejects the impossible birth date in %s', (raw, date) => {
    const first17 = raw.slice(0, 17);
    const r = parseIdNumber(first17 + checkChar(first17));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(date);
  });

  it('upgrades a 15-digit legacy number to 18 digits', () => {
    const r = parseIdNumber('610402850301001');
    expect(r).toEqual({ ok: true, id: { value: '610402198503010011', birthDate: '1985-03-01', gender: '男', upgraded: true } });
  });

  it('rejects a 15-digit number with an impossible date', () => {
    expect(parseIdNumber('610402850231001').ok).toBe(false);
  });

  it('reports a number that a spreadsheet turned into scientific notation', () => {
    const r = parseIdNumber('6.10402E+17');
    expect(!r.ok && r.reason).toContain('文本格式');
  });

  it('rejects wrong lengths and letters in the middle', () => {
    expect(parseIdNumber('61040219850301001').ok).toBe(false);
    expect(parseIdNumber('6104021985030A0011').ok).toBe(false);
  });

  it('masks all but the province, so that with the birth date shown 7 digits stay unknown', () => {
    expect(maskIdNumber('61102119850301123X')).toBe('61****************');
    expect(maskIdNumber(null)).toBeNull();
  });
});
