import { isRealDate, toIsoDate } from './dates.ts';

// 公民身份号码 per GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence
// (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export interface ParsedIdNumber {
  /** The 18-character form, upper-case X. */
  value: string;
  birthDate: string;
  gender: '男' | '女';
  /** True when the input was a legacy 15-digit number and was upgraded. */
  upgraded: boolean;
}

export type IdParseResult = { ok: true; id: ParsedIdNumber } | { ok: false; reason: string };

/** Strip what people paste around a number: spaces, full-width digits, a lower-case x. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function parseIdNumber(raw: string): IdParseResult {
  const s = normalizeIdNumber(raw);
  if (/^\d{15}$/.test(s)) return fromDigits(`${s.slice(0, 6)}19${s.slice(6)}`, true);
  if (/^\d{17}[\dX]$/.test(s)) {
    const parsed = fromDigits(s.slice(0, 17), false);
    if (!parsed.ok) return parsed;
    // Never name the digit the check "expects": a typo is usually elsewhere, and offering the
    // matching last digit invites a wrong number that passes the check.
    if (parsed.id.value !== s) return { ok: false, reason: '校验位不符，号码有误，请对照证件逐位核对' };
    return parsed;
  }
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(s)) return { ok: false, reason: '被表格软件存成了科学计数法数字，请把该列设为文本格式后重新录入' };
  return { ok: false, reason: `应为 18 位（或旧版 15 位）号码，当前为 ${s.length} 位` };
}

function fromDigits(first17: string, upgraded: boolean): IdParseResult {
  const y = Number(first17.slice(6, 10));
  const m = Number(first17.slice(10, 12));
  const d = Number(first17.slice(12, 14));
  if (!isRealDate(y, m, d)) return { ok: false, reason: `其中的出生日期 ${first17.slice(6, 14)} 不是真实日期` };
  const seq = Number(first17.slice(14, 17));
  return {
    ok: true,
    id: {
      value: first17 + checkChar(first17),
      birthDate: toIsoDate(y, m, d),
      gender: seq % 2 === 1 ? '男' : '女',
      upgraded,
    },
  };
}

/** Display form: region prefix and check tail kept, the rest starred (6110**********123X). */
// Only the province (first 2 digits) stays visible. Whoever sees a mask also sees the birth
// date (digits 7–14) and the sex (digit 17's parity), and the check digit follows from the
// other 17: keeping the last four or the city code, as the usual 6104********1234 does, would
// leave 2 digits to guess. This way digits 3–6 and 15–17 stay unknown: 7 (籍贯 names a place
// of origin, not the registration office whose code digits 3–6 are).
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 2) + '*'.repeat(id.length - 2);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return phone;
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}
