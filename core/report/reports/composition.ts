import { defineReport } from '../def.ts';
import { orgGroups, unitsUnder } from '../groups.ts';
import { eduRank, isCommitteeMember, isCrossPosted, isOneShoulder, loadPeople, type StatPerson } from '../people.ts';
import type { Column } from '../table.ts';
import { ageBandColumns } from './age-bands.ts';

// 队伍结构 (domain-2 §5.1 column set, with the shares and rates of §5.5): every person in post
// on the reference date, per street and community, with a 合计 row.

type C = Column<StatPerson>;
const count = (key: string, label: string, group: string, test: (p: StatPerson) => boolean): C => ({ key, label, group, kind: 'count', test, unit: '人' });
const rate = (key: string, label: string, group: string, num: string, den: string): C => ({ key, label, group, kind: 'rate', rate: { num, den }, unit: '%' });

/** Education buckets (GB/T 4658 names) with 高中及以下 gathering the rest; `edu` picks 全日制 or 最高. */
function eduColumns(prefix: string, group: string, edu: (p: StatPerson) => string | null): C[] {
  return [
    count(`${prefix}_pg`, '研究生', group, (p) => edu(p) === '研究生'),
    count(`${prefix}_ug`, '本科', group, (p) => edu(p) === '大学本科'),
    count(`${prefix}_jc`, '大专', group, (p) => edu(p) === '大学专科'),
    count(`${prefix}_hs`, '高中及以下', group, (p) => edu(p) !== null && eduRank(edu(p)) < 5),
    count(`${prefix}_none`, '未填', group, (p) => edu(p) === null),
  ];
}

const MAIN_PARTIES = ['中共党员', '中共预备党员', '共青团员', '群众'];
const NAMED_POSTS = ['书记', '副书记', '居委会主任', '居委会副主任', '专职社区工作者'];

export function compositionColumns(people: readonly StatPerson[], ageCuts: number[]): C[] {
  const levels = [...new Set(people.map((p) => p.level).filter((l): l is number => l !== null))].sort((a, b) => a - b);
  return [
    count('total', '总数', '基本情况', () => true),
    count('male', '男', '基本情况', (p) => p.gender === '男'),
    count('female', '女', '基本情况', (p) => p.gender === '女'),
    count('minority', '少数民族', '基本情况', (p) => p.ethnicity !== '汉族'),
    { key: 'avgAge', label: '平均年龄', group: '基本情况', kind: 'avg', value: (p) => p.age, unit: '岁' },
    ...ageBandColumns(ageCuts),
    ...eduColumns('ft', '全日制学历', (p) => p.ftEducation),
    ...eduColumns('hi', '最高学历', (p) => p.highestEducation),
    count('hiCollege', '大专及以上', '最高学历', (p) => eduRank(p.highestEducation) >= 5),
    rate('hiCollegeRate', '大专及以上占比', '最高学历', 'hiCollege', 'total'),
    count('hiBachelor', '本科及以上', '最高学历', (p) => eduRank(p.highestEducation) >= 6),
    rate('hiBachelorRate', '本科及以上占比', '最高学历', 'hiBachelor', 'total'),
    count('cpc', '中共党员', '政治面貌', (p) => p.politicalStatus === '中共党员'),
    count('probationary', '预备党员', '政治面貌', (p) => p.politicalStatus === '中共预备党员'),
    count('league', '共青团员', '政治面貌', (p) => p.politicalStatus === '共青团员'),
    count('masses', '群众', '政治面貌', (p) => p.politicalStatus === '群众'),
    count('otherPolitical', '其他', '政治面貌', (p) => !MAIN_PARTIES.includes(p.politicalStatus)),
    count('secretary', '书记', '任职情况', (p) => p.posts.includes('书记')),
    count('deputySecretary', '副书记', '任职情况', (p) => p.posts.includes('副书记')),
    count('director', '主任', '任职情况', (p) => p.posts.includes('居委会主任')),
    count('deputyDirector', '副主任', '任职情况', (p) => p.posts.includes('居委会副主任')),
    count('worker', '社工', '任职情况', (p) => p.posts.includes('专职社区工作者')),
    // §5.1's 其他: none of the posts named in this block.
    count('otherPost', '其他', '任职情况', (p) => !p.posts.some((x) => NAMED_POSTS.includes(x))),
    count('oneShoulder', '一肩挑', '任职情况', isOneShoulder),
    // 一肩挑率 is read against the secretaries: with one secretary per community it is the share of communities.
    rate('oneShoulderRate', '一肩挑率', '任职情况', 'oneShoulder', 'secretary'),
    count('committee', '两委成员', '任职情况', isCommitteeMember),
    count('cross', '交叉任职', '任职情况', (p) => isCommitteeMember(p) && isCrossPosted(p)),
    rate('crossRate', '交叉任职率', '任职情况', 'cross', 'committee'),
    count('catChief', '正职', '岗位', (p) => p.postCategory === '正职'),
    count('catDeputy', '副职', '岗位', (p) => p.postCategory === '副职'),
    count('catOther', '其他', '岗位', (p) => p.postCategory !== '正职' && p.postCategory !== '副职'),
    ...levels.map((l) => count(`level${l}`, `${l}级`, '岗级', (p) => p.level === l)),
    count('levelNone', '未定级', '岗级', (p) => p.level === null),
    count('swSenior', '高级社工师', '社工证', (p) => p.swQualification === '高级社工师'),
    count('swMid', '社工师', '社工证', (p) => p.swQualification === '社工师'),
    count('swAssistant', '助理社工师', '社工证', (p) => p.swQualification === '助理社工师'),
    count('swNone', '无证', '社工证', (p) => p.swQualification === null),
    count('swHeld', '持证', '社工证', (p) => p.swQualification !== null),
    rate('swRate', '持证率', '社工证', 'swHeld', 'total'),
  ];
}

export const compositionReport = defineReport<StatPerson>({
  name: 'composition',
  title: '社区工作者队伍结构统计表',
  period: 'asOf',
  summary: '在岗人员的性别、民族、年龄、学历、政治面貌、任职、岗位岗级与社工证结构（按街道、社区小计并合计）',
  comparable: true,
  charts: [
    { type: 'bar', columns: ['total', 'hiBachelor', 'swHeld'], rows: 'leaf', title: '各社区人数、本科及以上与持证人数' },
    { type: 'pie', columns: ['hi_pg', 'hi_ug', 'hi_jc', 'hi_hs', 'hi_none'], rows: 'total', title: '最高学历构成' },
  ],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const people = loadPeople(ctx, units.map((u) => u.id), p.asOf);
    return {
      unit: root,
      groups: orgGroups(root, units, people, (x) => x.orgId),
      columns: compositionColumns(people, p.ageCuts),
      member: (x) => ({ id: x.id, name: x.name, orgName: x.orgName, detail: `${x.gender}，${x.age} 岁，${x.highestEducation ?? '学历未填'}，${x.posts.join('、')}` }),
      notes: [
        `统计口径：${p.asOf} 在岗人员（社区工作起始时间不晚于该日，且该日未离岗）；年龄按该日计算，生日当天计满。`,
        '一肩挑率 = 一肩挑人数 ÷ 书记人数；交叉任职率 = 交叉任职人数 ÷ 两委成员人数；持证率 = 持证人数 ÷ 总数。',
        '岗级取该日有效的薪级记录；人员所属社区为当前所属社区。',
      ],
    };
  },
});
