import { checkChar } from '../roster/id-number.ts';
import { addYears, toIsoDate } from '../roster/dates.ts';
import type { PersonInput } from '../roster/person-schema.ts';

// A deterministic, realistic demo dataset: valid ID numbers, Chinese names, plausible
// dates and a sensible set of posts per community. Used for demos and benchmarks.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志海燕鹏辉丹宁晓雪梅琳颖婷浩宇欣怡佳子涵博文俊凯晨阳雨萱思远嘉';
const STREETS = ['人民路', '西兰路', '渭阳', '吴家堡', '陈杨寨', '古渡', '沣东', '钓台', '马庄', '双照', '马泉', '渭滨', '兴平路', '秦都', '咸通'];
const COMMUNITY_WORDS = ['新城', '朝阳', '幸福', '和平', '建设', '团结', '光明', '友谊', '文汇', '育才', '长庆', '安康', '锦绣', '东风', '翠园', '金桥'];

export interface DemoOrg {
  key: string;
  level: 'county' | 'street' | 'community';
  parentKey: string | null;
  name: string;
  code: string;
}

export interface DemoData {
  orgs: DemoOrg[];
  /** Each person with the key of their community in place of `orgId`. */
  people: (Omit<PersonInput, 'orgId'> & { orgKey: string })[];
}

export function generateDemo(opts: { communities: number; people: number; seed?: number; today: string }): DemoData {
  const rnd = mulberry32(opts.seed ?? 20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ch = (s: string): string => s[Math.floor(rnd() * s.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const countyCode = '610402000000';
  const orgs: DemoOrg[] = [{ key: 'county', level: 'county', parentKey: null, name: '秦都区', code: countyCode }];
  const perStreet = 10;
  const communities: DemoOrg[] = [];
  for (let i = 0; i < opts.communities; i++) {
    const s = Math.floor(i / perStreet);
    if (i % perStreet === 0) {
      const name = `${STREETS[s % STREETS.length]}${s >= STREETS.length ? String(Math.floor(s / STREETS.length) + 1) : ''}街道`;
      orgs.push({ key: `s${s}`, level: 'street', parentKey: 'county', name, code: `610402${String(s + 1).padStart(3, '0')}000` });
    }
    const c = (i % perStreet) + 1;
    const word = COMMUNITY_WORDS[(i * 7) % COMMUNITY_WORDS.length]!;
    const org: DemoOrg = { key: `c${i}`, level: 'community', parentKey: `s${s}`, name: `${word}${i >= COMMUNITY_WORDS.length ? String(i) : ''}社区`, code: `610402${String(s + 1).padStart(3, '0')}${String(c).padStart(3, '0')}` };
    orgs.push(org);
    communities.push(org);
  }
  const usedIds = new Set<string>();
  const people: DemoData['people'] = [];
  for (let i = 0; i < opts.people; i++) {
    const org = communities[i % communities.length]!;
    const rank = Math.floor(i / communities.length);
    const gender = rnd() < 0.58 ? '女' : '男';
    const birthDate = toIsoDate(int(1966, 2001), int(1, 12), int(1, 28));
    let idNumber: string;
    do {
      const seq = int(0, 499) * 2 + (gender === '男' ? 1 : 0);
      const first17 = `610402${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + checkChar(first17);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const isParty = rank < 5 || rnd() < 0.55;
    // Clamped to today without drawing extra random numbers, so the rest of the dataset is unchanged.
    const notFuture = (d: string, fallback: string) => (d > opts.today ? fallback : d);
    const workStart = notFuture(addYears(birthDate, int(18, 24)), addYears(birthDate, 18));
    let communityStart = addYears(workStart, int(0, 8));
    if (communityStart > opts.today) communityStart = workStart;
    const posts = rank === 0 ? ['书记', '居委会主任'] : rank === 1 ? ['副书记'] : rank === 2 ? ['居委会副主任'] : rank < 5 ? ['党组织委员'] : [rnd() < 0.5 ? '专职社区工作者' : '网格员'];
    const edu = pick(['大学本科', '大学本科', '大学专科', '大学专科', '研究生', '普通高中'] as const);
    people.push({
      orgKey: org.key,
      name: ch(SURNAMES) + ch(GIVEN) + (rnd() < 0.6 ? ch(GIVEN) : ''),
      gender, ethnicity: rnd() < 0.95 ? '汉族' : pick(['回族', '满族', '蒙古族', '土家族']),
      birthDate, idNumber,
      nativePlace: pick(['陕西咸阳', '陕西西安', '陕西宝鸡', '甘肃天水', '河南洛阳']),
      politicalStatus: isParty ? '中共党员' : pick(['群众', '共青团员', '群众']),
      partyJoinDate: isParty ? notFuture(addYears(birthDate, int(19, 30)), addYears(birthDate, 18)) : null,
      workStartDate: workStart, communityWorkStartDate: communityStart,
      ftEducation: edu, ftDegree: edu === '研究生' ? '硕士' : edu === '大学本科' ? '学士' : null,
      ftSchoolMajor: edu === '普通高中' ? null : pick(['西北大学社会工作', '陕西师范大学汉语言文学', '西安石油大学行政管理', '咸阳师范学院思想政治教育']),
      posts, oneShoulder: rank === 0, reserveCadre: rank > 4 && rnd() < 0.1,
      postCategory: rank === 0 ? '正职' : rank < 3 ? '副职' : '其他',
      swQualification: rnd() < 0.35 ? pick(['助理社工师', '社工师', '社工师', '高级社工师']) : null,
      phone: `1${ch('356789')}${String(int(0, 999999999)).padStart(9, '0')}`,
      grid: rank >= 5 ? `第${int(1, 8)}网格` : null,
    });
  }
  // Partial parity with the posts: a qualification date only where there is a qualification.
  for (const p of people) if (p.swQualification) p.swQualificationDate = addYears(p.communityWorkStartDate!, 1) <= opts.today ? addYears(p.communityWorkStartDate!, 1) : p.communityWorkStartDate;
  return { orgs, people };
}
