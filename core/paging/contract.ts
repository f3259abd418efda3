import { z } from 'zod';

// The input of a paged query over a computed list (core/paging/computed.ts): one block of rows
// [startRow, endRow), sorted and filtered on the server. One definition of the fields and their
// Chinese messages for every grid that pages this way (training hours, the pay sheet, the
// year-end settlement, the assessment sheet).

/** Rows per block at most: the grids ask for 100; a print or an export never pages. */
export const MAX_BLOCK = 500;

const rowIndex = (label: string) =>
  z.number({ error: `「${label}」应为数字` }).int({ error: `「${label}」应为整数` }).min(0, { error: `「${label}」不能小于 0` });

/** A text column's filter as the grid sends it. */
export const textFilter = <C extends z.ZodType<string>>(column: C) =>
  z.object({
    column, kind: z.literal('text'),
    type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
    value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }),
  });

/** A number column's filter as the grid sends it (`to` for inRange). */
export const numberFilter = <C extends z.ZodType<string>>(column: C) =>
  z.object({
    column, kind: z.literal('number'),
    type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
    value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
    to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
  });

/** A text or number filter on the grid's columns, each column kind in its own list. */
export const columnFilter = <T extends z.ZodType<string>, N extends z.ZodType<string>>(text: T, number: N) =>
  z.discriminatedUnion('kind', [textFilter(text), numberFilter(number)], { error: '「筛选类型」无效' });

/** A column named by a key of the data (an item, an indicator): checked by shape here, by the data in the handler. */
export const keyedColumn = <K extends string>(pattern: RegExp, label: string) =>
  z.string({ error: `「${label}」无效` }).max(100, { error: `「${label}」无效` }).regex(pattern, { error: `「${label}」无效` }) as unknown as z.ZodType<K, K>;

const blockFits = (v: { startRow: number; endRow: number }) => v.endRow >= v.startRow && v.endRow - v.startRow <= MAX_BLOCK;

/**
 * `scope` (what the list is of) plus one block: startRow, endRow (at most MAX_BLOCK rows),
 * sort over `sortColumn`, filters of `filter`, each list at most `maxConditions` long.
 */
export function pageRequest<S extends z.ZodRawShape, C extends z.ZodType<string>, F extends z.ZodType>(scope: S, sortColumn: C, filter: F, maxConditions: number) {
  return z
    .object({
      ...scope,
      startRow: rowIndex('起始行'),
      endRow: rowIndex('结束行'),
      sort: z.array(z.object({ column: sortColumn, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) }, { error: '「排序」条件应为列与方向' }), { error: '「排序」应为列表' })
        .max(maxConditions, { error: '「排序」条件过多' }),
      filters: z.array(filter, { error: '「筛选」应为列表' }).max(maxConditions, { error: '「筛选」条件过多' }),
    })
    // Generic over the scope, TypeScript cannot see the block fields in `v`; they are there.
    .refine((v) => blockFits(v as unknown as { startRow: number; endRow: number }), {
      error: `「结束行」须不小于起始行，且一次最多 ${MAX_BLOCK} 行`, path: ['endRow'],
    });
}
