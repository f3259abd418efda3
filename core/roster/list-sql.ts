// The roster grid's columns as SQL: what each output field selects, and what each grid column
// sorts and filters on. Masked values are computed here so that, for a masked role, the full ID
// number or phone never leaves SQLite, and sorting or filtering sees only what the grid shows
// (sorting by the raw value would let a masked role rebuild it by bisection).

/** n asterisks, for any n ≥ 0 (SQLite has no repeat()). */
const stars = (n: string) => `replace(hex(zeroblob(${n})), '00', '*')`;

/** Same as maskIdNumber in id-number.ts: the first 2 characters kept, the rest starred. */
export const MASKED_ID = `CASE WHEN p.id_number IS NULL OR p.id_number = '' THEN NULL
  WHEN length(p.id_number) < 8 THEN ${stars('length(p.id_number)')}
  ELSE substr(p.id_number, 1, 2) || ${stars('length(p.id_number) - 2')} END`;

const DIGITS_REMOVED = [...'0123456789'].reduce((acc, d) => `replace(${acc}, '${d}', '')`, 'p.phone');
/** Same as maskPhone in id-number.ts: kept as is below 7 digits, else 3 + **** + last 4. */
export const MASKED_PHONE = `CASE WHEN p.phone IS NULL OR p.phone = '' THEN NULL
  WHEN length(p.phone) - length(${DIGITS_REMOVED}) < 7 THEN p.phone
  ELSE substr(p.phone, 1, 3) || '****' || substr(p.phone, -4) END`;

/** Whole years from an ISO date column to the `asOf` parameter (wholeYearsBetween). */
const yearsTo = (col: string) => `(CAST(substr(:asOf, 1, 4) AS INTEGER) - CAST(substr(${col}, 1, 4) AS INTEGER) - (substr(:asOf, 6, 5) < substr(${col}, 6, 5)))`;
const AGE = yearsTo('p.birth_date');
const COMMUNITY_YEARS = `CASE WHEN p.community_work_start_date IS NULL OR p.community_work_start_date = '' THEN NULL ELSE max(0, ${yearsTo('p.community_work_start_date')}) END`;

type FieldKind = 'text' | 'json' | 'bool' | 'int';
interface FieldSql {
  sql: (fullPhone: boolean) => string;
  kind: FieldKind;
}
const col = (name: string, kind: FieldKind = 'text'): FieldSql => ({ sql: () => `p.${name}`, kind });

/** Every field of a PersonSummary, keyed by its name in the contract. */
export const FIELD_SQL = {
  orgId: col('org_id'),
  orgName: { sql: () => 'o.name', kind: 'text' },
  name: col('name'),
  gender: col('gender'),
  ethnicity: col('ethnicity'),
  birthDate: col('birth_date'),
  idNumberMasked: { sql: () => MASKED_ID, kind: 'text' },
  nativePlace: col('native_place'),
  politicalStatus: col('political_status'),
  partyJoinDate: col('party_join_date'),
  workStartDate: col('work_start_date'),
  communityWorkStartDate: col('community_work_start_date'),
  ftEducation: col('ft_education'),
  ftDegree: col('ft_degree'),
  ftSchoolMajor: col('ft_school_major'),
  ptEducation: col('pt_education'),
  ptDegree: col('pt_degree'),
  ptSchoolMajor: col('pt_school_major'),
  posts: col('posts', 'json'),
  oneShoulder: col('one_shoulder', 'bool'),
  crossPosting: col('cross_posting', 'bool'),
  reserveCadre: col('reserve_cadre', 'bool'),
  postCategory: col('post_category'),
  swQualification: col('sw_qualification'),
  swQualificationDate: col('sw_qualification_date'),
  phone: { sql: (full) => (full ? 'p.phone' : MASKED_PHONE), kind: 'text' },
  grid: col('grid'),
  remarks: col('remarks'),
  status: col('status'),
  statusDate: col('status_date'),
  statusReason: col('status_reason'),
  createdAt: col('created_at'),
  updatedAt: col('updated_at'),
  age: { sql: () => AGE, kind: 'int' },
  communityYears: { sql: () => COMMUNITY_YEARS, kind: 'int' },
} satisfies Record<string, FieldSql>;
export type ListField = keyof typeof FIELD_SQL;
export const LIST_FIELDS = Object.keys(FIELD_SQL) as ListField[];

export type FilterKind = 'text' | 'number' | 'date';
interface ColumnSql {
  /** The output fields the grid needs to draw this column. */
  fields: ListField[];
  /** What the column sorts and filters on: the value the grid displays. */
  value: (fullPhone: boolean) => string;
  filter: FilterKind;
}
const plain = (field: ListField, filter: FilterKind = 'text'): ColumnSql => ({ fields: [field], value: FIELD_SQL[field].sql, filter });

/** The roster grid's columns (their ag-grid colIds); a projection asks for some of them. */
export const COLUMN_SQL = {
  name: plain('name'),
  gender: plain('gender'),
  ethnicity: plain('ethnicity'),
  birthDate: plain('birthDate', 'date'),
  age: plain('age', 'number'),
  idNumberMasked: plain('idNumberMasked'),
  nativePlace: plain('nativePlace'),
  politicalStatus: plain('politicalStatus'),
  partyJoinDate: plain('partyJoinDate', 'date'),
  workStartDate: plain('workStartDate', 'date'),
  communityWorkStartDate: plain('communityWorkStartDate', 'date'),
  // The grid joins 职务 with 、, so that is what a filter on it reads.
  posts: { fields: ['posts'], value: () => `(SELECT group_concat(j.value, '、') FROM json_each(p.posts) j)`, filter: 'text' },
  postCategory: plain('postCategory'),
  education: { fields: ['ftEducation', 'ptEducation'], value: () => 'coalesce(p.ft_education, p.pt_education)', filter: 'text' },
  swQualification: plain('swQualification'),
  communityYears: plain('communityYears', 'number'),
  phone: plain('phone'),
  grid: plain('grid'),
  orgName: plain('orgName'),
  remarks: plain('remarks'),
  status: {
    fields: ['status', 'statusDate'],
    value: () => `CASE WHEN p.status_date IS NOT NULL AND p.status_date <> '' AND p.status <> '在岗' THEN p.status || ' ' || p.status_date ELSE p.status END`,
    filter: 'text',
  },
} satisfies Record<string, ColumnSql>;
export type ListColumn = keyof typeof COLUMN_SQL;
export const LIST_COLUMNS = Object.keys(COLUMN_SQL) as [ListColumn, ...ListColumn[]];

/** The grid's column headers, so a refusal names the column as the user sees it. */
export const COLUMN_LABELS: Record<ListColumn, string> = {
  name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', age: '年龄', idNumberMasked: '身份证号',
  nativePlace: '籍贯', politicalStatus: '政治面貌', partyJoinDate: '入党时间', workStartDate: '参加工作时间',
  communityWorkStartDate: '社区工作起始', posts: '职务', postCategory: '岗位类别', education: '学历',
  swQualification: '社工资格', communityYears: '社区工作年限', phone: '联系电话', grid: '所在网格',
  orgName: '所属社区', remarks: '备注', status: '状态',
};
