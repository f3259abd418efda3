import { z } from 'zod';

// Partial updates: an API or CLI caller that omits a field keeps its stored value; an explicit
// null clears it. Every field becomes optional and loses its default (a default would refill
// an omitted field, which is exactly the silent overwrite this avoids).

type Unwrapped<S> = S extends z.ZodDefault<infer I> ? I : S;
export type PartialShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Unwrapped<S[K]> & z.ZodType> };

export function partialShape<S extends z.ZodRawShape>(shape: S): PartialShape<S> {
  const out: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(shape)) out[k] = (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : (s as z.ZodType)).optional();
  return out as PartialShape<S>;
}

/**
 * The stored values of `keys` overlaid with what the caller gave: the full input the rules
 * check and the row is written from. `stored` is the record as its create input would be.
 */
export function mergePatch<T extends Record<string, unknown>>(keys: readonly string[], stored: Record<string, unknown>, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = patch[k] !== undefined ? patch[k] : stored[k];
  return out as T;
}
