import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../core/contract/index.ts';
import { withoutNonFinite } from '../../renderer/src/api/numbers.ts';

// A text typed where a number belongs becomes NaN, which JSON would send as null ("clear this
// value"). call() sends the string 'NaN' instead, so core refuses it with its own message.
// This walks every operation's input and holds each number field to that: refused, and named
// in Chinese (never a raw path like 「rules.0.amount」), and a nullable one not read as null.

type Any = z.core.$ZodType;
const def = (s: Any) => s._zod.def as unknown as Record<string, any>;

/** The number at the bottom of optional/nullable/default/pipe wrappers, if any. */
function isNumberField(s: Any): boolean {
  const d = def(s);
  switch (d.type) {
    case 'number':
      return true;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return isNumberField(d.innerType);
    case 'pipe':
      return isNumberField(d.in);
    case 'union':
      return (d.options as Any[]).some(isNumberField);
    default:
      return false;
  }
}

/** Every position in `s` that holds a number field, with its dotted path. */
function numberFields(s: Any, path: string, out: { path: string; schema: Any }[], seen = new Set<Any>()): void {
  if (seen.has(s)) return;
  seen.add(s);
  if (isNumberField(s)) {
    out.push({ path, schema: s });
    return;
  }
  const d = def(s);
  const at = (k: string) => (path ? `${path}.${k}` : k);
  switch (d.type) {
    case 'object':
      for (const [k, v] of Object.entries(d.shape as Record<string, Any>)) numberFields(v, at(k), out, seen);
      break;
    case 'array':
      numberFields(d.element, at('0'), out, seen);
      break;
    case 'record':
      numberFields(d.valueType, at('*'), out, seen);
      break;
    case 'tuple':
      (d.items as Any[]).forEach((v, i) => numberFields(v, at(String(i)), out, seen));
      break;
    case 'union':
      for (const o of d.options as Any[]) numberFields(o, path, out, seen);
      break;
    case 'intersection':
      numberFields(d.left, path, out, seen);
      numberFields(d.right, path, out, seen);
      break;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      numberFields(d.innerType, path, out, seen);
      break;
    case 'pipe':
      numberFields(d.in, path, out, seen);
      break;
    case 'lazy':
      numberFields(d.getter(), path, out, seen);
      break;
  }
}

describe('a number field given a non-number', () => {
  it('call() sends NaN and Infinity as strings, at any depth, leaving everything else alone', () => {
    const input = { a: 1, b: Number.NaN, c: [0, Infinity], d: { e: null, f: 'x', g: -Infinity }, h: undefined };
    expect(withoutNonFinite(input)).toEqual({ a: 1, b: 'NaN', c: [0, 'Infinity'], d: { e: null, f: 'x', g: '-Infinity' }, h: undefined });
    const clean = { a: 1, b: null, c: [0, 2.5] };
    expect(withoutNonFinite(clean)).toEqual(clean);
  });

  it('a score cell: JSON would have cleared the score; the string is refused as 「得分」应为数字', () => {
    const input = { cycleId: crypto.randomUUID(), rows: [{ entryId: crypto.randomUUID(), scores: { de: Number.NaN, neng: 3 } }] };
    const schema = contract['assessment.saveScores'].input;
    // The old way: NaN became null, which saveScores accepts as "clear this score".
    expect(schema.safeParse(JSON.parse(JSON.stringify(input))).success).toBe(true);
    const sent = JSON.parse(JSON.stringify(withoutNonFinite(input)));
    const r = schema.safeParse(sent);
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['「得分」应为数字']);
  });

  const fields = Object.entries(contract).flatMap(([op, d]) => {
    const out: { path: string; schema: Any }[] = [];
    numberFields(d.input as Any, '', out);
    return out.map((f) => ({ op, ...f }));
  });

  it('finds the number fields of the contract', () => {
    expect(fields.length).toBeGreaterThan(50);
    expect(fields.map((f) => `${f.op} ${f.path}`)).toContain('assessment.saveScores rows.0.scores.*');
  });

  it('every number field of every input refuses the string, naming the field in Chinese', () => {
    const bad: string[] = [];
    for (const f of fields) {
      // A roster filter value is text or a number by design; core refuses a text on a number
      // column in roster.page itself (tests/roster/roster-page.test.ts).
      if (f.op === 'roster.page' && f.path.startsWith('filters.')) continue;
      for (const text of ['NaN', 'Infinity']) {
        const r = z.safeParse(f.schema, text);
        const messages = r.success ? ['（被接受）'] : r.error.issues.map((i) => i.message);
        // 「中文名」原因: the field named by its label, not by a key or a path.
        if (!messages.every((m) => /^「[^「」A-Za-z0-9_.*]+」/.test(m))) bad.push(`${f.op} ${f.path}: ${messages.join('；')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
