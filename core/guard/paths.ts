import type { z } from 'zod';
import { refRegistry, type RefMeta } from './refs.ts';

// Where the record ids sit in an operation's input, found once per schema by walking the zod
// tree: `['classId']`, `['entries', '*', 'personId']`. The walk reads zod's public `_zod.def`.

export type Path = (string | '*')[];
export interface RefPath {
  path: Path;
  meta: RefMeta;
}
/** A string field whose name says it holds a record id, found without a ref()/target() declaration. */
export interface BareId {
  path: Path;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);
/** Field names that carry record ids (org ids are checked by the dispatcher's org rule). */
export const ID_FIELD = /^(id|ids|[a-z][A-Za-z]*Ids?)$/;
// orgId is checked by the dispatcher's org rule; the rest name installation bookkeeping
// (keys, peers, export runs, import jobs), not records of an org unit.
const NOT_RECORD_IDS = new Set(['orgId', 'sessionId', 'bundleId', 'jobId', 'previewId', 'keyId', 'peerId', 'exportId']);

function walk(s: z.ZodType, path: Path, name: string | null, out: { refs: RefPath[]; bare: BareId[] }, seen: Set<z.ZodType>): void {
  const meta = refRegistry.get(s);
  if (meta) {
    out.refs.push({ path, meta });
    return;
  }
  if (seen.has(s)) return;
  seen.add(s);
  const d = defOf(s);
  if (WRAPPERS.has(d.type) && d.innerType) return walk(d.innerType, path, name, out, seen);
  switch (d.type) {
    case 'object':
      for (const [k, v] of Object.entries(d.shape ?? {})) walk(v, [...path, k], k, out, seen);
      return;
    case 'array':
      return walk(d.element!, [...path, '*'], name, out, seen);
    case 'record':
      return walk(d.valueType!, [...path, '*'], null, out, seen);
    case 'tuple':
      return (d.items ?? []).forEach((it) => walk(it, [...path, '*'], name, out, seen));
    case 'pipe':
      return walk(d.in!, path, name, out, seen);
    case 'union':
      return (d.options ?? []).forEach((o) => walk(o, path, name, out, seen));
    case 'intersection':
      walk(d.left!, path, name, out, seen);
      return walk(d.right!, path, name, out, seen);
    case 'string':
      if (name && ID_FIELD.test(name) && !NOT_RECORD_IDS.has(name)) out.bare.push({ path });
      return;
    default:
      return;
  }
}

const cache = new WeakMap<z.ZodType, { refs: RefPath[]; bare: BareId[] }>();

/** The declared record ids of a schema, and the id-like fields declared without ref()/target(). */
export function refPaths(schema: z.ZodType): { refs: RefPath[]; bare: BareId[] } {
  let hit = cache.get(schema);
  if (!hit) {
    hit = { refs: [], bare: [] };
    walk(schema, [], null, hit, new Set());
    // The same ref reached twice (a union's branches) is checked once.
    const key = (r: RefPath) => `${r.path.join('.')}|${r.meta.table}|${r.meta.write}`;
    hit.refs = [...new Map(hit.refs.map((r) => [key(r), r])).values()];
    cache.set(schema, hit);
  }
  return hit;
}

/** Every value at `path` in `data` (arrays fan out at '*'); missing and null values are skipped. */
export function valuesAt(data: unknown, path: Path): unknown[] {
  let cur: unknown[] = [data];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || typeof v !== 'object') continue;
      if (step === '*') next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else next.push((v as Record<string, unknown>)[step]);
    }
    cur = next;
  }
  return cur.filter((v) => v !== null && v !== undefined);
}
