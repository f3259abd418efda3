import type { SchemeConfigInput } from './scheme-schema.ts';

// The one scheme the app ships: the Variant A skeleton of 三岗十八级 (shared domain notes
// §1.2) with ILLUSTRATIVE numbers. No county has published these amounts; the name and the
// `sample` flag say 示例 so nobody mistakes them for an official table.

export const SAMPLE_SCHEME_NAME = '示例：三岗十八级（金额仅为示例，须按本地文件修改）';

export function sampleSchemeConfig(): SchemeConfigInput {
  const levelCount = 18;
  return {
    levelCount,
    posts: [
      { name: '社区正职', category: '正职', minLevel: 7, maxLevel: 18 },
      { name: '社区副职', category: '副职', minLevel: 4, maxLevel: 15 },
      { name: '其他社区工作者', category: '其他', minLevel: 1, maxLevel: 12 },
    ],
    // 示例 base 3000.00 元 × a coefficient rising by 0.05 per level.
    amountModel: {
      kind: 'coefficient',
      baseFen: 300_000,
      coefficients: Array.from({ length: levelCount }, (_, i) => Number((1 + i * 0.05).toFixed(2))),
    },
    stepYears: 3,
    educationCredits: [
      { education: '本科', years: 3 },
      { education: '硕士', years: 5 },
      { education: '博士', years: 7 },
    ],
    countPartTimeEducation: true,
    qualificationCredits: [
      { qualification: '助理社工师', kind: 'allowance', levels: 0, allowanceFen: 20_000 },
      { qualification: '社工师', kind: 'levels', levels: 1, allowanceFen: 0 },
      { qualification: '高级社工师', kind: 'levels', levels: 2, allowanceFen: 0 },
    ],
    allowances: [
      { kind: 'seniority', name: '服务年限津贴（示例）', bands: [
        { minYears: 0, amountFen: 0 }, { minYears: 5, amountFen: 10_000 }, { minYears: 10, amountFen: 20_000 }, { minYears: 20, amountFen: 30_000 },
      ] },
    ],
    performanceKind: 'coefficient',
    grades: [
      { grade: '优秀', action: 'advance', performance: 0.3 },
      { grade: '称职', action: 'advance', performance: 0.2 },
      { grade: '基本称职', action: 'hold', performance: 0.1 },
      { grade: '不称职', action: 'demote', performance: 0 },
    ],
  };
}
