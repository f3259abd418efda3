import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema/index.ts';
import { codeTable } from '../codes/tables.ts';
import type { Ctx, TxCtx } from '../context.ts';

// Unknown code values, resolved once: the dry run groups them ("社区两委委员 ×3 → ?"), the clerk
// maps each group to a code-table entry (or, for posts, to "keep the text only"), and the
// installation remembers the choice like it remembers a column mapping.

export const VALUE_MAPPING_KEY = 'import.valueMapping';

export interface ValueChoice {
  /** Code table key: post, ethnicity, education, … */
  table: string;
  value: string;
  /** The code-table name, or null: keep the text only (posts) / treat as no value. */
  code: string | null;
}

/** Person field → its code table. */
export const FIELD_TABLE: Record<string, string> = {
  gender: 'gender', ethnicity: 'ethnicity', politicalStatus: 'politicalStatus', ftEducation: 'education', ptEducation: 'education',
  ftDegree: 'degree', ptDegree: 'degree', postCategory: 'postCategory', swQualification: 'swQualification', posts: 'post',
};

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const keyOf = (table: string, value: string) => `${table}\0${fold(value)}`;

export class ValueMap {
  private readonly m = new Map<string, string | null>();
  constructor(choices: ValueChoice[]) {
    for (const c of choices) this.m.set(keyOf(c.table, c.value), c.code);
  }
  /** undefined: no choice made; null: keep as text only. */
  get(table: string, value: string): string | null | undefined {
    // Most imports have no choices: skip folding the value (asked for every 职务 part of every row).
    return this.m.size === 0 ? undefined : this.m.get(keyOf(table, value));
  }
}

export function rememberedChoices(ctx: Ctx): ValueChoice[] {
  return (ctx.db.select().from(settings).where(eq(settings.key, VALUE_MAPPING_KEY)).get()?.value as ValueChoice[] | undefined) ?? [];
}

/** The remembered choices with the ones given now on top (later wins). */
export function effectiveChoices(ctx: Ctx, given: ValueChoice[] | undefined): ValueChoice[] {
  return [...rememberedChoices(ctx), ...(given ?? [])];
}

/** Validates the clerk's choices: each code must be an entry of its table. Returns the first problem. */
export function checkChoices(given: ValueChoice[]): string | null {
  for (const c of given) {
    let t;
    try {
      t = codeTable(c.table);
    } catch {
      return `「未识别的值」代码表“${c.table}”不存在`;
    }
    if (c.code === null) continue;
    if (!t.entries.some((e) => e.name === c.code)) return `「未识别的值」“${c.value}”要对应的“${c.code}”不是「${t.label}」代码表中的项`;
  }
  return null;
}

export function saveChoices(tx: TxCtx, given: ValueChoice[]): void {
  const merged = new Map<string, ValueChoice>();
  for (const c of [...rememberedChoices(tx), ...given]) merged.set(keyOf(c.table, c.value), c);
  const value = [...merged.values()];
  tx.db.insert(settings).values({ key: VALUE_MAPPING_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export interface UnknownGroup {
  table: string;
  label: string;
  value: string;
  count: number;
  rows: number[];
  /** What it may be mapped to. */
  options: string[];
  /** Posts may stay unmapped: the text as written is kept. */
  keepTextAllowed: boolean;
}

export class UnknownCollector {
  private readonly groups = new Map<string, UnknownGroup>();
  add(table: string, value: string, row: number): void {
    const k = keyOf(table, value);
    let g = this.groups.get(k);
    if (!g) {
      const t = codeTable(table);
      g = { table, label: t.label, value, count: 0, rows: [], options: t.entries.map((e) => e.name), keepTextAllowed: table === 'post' };
      this.groups.set(k, g);
    }
    g.count++;
    if (g.rows.length < 20) g.rows.push(row);
  }
  list(): UnknownGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }
}
