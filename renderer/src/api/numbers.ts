import type { FieldIssue } from '../../../core/contract/errors.ts';

// A text typed where a number belongs becomes NaN, which JSON sends as null: for a nullable
// field that silently erases the stored value. call() checks every input here before sending.
// (The contract itself cannot be imported here to name the field: its modules reach db/ and
// node crypto. The names below are the contract's own labels; tests/renderer/numbers.test.ts
// holds them to the server's messages.)
const LABELS: Record<string, string> = {
  scores: '得分',
  hours: '学时',
  days: '天数',
  creditedHours: '认定学时',
  creditedDays: '认定天数',
  score: '考核成绩',
  progress: '进度',
  year: '年度',
};

/** Dotted paths of NaN / ±Infinity anywhere in `input`. */
export function nonFinitePaths(input: unknown, path: string[] = []): string[] {
  if (typeof input === 'number') return Number.isFinite(input) ? [] : [path.join('.')];
  if (Array.isArray(input)) return input.flatMap((v, i) => nonFinitePaths(v, [...path, String(i)]));
  if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.entries(input).flatMap(([k, v]) => nonFinitePaths(v, [...path, k]));
  }
  return [];
}

/** The field's Chinese name: the nearest known key on the path (rows.0.scores.de → 得分), else the path. */
function fieldName(path: string): string {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const label = LABELS[parts[i]!];
    if (label) return label;
  }
  return path;
}

/** One issue per non-finite number in `input` (「得分」应为数字); empty when all numbers are numbers. */
export function nonFiniteIssues(input: unknown): FieldIssue[] {
  return nonFinitePaths(input).map((path) => ({ path, message: `「${fieldName(path)}」应为数字` }));
}
