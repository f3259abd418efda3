import { z } from 'zod';
import { query } from '../contract/op.ts';
import { ref } from '../guard/refs.ts';
import { yearFilter } from './fields.ts';
import { personHours } from './contract-views.ts';
import { numberFilter, pageRequest, textFilter } from '../paging/contract.ts';

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
  textFilter(textColumn),
  numberFilter(numberColumn),
  // 达标 as the grid shows it: 达标 / 未达标 / 无要求.
  z.object({ column: z.literal('met'), kind: z.literal('set'), values: z.array(z.enum(['达标', '未达标', '无要求'], { error: '「达标」筛选值无效' })).max(3, { error: '「达标」筛选值过多' }) }),
]);
export type HoursFilter = z.infer<typeof filter>;

export const trainingHoursPageContract = {
  'training.hoursPage': query(
    '培训学时表的一段（服务器端排序、筛选、分段）',
    pageRequest({ year: yearFilter, orgId: ref('org_units', '组织'), below: z.boolean({ error: '「仅未达标」应为是或否' }) }, column, filter, HOURS_COLUMNS.length),
    z.object({ year: z.number().int(), rows: z.array(personHours), rowCount: z.number().int(), sample: z.boolean() }),
  ),
};
