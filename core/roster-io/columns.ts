// The roster's spreadsheet columns: one entry per column an import recognises and an export
// writes. Pure data plus header folding, so the renderer can import it too.

export type ColumnKind = 'text' | 'date' | 'code' | 'bool' | 'posts' | 'id' | 'phone' | 'ignored';

export interface ColumnDef {
  /** A person field, or a marker for informational columns that are read but not stored. */
  key: string;
  /** The header the export writes and the template offers. */
  header: string;
  aliases: string[];
  kind: ColumnKind;
  /** Column width in the export, in characters. */
  width: number;
  /** Written by export and template; informational columns that are derived are not. */
  exported: boolean;
}

const col = (key: string, header: string, kind: ColumnKind, width: number, aliases: string[] = [], exported = true): ColumnDef => ({
  key, header, aliases, kind, width, exported,
});

export const COLUMNS: ColumnDef[] = [
  col('seq', '序号', 'ignored', 6, ['编号', '顺序号']),
  col('street', '所属街道', 'ignored', 12, ['街道', '街道名称', '街道(乡镇)', '街道(乡镇)名称', '街道(镇)', '乡镇(街道)', '乡镇街道'], false),
  col('orgName', '所属组织', 'ignored', 16, ['社区', '所在社区', '社区名称', '单位', '所在单位', '工作单位', '所属社区', '村社区名称', '社区(村)名称', '村(社区)名称', '所属村(社区)']),
  col('name', '姓名', 'text', 10, ['名字', '干部姓名', '人员姓名']),
  col('gender', '性别', 'code', 6),
  col('ethnicity', '民族', 'code', 8),
  col('birthDate', '出生年月', 'date', 10, ['出生日期', '出生年月日', '出生时间']),
  col('age', '年龄', 'ignored', 6, [], false),
  col('idNumber', '身份证号', 'id', 21, ['身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '证件号', '身份证']),
  col('nativePlace', '籍贯', 'text', 10),
  col('politicalStatus', '政治面貌', 'code', 12),
  col('partyJoinDate', '入党时间', 'date', 10, ['入党日期', '入党年月']),
  col('workStartDate', '参加工作时间', 'date', 12, ['参工时间', '参加工作日期', '参加工作年月', '工作时间', '工作年月']),
  col('communityWorkStartDate', '社区工作起始时间', 'date', 14, ['社区工作开始时间', '从事社区工作时间', '社区工作时间', '进入社区工作时间', '上岗时间', '社区工作起始日期']),
  col('communityYears', '社区工作年限', 'ignored', 8, [], false),
  col('ftEducation', '全日制学历', 'code', 12, ['学历', '最高学历', '全日制教育学历', '文化程度', '第一学历', '全日制教育', '学历学位', '全日制学历学位']),
  col('ftDegree', '全日制学位', 'code', 10, ['学位', '最高学位', '全日制教育学位']),
  col('ftSchoolMajor', '全日制院校专业', 'text', 22, ['毕业院校', '毕业院校及专业', '毕业院校系及专业', '全日制毕业院校系及专业', '院校专业', '全日制教育院校专业', '全日制教育毕业院校系及专业', '所学专业', '专业', '全日制专业']),
  col('ptEducation', '在职学历', 'code', 10, ['在职教育学历', '在职教育', '在职最高学历', '在职学历学位']),
  col('ptDegree', '在职学位', 'code', 10, ['在职教育学位']),
  col('ptSchoolMajor', '在职院校专业', 'text', 22, ['在职毕业院校系及专业', '在职毕业院校及专业', '在职教育院校专业', '在职教育毕业院校系及专业', '在职专业']),
  col('posts', '职务', 'posts', 18, ['现任职务', '现职务', '担任职务', '任职情况', '职务(多选)']),
  col('partyPosts', '党内职务', 'posts', 14, [], false),
  col('adminPosts', '行政职务', 'posts', 14, [], false),
  col('sidePosts', '兼任职务', 'posts', 14, ['兼职', '兼任职务一', '兼任职务二'], false),
  col('oneShoulder', '一肩挑', 'bool', 8, ['是否一肩挑']),
  col('crossPosting', '交叉任职', 'bool', 8, ['是否交叉任职']),
  col('reserveCadre', '后备干部', 'bool', 8, ['是否后备干部']),
  col('postCategory', '岗位类别', 'code', 8, ['岗位', '岗位类型']),
  col('swQualification', '社工职业资格', 'code', 12, ['社工资格', '职业资格', '社会工作者职业资格', '社会工作资格证书', '社会工作资格证书获得情况', '社工证书', '社会工作者证书']),
  col('swQualificationDate', '社工资格取得时间', 'date', 14, ['资格取得时间', '社工资格取得日期', '取得时间', '授予时间', '获取证书时间', '社工证书取得时间']),
  col('phone', '联系电话', 'phone', 14, ['电话', '手机', '手机号', '手机号码', '联系方式', '电话号码']),
  col('grid', '所在网格', 'text', 10, ['网格']),
  col('remarks', '备注', 'text', 20),
  // Recognised columns the roster has no field for: read, named in a notice, not stored.
  col('unstored', '（不导入）', 'ignored', 0, ['任职年月', '岗级', '转正时间', '干部来源', '人员来源', '特长', '是否退休', '是否辞职', '辞职日期', '辞职描述', '即将退休日期', '创建时间', '最后修改时间', '简历', '任职情况说明'], false),
];

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));

/**
 * Header cells as people make them: 「*姓名」, 「出生年月\n(YYYY.MM)」, 「身 份 证 号」, full-width
 * letters, quotes around 一肩挑. Fold all of that away before comparing.
 */
export function foldHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\s*"'“”‘’、:：]/g, '')
    .toLowerCase();
}

const byFolded = new Map<string, string>();
for (const c of COLUMNS) {
  for (const a of [c.header, ...c.aliases]) if (!byFolded.has(foldHeader(a))) byFolded.set(foldHeader(a), c.key);
}

/** The field a header cell names, or null when it is not a column we know. */
export function matchHeader(raw: string): string | null {
  const f = foldHeader(raw);
  return f ? (byFolded.get(f) ?? null) : null;
}
