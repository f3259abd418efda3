import type { z } from 'zod';

// The dispatcher checks every answer against its output schema before it leaves. For a
// 20,000-person roster.list that check was most of the call (issue 19): zod walks each of the
// 700,000 values through its generic machinery. Most output schemas are plain data (objects of
// strings, numbers, booleans, enums, nullable, arrays); for those this compiles a checker once
// per schema that accepts exactly what zod accepts and returns exactly what zod returns (a new
// object per level, with the schema's keys in the schema's order, undeclared keys dropped).
// Anything it cannot decide, and every answer it does not accept, goes to zod's own `parse`,
// so a wrong answer is refused with zod's error as before.
// tests/roster/list-output.test.ts compares both on right and wrong outputs, and on every
// output schema the checker handles.

const FAIL: unique symbol = Symbol('fail');
type Check = (v: unknown) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; format?: string } } }[];
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A checker for the schema, or null when it uses anything beyond plain data. */
function compile(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  const checks = def.checks ?? [];
  if (def.coerce) return null;
  switch (def.type) {
    case 'string':
      return checks.length ? null : (v) => (typeof v === 'string' ? v : FAIL);
    case 'boolean':
      return checks.length ? null : (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'number': {
      const int = checks.length === 1 && checks[0]!._zod.def.check === 'number_format' && checks[0]!._zod.def.format === 'safeint';
      if (checks.length && !int) return null;
      return int ? (v) => (Number.isSafeInteger(v) ? v : FAIL) : (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      if (checks.length || [...values].some((x) => typeof x !== 'string')) return null;
      return (v) => (values.has(v as string) ? v : FAIL);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && !checks.length ? (v) => (v === null ? null : inner(v)) : null;
    }
    case 'array': {
      const el = compile(def.element!);
      if (!el || checks.length) return null;
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = el(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case 'object': {
      if (checks.length || def.catchall !== undefined) return null;
      const keys = Object.keys(def.shape!);
      const fields: Check[] = [];
      for (const k of keys) {
        const c = compile(def.shape![k]!);
        if (!c) return null;
        fields.push(c);
      }
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const x = fields[i]!((v as Record<string, unknown>)[keys[i]!]);
          if (x === FAIL) return FAIL;
          out[keys[i]!] = x;
        }
        return out;
      };
    }
    default:
      return null;
  }
}

const compiled = new WeakMap<z.ZodType, Check | null>();

/** `schema.parse(value)`, through the compiled checker when the schema is plain data. */
export function parseOutput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  let check = compiled.get(schema);
  if (check === undefined) compiled.set(schema, (check = compile(schema)));
  if (check) {
    const out = check(value);
    if (out !== FAIL) return out as z.output<T>;
  }
  return schema.parse(value);
}

/** For the equivalence test: whether the schema is checked by the compiled path. */
export const isCompiled = (schema: z.ZodType): boolean => compile(schema) !== null;
