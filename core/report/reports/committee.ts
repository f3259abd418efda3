import { defineReport } from '../def.ts';
import { isLeaf, orgGroups, unitsUnder } from '../groups.ts';
import { eduRank, isCommitteeMember, isCrossPosted, isOneShoulder, loadPeople, type StatPerson } from '../people.ts';
import type { Column } from '../table.ts';

// 城市民主选举两委成员情况 (民政 R11, domain-2 §5.2): the 两委 members of each community.
// The roster holds no election history or 来源 category, so 连选连任 and 新当选 are printed
// as 未记录 and the 来源 block is left out (said in the notes, not silently dropped).

type C = Column<StatPerson>;
const count = (key: string, label: string, group: string, test: (p: StatPerson) => boolean): C => ({ key, label, group, kind: 'count', test, unit: '人' });
const notRecorded = (key: string, label: string): C => ({ key, label, group: '当选两委成员', kind: 'text', text: () => '未记录' });

export const committeeColumns: C[] = [
  count('total', '总人数', '当选两委成员', () => true),
  count('women', '妇女人数', '当选两委成员', (p) => p.gender === '女'),
  count('party', '党员人数', '当选两委成员', (p) => p.politicalStatus === '中共党员' || p.politicalStatus === '中共预备党员'),
  notRecorded('reelected', '连选连任人数'),
  notRecorded('newlyElected', '新当选人数'),
  count('under30', '30岁以下', '当选两委成员', (p) => p.age < 30),
  count('from30to60', '30–60岁', '当选两委成员', (p) => p.age >= 30 && p.age <= 60),
  count('over60', '60岁以上', '当选两委成员', (p) => p.age > 60),
  count('college', '大专及以上', '当选两委成员', (p) => eduRank(p.highestEducation) >= 5),
  count('highSchool', '高中及以下', '当选两委成员', (p) => eduRank(p.highestEducation) < 5),
  count('cross', '两委交叉任职人数', '两委成员情况', isCrossPosted),
  count('oneShoulder', '书记主任一人兼人数', '两委成员情况', isOneShoulder),
  {
    key: 'oneShoulderYes', label: '是否主任书记一人兼', group: '两委成员情况', kind: 'text',
    text: (items, row) => {
      const yes = items.some(isOneShoulder);
      if (isLeaf(row.level)) return yes ? '是' : '否';
      return '';
    },
  },
];

export const committeeReport = defineReport<StatPerson>({
  name: 'committee',
  title: '城市民主选举两委成员情况',
  period: 'asOf',
  summary: '民政 R11 式两委成员情况：人数、妇女、党员、年龄段、学历、交叉任职、书记主任一人兼',
  comparable: true,
  charts: [{ type: 'bar', columns: ['total', 'women', 'party', 'cross'], rows: 'leaf', title: '各社区两委成员' }],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const members = loadPeople(ctx, units.map((u) => u.id), p.asOf).filter(isCommitteeMember);
    return {
      unit: root,
      groups: orgGroups(root, units, members, (x) => x.orgId),
      columns: committeeColumns,
      member: (x) => ({ id: x.id, name: x.name, orgName: x.orgName, detail: `${x.posts.join('、')}，${x.age} 岁` }),
      notes: [
        `两委成员：${p.asOf} 在岗且担任书记、副书记、党组织委员、居委会主任、副主任或委员的人员。`,
        '花名册不记录换届届次与成员来源，“连选连任”“新当选”及“来源”各栏无法统计。',
      ],
    };
  },
});
