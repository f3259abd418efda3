// Code tables (see shared domain notes §4). Values are stored as the current display name;
// `aliases` are old spellings and common variants that imports and the API accept and
// normalise. Sources: GB/T 2261.1, GB 3304, GB/T 4762, GB/T 4658.

export interface CodeEntry {
  code: string;
  name: string;
  aliases?: string[];
  /** Extensions some local systems use; valid, but not part of the national standard. */
  optional?: boolean;
}

export interface CodeTable {
  key: string;
  label: string;
  standard?: string;
  entries: CodeEntry[];
}

const ETHNIC_NAMES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const RENAMED: Record<string, string> = { 毛南族: '毛难族', 德昂族: '崩龙族' };

function ethnicEntries(): CodeEntry[] {
  const list: CodeEntry[] = ETHNIC_NAMES.map((name, i) => {
    const aliases = [name.slice(0, -1)];
    const old = RENAMED[name];
    if (old) aliases.push(old, old.slice(0, -1));
    return { code: String(i + 1).padStart(2, '0'), name, aliases };
  });
  list.push({ code: '97', name: '其他', aliases: ['未识别民族', '其他民族'] });
  list.push({ code: '98', name: '外国血统中国籍人士', aliases: ['外国血统'] });
  return list;
}

export const GENDERS = ['男', '女'] as const;
export const POLITICAL_STATUSES = [
  '中共党员', '中共预备党员', '共青团员', '民革党员', '民盟盟员', '民建会员', '民进会员',
  '农工党党员', '致公党党员', '九三学社社员', '台盟盟员', '无党派人士', '群众', '入党积极分子', '其他',
] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中等职业教育', '普通高中', '初中', '小学', '其他'] as const;
export const DEGREES = ['博士', '硕士', '学士', '无'] as const;
export const POSTS = [
  '书记', '副书记', '党组织委员', '居委会主任', '居委会副主任', '居委会委员', '专职社区工作者', '网格员', '第一书记',
] as const;
export const POST_CATEGORIES = ['正职', '副职', '其他'] as const;
export const SW_QUALIFICATIONS = ['助理社工师', '社工师', '高级社工师'] as const;
export const PERSON_STATUSES = ['在岗', '离任', '退休', '解聘'] as const;
export const LEAVING_STATUSES = ['离任', '退休', '解聘'] as const;
export const ORG_LEVELS = ['county', 'street', 'community'] as const;

const simple = (names: readonly string[], aliases: Record<string, string[]> = {}): CodeEntry[] =>
  names.map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name, aliases: aliases[name] ?? [] }));

export const CODE_TABLES: CodeTable[] = [
  { key: 'gender', label: '性别', standard: 'GB/T 2261.1', entries: [
    { code: '1', name: '男', aliases: ['男性'] }, { code: '2', name: '女', aliases: ['女性'] }] },
  { key: 'ethnicity', label: '民族', standard: 'GB 3304', entries: ethnicEntries() },
  { key: 'politicalStatus', label: '政治面貌', standard: 'GB/T 4762', entries: POLITICAL_STATUSES.map((name, i) => ({
    code: i < 13 ? String(i + 1).padStart(2, '0') : i === 13 ? '14' : '99',
    name,
    aliases: ({ 中共党员: ['中国共产党党员', '党员'], 中共预备党员: ['中国共产党预备党员', '预备党员'],
      共青团员: ['团员', '中国共产主义青年团团员'], 无党派人士: ['无党派民主人士', '无党派'] } as Record<string, string[]>)[name] ?? [],
    ...(i >= 13 ? { optional: true } : {}),
  })) },
  { key: 'education', label: '学历', standard: 'GB/T 4658', entries: simple(EDUCATIONS, {
    研究生: ['博士研究生', '硕士研究生', '研究生毕业', '博士', '硕士'], 大学本科: ['本科', '大学'], 大学专科: ['专科', '大专'],
    中等职业教育: ['中专', '职高', '技校', '中技'], 普通高中: ['高中'], 初中: ['初中及以下'] }) },
  { key: 'degree', label: '学位', entries: simple(DEGREES, { 博士: ['博士学位'], 硕士: ['硕士学位'], 学士: ['学士学位'] }) },
  { key: 'post', label: '职务', entries: simple(POSTS, {
    书记: ['党组织书记', '党委书记', '党总支书记', '党支部书记', '社区书记'], 党组织委员: ['委员', '党委委员', '支委委员'],
    居委会主任: ['主任', '社区主任'], 居委会副主任: ['副主任'], 居委会委员: ['居委委员'], 专职社区工作者: ['社区工作者', '社工', '专职社工'] }) },
  { key: 'postCategory', label: '岗位类别', entries: simple(POST_CATEGORIES, {
    正职: ['社区正职'], 副职: ['社区副职'], 其他: ['其他工作人员', '一般工作人员', '工作人员', '普通社工', '其他人员'] }) },
  { key: 'swQualification', label: '社工职业资格', entries: simple(SW_QUALIFICATIONS, {
    助理社工师: ['助理社会工作师', '全国助理社会工作师', '初级社工师'], 社工师: ['社会工作师', '中级社工师', '全国社会工作师'],
    高级社工师: ['高级社会工作师', '全国高级社会工作师'] }) },
  { key: 'personStatus', label: '状态', entries: simple(PERSON_STATUSES, { 离任: ['离职'] }) },
];

const byKey = new Map(CODE_TABLES.map((t) => [t.key, t]));

export function codeTable(key: string): CodeTable {
  const t = byKey.get(key);
  if (!t) throw new Error(`unknown code table ${key}`);
  return t;
}

// Lookups tolerate what people type: surrounding spaces and full-width characters.
function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

const aliasIndex = new Map<string, Map<string, string>>();
for (const t of CODE_TABLES) {
  const m = new Map<string, string>();
  for (const e of t.entries) {
    m.set(fold(e.name), e.name);
    m.set(e.code, e.name);
    for (const a of e.aliases ?? []) if (!m.has(fold(a))) m.set(fold(a), e.name);
  }
  aliasIndex.set(t.key, m);
}

/** The canonical name for a value typed in any accepted spelling, or null if unknown. */
export function canonicalCode(key: string, value: string): string | null {
  return aliasIndex.get(key)?.get(fold(value)) ?? null;
}

export const ETHNICITIES = CODE_TABLES[1]!.entries.map((e) => e.name) as [string, ...string[]];
