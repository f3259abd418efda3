import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate } from '../contract/fields.ts';
import { PERSON_STATUSES } from '../codes/tables.ts';
import { personInput, personUpdateInput, retireInput } from './person-schema.ts';
import { ref, target } from '../guard/refs.ts';
import { LIST_COLUMNS } from './list-sql.ts';

const nullableText = z.string().nullable();

export const personRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  gender: z.string(),
  ethnicity: z.string(),
  birthDate: z.string(),
  idNumber: nullableText,
  nativePlace: nullableText,
  politicalStatus: z.string(),
  partyJoinDate: nullableText,
  workStartDate: nullableText,
  communityWorkStartDate: nullableText,
  ftEducation: nullableText,
  ftDegree: nullableText,
  ftSchoolMajor: nullableText,
  ptEducation: nullableText,
  ptDegree: nullableText,
  ptSchoolMajor: nullableText,
  posts: z.array(z.string()),
  oneShoulder: z.boolean(),
  crossPosting: z.boolean(),
  reserveCadre: z.boolean(),
  postCategory: z.string(),
  swQualification: nullableText,
  swQualificationDate: nullableText,
  phone: nullableText,
  grid: nullableText,
  remarks: nullableText,
  status: z.enum(PERSON_STATUSES),
  statusDate: nullableText,
  statusReason: nullableText,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whole years of age on the `asOf` date. */
  age: z.number().int(),
  /** Whole years since 社区工作起始时间 on the `asOf` date; null when the start is unknown. */
  communityYears: z.number().int().nullable(),
});
export type PersonRecord = z.infer<typeof personRecord>;

// Grids get the ID number masked; the full value needs `roster.get` or an audited reveal.
export const personSummary = personRecord.omit({ idNumber: true }).extend({ idNumberMasked: nullableText });
export type PersonSummary = z.infer<typeof personSummary>;

const asOf = isoDate('统计日期').optional();

const listFilter = {
  orgId: id('组织').nullish(),
  status: z.enum([...PERSON_STATUSES, 'all'], { error: '「状态」应为在岗、离任、退休、解聘或全部' }).default('在岗'),
  query: z.string().trim().max(50, { error: '「关键字」不能超过 50 个字符' }).optional(),
  asOf,
};

const column = z.enum(LIST_COLUMNS, { error: '「列」不是花名册表格的列' });
const filterValue = z.union([z.string().max(100, { error: '「筛选值」不能超过 100 个字符' }), z.number()]).nullish();
export const TEXT_TYPES = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'] as const;
export const RANGE_TYPES = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'] as const;
type FilterType = (typeof TEXT_TYPES)[number] | (typeof RANGE_TYPES)[number];
/** The grid's own Chinese names for its filter conditions, for refusals. */
export const FILTER_TYPE_LABELS: Record<FilterType, string> = {
  contains: '包含', notContains: '不包含', equals: '等于', notEqual: '不等于', startsWith: '开头是', endsWith: '结尾是',
  blank: '为空', notBlank: '不为空', lessThan: '小于', lessThanOrEqual: '小于等于', greaterThan: '大于',
  greaterThanOrEqual: '大于等于', inRange: '介于',
};
const filterCondition = z.object({
  type: z.enum([...new Set([...TEXT_TYPES, ...RANGE_TYPES])], { error: '「筛选条件」不是支持的条件' }),
  value: filterValue,
  value2: filterValue,
});

/** A grid row: the id and whichever fields the shown columns need. */
export const personListRow = personSummary.partial().extend({ id: z.string() });
export type PersonListRow = z.infer<typeof personListRow>;

/** Rows per page the grid may ask for at once; the renderer keeps a few pages, never the roster. */
export const MAX_PAGE_ROWS = 1000;

export const rosterContract = {
  'roster.list': query(
    '花名册列表：按组织（含下级）、状态与关键字（姓名、身份证号、电话）筛选',
    z.object(listFilter).default({ status: '在岗' }),
    z.object({ rows: z.array(personSummary), asOf: z.string() }),
  ),
  // The roster grid's data source (ag-grid's infinite row model): only the shown columns, one
  // page at a time, sorted and filtered in SQL, with the same masking as roster.list.
  'roster.page': query(
    '花名册表格分页：只取显示的列，排序、筛选与关键字搜索在数据库中完成',
    z.object({
      ...listFilter,
      columns: z.array(column, { error: '「列」应为列名列表' }).min(1, { error: '「列」至少要有一列' }).max(LIST_COLUMNS.length),
      offset: z.number({ error: '「起始行」应为数字' }).int().min(0, { error: '「起始行」不能为负数' }).default(0),
      limit: z.number({ error: '「行数」应为数字' }).int().min(1, { error: '「行数」至少为 1' }).max(MAX_PAGE_ROWS, { error: `「行数」不能超过 ${MAX_PAGE_ROWS}` }),
      sort: z
        .array(z.object({ column, dir: z.enum(['asc', 'desc'], { error: '「排序方向」应为升序或降序' }) }), { error: '「排序」应为列表' })
        .max(LIST_COLUMNS.length, { error: `「排序」最多 ${LIST_COLUMNS.length} 列` })
        .default([]),
      filters: z
        .array(
          z.object({
            column,
            join: z.enum(['AND', 'OR'], { error: '「条件关系」应为“并且”或“或者”' }).default('AND'),
            conditions: z
              .array(filterCondition, { error: '「筛选条件」应为列表' })
              .min(1, { error: '「筛选」每列至少一个条件' })
              .max(2, { error: '「筛选」每列最多两个条件' }),
          }),
          { error: '「筛选」应为列表' },
        )
        .max(LIST_COLUMNS.length, { error: `「筛选」最多 ${LIST_COLUMNS.length} 列` })
        .default([]),
    }),
    z.object({ rows: z.array(personListRow), total: z.number().int(), asOf: z.string() }),
  ),
  'roster.get': query('读取一名人员的完整信息', z.object({ id: ref('people', '人员编号'), asOf }), personRecord),
  'roster.create': mutation('新增人员', personInput, personRecord),
  'roster.update': mutation('修改人员信息', personUpdateInput, personRecord),
  'roster.retire': mutation('办理离任、退休或解聘（保留记录与历史）', retireInput, personRecord),
  // Taken back only by the account that retired, within minutes, while nothing else changed the record.
  'roster.undoRetire': mutation('撤销刚办理的离任、退休或解聘（同一账号、限时、记录未再修改）', z.object({ id: target('people', '人员编号') }), personRecord),
  'roster.reveal': mutation(
    '查看完整身份证号或电话（留痕）',
    z.object({ id: ref('people', '人员编号'), field: z.enum(['idNumber', 'phone'], { error: '「字段」只能是身份证号或电话' }) }),
    z.object({ value: z.string().nullable() }),
  ),
};
