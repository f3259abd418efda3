/**
 * "较上年 +3 人 / +2.1 %" (domain-2 §5.5): the change of a figure against an earlier one.
 * Percent figures (rates) change in 个百分点, counts by their unit and a relative percent.
 */
export function deltaText(now: number | null, before: number | null, unit: string): string {
  if (now === null || before === null) return '无可比数据';
  const diff = Math.round((now - before) * 10) / 10;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const abs = Math.abs(diff);
  if (unit === '%') return `${sign}${abs} 个百分点`;
  if (before === 0) return `${sign}${abs} ${unit}`;
  const rel = Math.round((Math.abs(now - before) * 1000) / before) / 10;
  return `${sign}${abs} ${unit} / ${sign}${rel} %`;
}
