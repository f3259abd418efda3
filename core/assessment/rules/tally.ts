import type { FieldIssue } from '../../contract/errors.ts';

// 民主测评 counting rules. Every valid ballot gives at most one option per person, so a
// person's tallies (and each option alone) can never exceed the valid ballots.

export interface Ballots {
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
}

export interface PersonTally {
  entryId: string;
  name: string;
  counts: Record<string, number>;
}

export function checkBallots(b: Ballots): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [k, label] of [['issued', '发出票数'], ['returned', '收回票数'], ['valid', '有效票数'], ['invalid', '无效票数']] as const)
    if (!Number.isInteger(b[k]) || b[k] < 0) issues.push({ path: k, message: `「${label}」应为不小于 0 的整数` });
  if (issues.length) return issues;
  if (b.returned > b.issued) issues.push({ path: 'returned', message: `「收回票数」${b.returned} 不能多于发出票数 ${b.issued}` });
  if (b.valid + b.invalid !== b.returned)
    issues.push({ path: 'valid', message: `「有效票数」${b.valid} 与无效票数 ${b.invalid} 之和应等于收回票数 ${b.returned}` });
  return issues;
}

export function checkTallies(b: Ballots, tallies: PersonTally[], options: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(options);
  tallies.forEach((t, i) => {
    let sum = 0;
    for (const [option, n] of Object.entries(t.counts)) {
      const path = `tallies.${i}.counts.${option}`;
      if (!known.has(option)) issues.push({ path, message: `「测评选项」“${option}”不在本方案的选项（${options.join('、')}）中` });
      else if (!Number.isInteger(n) || n < 0) issues.push({ path, message: `「${t.name}·${option}」票数应为不小于 0 的整数` });
      else if (n > b.valid) issues.push({ path, message: `「${t.name}·${option}」票数 ${n} 超过有效票数 ${b.valid}` });
      else sum += n;
    }
    if (sum > b.valid) issues.push({ path: `tallies.${i}`, message: `「${t.name}」各选项票数合计 ${sum} 超过有效票数 ${b.valid}` });
  });
  return issues;
}

/** Share of the valid ballots per option, 0..1, rounded to 4 places; null without valid ballots. */
export function rates(counts: Record<string, number>, valid: number, options: readonly string[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const o of options) out[o] = valid > 0 ? Math.round(((counts[o] ?? 0) / valid) * 10000) / 10000 : null;
  return out;
}
