import { z } from 'zod';
import { query } from '../contract/op.ts';
import { ref } from '../guard/refs.ts';
import { yearFilter } from './fields.ts';
import { personHours } from './contract-views.ts';

// One block of the hours grid (issue 19): the renderer asks for what it shows, sorted and
// filtered on the server, instead of keeping every person's row.

export const HOURS_TEXT_COLUMNS = ['name', 'orgName', 'posts', 'postCategory', 'requirement', 'shortfall'] as const;
export const HOURS_NUMBER_COLUMNS = ['hours', 'days'] as const;
export const HOURS_COLUMNS = [...HOURS_TEXT_COLUMNS, ...HOURS_NUMBER_COLUMNS, 'met'] as const;
export type HoursColumn = (typeof HOURS_COLUMNS)[number];

const column = z.enum(HOURS_COLUMNS, { error: '「排序列」无效' });
const textColumn = z.enum(HOURS_TEXT_COLUMNS, { error: '「筛选列」无效' });
const numberColumn = z.enum(HOURS_NUMBER_COLUMNS, { error: '「筛选列」无效' });
const filter = z.discriminatedUnion('kind', [
  z.object({ column: textColumn, kind: z.literal('text'), type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
    value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }) }),
  z.object({
    column: numberColumn, kind: z.literal('number'), type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
    value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
    to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
  }),
  // 达标 as the grid shows it: 达标 / 未达标 / 无要求.
  z.object({ column: z.literal('met'), kind: z.literal('set'), values: z.array(z.enum(['达标', '未达标', '无要求'], { error: '「达标」筛选值无效' })).max(3, { error: '「达标」筛选值过多' }) }),
]);
export type HoursFilter = z.infer<typeof filter>;

export const MAX_BLOCK = 500;

export const trainingHoursPageContract = {
  'training.hoursPage': query(
    '培训学时表的一段（服务器端排序、筛选、分段）',
    z
      .object({
        year: yearFilter,
        orgId: ref('org_units', '组织'),
        below: z.boolean({ error: '「仅未达标」应为是或否' }),
        startRow: z.number({ error: '「起始行」应为数字' }).int({ error: '「起始行」应为整数' }).min(0, { error: '「起始行」不能小于 0' }),
        endRow: z.number({ error: '「结束行」应为数字' }).int({ error: '「结束行」应为整数' }).min(0, { error: '「结束行」不能小于 0' }),
        sort: z.array(z.object({ column, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) })).max(HOURS_COLUMNS.length),
        filters: z.array(filter).max(HOURS_COLUMNS.length),
      })
      .refine((v) => v.endRow >= v.startRow && v.endRow - v.startRow <= MAX_BLOCK, {
        error: `「结束行」须不小于起始行，且一次最多 ${MAX_BLOCK} 行`, path: ['endRow'],
      }),
    z.object({ year: z.number().int(), rows: z.array(personHours), rowCount: z.number().int(), sample: z.boolean() }),
  ),
};
