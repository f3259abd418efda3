import { z } from 'zod';

// The zod pieces of a paged grid's request (issue 19), shared by the grids that page a
// computed list (pay sheet, year-end settlement): one wording of every field's message.

export const MAX_BLOCK_ROWS = 500;

const row = (what: string) =>
  z.number({ error: `「${what}」应为数字` }).int({ error: `「${what}」应为整数` }).min(0, { error: `「${what}」不能小于 0` });
/** startRow / endRow of a block; pair with `blockBounds` on the object. */
export const blockRows = { startRow: row('起始行'), endRow: row('结束行') };

/** endRow not before startRow, and at most `max` rows in one block. */
export const blockBounds = (max = MAX_BLOCK_ROWS): [(v: { startRow: number; endRow: number }) => boolean, { error: string; path: string[] }] => [
  (v) => v.endRow >= v.startRow && v.endRow - v.startRow <= max,
  { error: `「结束行」须不小于起始行，且一次最多 ${max} 行`, path: ['endRow'] },
];

export const sortList = <C extends z.ZodType>(column: C, max: number) =>
  z.array(z.object({ column, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) }, { error: '「排序」条件应为列与方向' }), { error: '「排序」应为列表' })
    .max(max, { error: '「排序」条件过多' });

export const textFilter = <C extends z.ZodType>(column: C) => z.object({
  column, kind: z.literal('text'),
  type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
  value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }),
});

export const numberFilter = <C extends z.ZodType>(column: C) => z.object({
  column, kind: z.literal('number'),
  type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
  value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
  to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
});

/** A text or number filter on the grid's columns, each column kind in its own list. */
export const columnFilter = <T extends z.ZodType, N extends z.ZodType>(text: T, number: N) =>
  z.discriminatedUnion('kind', [textFilter(text), numberFilter(number)], { error: '「筛选类型」无效' });

export const filterList = <F extends z.ZodType>(filter: F, max: number) =>
  z.array(filter, { error: '「筛选」应为列表' }).max(max, { error: '「筛选」条件过多' });
