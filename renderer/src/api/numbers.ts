import type { z } from 'zod';
import { summarize, type FieldIssue } from '../../../core/contract/errors.ts';

// A text typed where a number belongs becomes NaN, which JSON sends as null: for a nullable
// field that silently erases the stored value. Every call is checked here before it is sent.

/** Dotted paths of NaN / ±Infinity anywhere in `input`. */
export function nonFinitePaths(input: unknown, path: string[] = []): string[] {
  if (typeof input === 'number') return Number.isFinite(input) ? [] : [path.join('.')];
  if (Array.isArray(input)) return input.flatMap((v, i) => nonFinitePaths(v, [...path, String(i)]));
  if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.entries(input).flatMap(([k, v]) => nonFinitePaths(v, [...path, k]));
  }
  return [];
}

/**
 * The issues for the non-finite numbers in `input`, each naming its field in Chinese as the
 * contract's own field builder does (「得分」应为数字), else by its path; empty when all are numbers.
 */
export function nonFiniteIssues(input: unknown, schema: z.ZodType | undefined): FieldIssue[] {
  const paths = nonFinitePaths(input);
  if (!paths.length) return [];
  const named = new Map<string, string>();
  const parsed = schema?.safeParse(input);
  for (const i of parsed && !parsed.success ? parsed.error.issues : []) {
    const p = i.path.map(String).join('.');
    if (i.message.startsWith('「') && !named.has(p)) named.set(p, i.message);
  }
  return paths.map((path) => ({ path, message: named.get(path) ?? `「${path}」应为数字` }));
}

export { summarize };
