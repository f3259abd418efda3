// Money is integer fen (分) everywhere. Coefficients are decimals with at most 4 places,
// turned into integer ten-thousandths before any multiplication, so no binary floating
// point ever reaches a rounding decision.
//
// THE ROUNDING RULE: every multiplication of an amount by a coefficient (base × level
// coefficient, base amount × performance coefficient) is rounded once, half up, to the
// whole fen (0.5 分 → 1 分). Everything after that is integer addition, so a line total
// is exactly the sum of its printed items and a sheet total the sum of its lines.

export const COEF_SCALE = 10_000;

/** A coefficient such as 1.15 as integer ten-thousandths (11500); null if it has more than 4 decimals. */
export function coefUnits(coef: number): number | null {
  const units = Math.round(coef * COEF_SCALE);
  return Math.abs(units - coef * COEF_SCALE) < 1e-6 ? units : null;
}

/** Round half up of `num / den` for non-negative integers. */
export function divRoundHalfUp(num: number, den: number): number {
  if (num < 0 || den <= 0) throw new RangeError('divRoundHalfUp expects num ≥ 0 and den > 0');
  return Math.floor((2 * num + den) / (2 * den));
}

/** `fen × coef`, rounded half up to the fen (the one rounding step of the rule above). */
export function mulCoef(fen: number, coef: number): number {
  const units = coefUnits(coef);
  if (units === null) throw new RangeError(`coefficient ${coef} has more than 4 decimals`);
  return divRoundHalfUp(fen * units, COEF_SCALE);
}

/** `123456` → `1234.56` (元, two decimals), for display and export. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `'1234.5'` → 123450; null when the text is not an amount with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
