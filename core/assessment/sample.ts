import type { SchemeConfig } from './scheme-schema.ts';

// The shipped 示例 scheme. Its structure follows the 南湖区解放街道 example in domain.md §2.2
// (30/10/60, 德能勤绩廉). The thresholds, the 15% quota and the 1/3 veto are NOT confirmed
// by any source (§2.3) and are labelled 示例 so nobody mistakes them for policy.

export const SAMPLE_NAME_PREFIX = '【示例】';

export function sampleSchemeConfig(): SchemeConfig {
  return {
    components: [
      {
        key: 'street', name: '街道综合考评', weight: 30, source: 'scores',
        indicators: [
          { key: 'de', name: '德', maxPoints: 6, auto: null, children: [] },
          { key: 'neng', name: '能', maxPoints: 6, auto: null, children: [] },
          { key: 'qin', name: '勤', maxPoints: 6, auto: null, children: [] },
          { key: 'ji', name: '绩', maxPoints: 6, auto: null, children: [] },
          { key: 'lian', name: '廉', maxPoints: 6, auto: null, children: [] },
          { key: 'training', name: '年度培训学时', maxPoints: 4, auto: 'trainingHours', children: [] },
        ],
      },
      {
        key: 'peer', name: '社区干部互评', weight: 10, source: 'scores',
        indicators: [
          { key: 'peer_conduct', name: '品德言行与纪律', maxPoints: 4, auto: null, children: [] },
          { key: 'peer_skill', name: '知识技能与业绩', maxPoints: 3, auto: null, children: [] },
          { key: 'peer_team', name: '团队协作与沟通', maxPoints: 3, auto: null, children: [] },
        ],
      },
      { key: 'masses', name: '基层群众测评', weight: 60, source: 'votes', indicators: [] },
    ],
    gradeLabels: ['优秀', '称职', '基本称职', '不称职'],
    thresholds: [
      { grade: '优秀', minTotal: 90 },
      { grade: '称职', minTotal: 75 },
      { grade: '基本称职', minTotal: 60 },
      { grade: '不称职', minTotal: 0 },
    ],
    quota: { percent: 15, rounding: 'floor' },
    voteOptions: [
      { label: '优秀', points: 100 },
      { label: '称职', points: 80 },
      { label: '基本称职', points: 60 },
      { label: '不称职', points: 0 },
    ],
    vetoRules: [
      { kind: 'voteShare', option: '不称职', above: { num: 1, den: 3 }, grade: '不称职' },
      { kind: 'indicator', indicatorKey: 'lian', atOrBelow: 0, grade: '不称职' },
    ],
    integrityScale: ['好', '较好', '一般', '差'],
  };
}
