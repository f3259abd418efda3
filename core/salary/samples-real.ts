import type { SchemeConfigInput } from './scheme-schema.ts';

// Four schemes from real places (../shared/domain-2.md §2), shipped as 示例 a county can copy
// and edit. Published figures are kept as published; where a document leaves a figure to
// local data (山东's base and coefficients, every 绩效 coefficient) the number is marked 示例.

export interface RealSample {
  key: string;
  name: string;
  docNo: string | null;
  source: string;
  config: SchemeConfigInput;
}

const GRADES: SchemeConfigInput['grades'] = [
  { grade: '优秀', action: 'advance', performance: 0 },
  { grade: '称职', action: 'advance', performance: 0 },
  { grade: '合格', action: 'advance', performance: 0 },
  { grade: '基本称职', action: 'hold', performance: 0 },
  { grade: '基本合格', action: 'hold', performance: 0 },
  { grade: '不称职', action: 'hold', performance: 0 },
  { grade: '不合格', action: 'hold', performance: 0 },
];
const yuan = (n: number) => n * 100;

// 厦翔民〔2013〕46号: 12 档 基本工资 + 岗位工资 + 津(补)贴 per post; +1 档 every full 2 years, all 合格+.
function xiangan2013(): SchemeConfigInput {
  const steps = [1200, 1230, 1260, 1300, 1340, 1380, 1430, 1480, 1540, 1600, 1670, 1740].map(yuan);
  const posts: [string, '正职' | '副职' | '其他' | null, number, number][] = [
    ['社区正职', '正职', 1100, 800], ['社区副职', '副职', 900, 600], ['社区专职委员', null, 800, 500],
    ['一般社区专职工作者', '其他', 700, 400], ['社区工作站工作人员', null, 500, 300],
  ];
  return {
    levelCount: 12,
    posts: posts.map(([name, category]) => ({ name, category, minLevel: 1, maxLevel: 12 })),
    amountModel: { kind: 'table', rows: posts.map(([post]) => ({ post, amounts: steps })) },
    postPay: posts.map(([post, , pay, allowance]) => ({ post, amountFen: yuan(pay), allowanceFen: yuan(allowance) })),
    stepYears: 2,
    stepRules: { failedYear: 'resets' },
    educationCredits: [],
    qualificationCredits: [],
    allowances: [],
    performanceKind: 'amount',
    grades: GRADES,
  };
}

// 陕西 2015: 基础报酬 by 学历 + 工作/生活补贴 + 职称补贴 + 年限报酬 15 元 per full year + 居委会 post allowance.
function shaanxi2015(): SchemeConfigInput {
  const posts: [string, '正职' | '副职' | '其他' | null, number][] = [
    ['居委会主任', '正职', 1100], ['居委会副主任', '副职', 800], ['居委会委员', null, 600], ['专职工作人员', '其他', 0],
  ];
  const edu = (education: '大专' | '本科' | '硕士', v: number) => ({ education, fullTimeFen: yuan(v), partTimeFen: yuan(v) });
  return {
    levelCount: 1,
    posts: posts.map(([name, category]) => ({ name, category, minLevel: 1, maxLevel: 1 })),
    amountModel: { kind: 'none' },
    postPay: posts.filter(([, , a]) => a > 0).map(([post, , a]) => ({ post, amountFen: 0, allowanceFen: yuan(a) })),
    stepYears: 1,
    educationCredits: [],
    qualificationCredits: [],
    allowances: [
      // 研究生 1,800: the scheme's 硕士 tier, which a 博士 also reaches.
      { kind: 'education', name: '基础报酬', rates: [edu('大专', 1000), edu('本科', 1300), edu('硕士', 1800)] },
      { kind: 'fixed', name: '工作补贴', amountFen: yuan(700) },
      { kind: 'fixed', name: '生活补贴', amountFen: yuan(500) },
      { kind: 'qualification', name: '职称补贴', rates: [
        { qualification: '助理社工师', amountFen: yuan(100) }, { qualification: '社工师', amountFen: yuan(200) }, { qualification: '高级社工师', amountFen: yuan(300) },
      ] },
      { kind: 'perYear', name: '年限报酬', amountFen: yuan(15) },
    ],
    performanceKind: 'amount',
    grades: GRADES,
  };
}

// 山东 三岗十八级 (articles 18–22): base × level coefficient, 70 % monthly and 30 % 绩效 settled by
// the year's grade; 社工证 职业津贴 100/200/300; 本科/硕士/博士 +1/+2/+3 levels (3/6/9 years at 3 years a level).
function shandong(): SchemeConfigInput {
  return {
    levelCount: 18,
    posts: [
      { name: '社区正职', category: '正职', minLevel: 7, maxLevel: 18 },
      { name: '社区副职', category: '副职', minLevel: 4, maxLevel: 15 },
      { name: '社区工作人员', category: '其他', minLevel: 1, maxLevel: 12 },
    ],
    amountModel: {
      kind: 'coefficient', baseFen: yuan(4000),
      baseSource: '当地街道事业编新入职人员试用期满执行定级工资标准人员平均应发工资（示例数 4000 元，须按本地填写）',
      baseEdition: '示例',
      coefficients: Array.from({ length: 18 }, (_, i) => Number((1 + i * 0.05).toFixed(2))),
    },
    stepYears: 3,
    educationCredits: [{ education: '本科', years: 3 }, { education: '硕士', years: 6 }, { education: '博士', years: 9 }],
    qualificationCredits: [],
    allowances: [{ kind: 'qualification', name: '职业津贴', rates: [
      { qualification: '助理社工师', amountFen: yuan(100) }, { qualification: '社工师', amountFen: yuan(200) }, { qualification: '高级社工师', amountFen: yuan(300) },
    ] }],
    performanceKind: 'amount',
    performancePay: {
      mode: 'withheld', withheldPercent: 30,
      // 示例 coefficients: the text names the grades, not their coefficients; 不合格 gets nothing.
      settlementGrades: [{ grade: '优秀', coefficient: 1.2 }, { grade: '合格', coefficient: 1 }, { grade: '基本合格', coefficient: 0.8 }],
    },
    grades: GRADES,
  };
}

// 西安 2019: annual pay = base × a coefficient per (post, level); base = 2018 人均可支配收入 38,724
// 元/年 = 3,227 元/月. Published: only each post's monthly minimum and maximum, in whole 元, which no
// 4-decimal coefficient of 3,227 reproduces exactly (3,200 / 3,227 = 0.99163…). So the sample is a
// table per (post, level) in whole 元: the published ends exactly, the 10 levels between
// interpolated evenly [INFERRED]. A county holding the official coefficients enters them instead.
function xian2019(): SchemeConfigInput {
  const posts: [string, '正职' | '副职' | '其他', number, number][] = [
    ['社区正职（一肩挑）', '正职', 3800, 5400], ['社区副职', '副职', 3480, 4920], ['一般工作人员', '其他', 3200, 4450],
  ];
  return {
    levelCount: 12,
    posts: posts.map(([name, category]) => ({ name, category, minLevel: 1, maxLevel: 12 })),
    amountModel: {
      kind: 'table',
      rows: posts.map(([post, , min, max]) => ({ post, amounts: Array.from({ length: 12 }, (_, i) => yuan(Math.round(min + ((max - min) * i) / 11))) })),
    },
    stepYears: 3,
    educationCredits: [],
    qualificationCredits: [],
    allowances: [],
    probation: { months: 3, percent: 80, ofPost: '一般工作人员', performancePaid: false },
    performanceKind: 'amount',
    grades: GRADES,
  };
}

export function realSamples(): RealSample[] {
  return [
    { key: 'xiangan-2013', name: '示例：厦门翔安区 2013 社区专职工作者薪酬', docNo: '厦翔民〔2013〕46号',
      source: 'http://xiangan.gov.cn/zfxxgk/qrmzfjgzb/XM06106/zfxxgkml/gfxwj/201310/t20131015_295451.htm', config: xiangan2013() },
    { key: 'shaanxi-2015', name: '示例：陕西 2015 城镇社区专职工作人员报酬', docNo: null,
      source: 'http://m.xa.bendibao.com/job/54985.shtm（各转载金额不一，按本地文件核对）', config: shaanxi2015() },
    { key: 'shandong', name: '示例：山东 三岗十八级（基数与系数为示例）', docNo: null, source: 'https://www.zbrczp.cn/article/43673.html', config: shandong() },
    { key: 'xian-2019', name: '示例：西安 2019 社区工作者职业体系', docNo: null, source: 'https://www.tiandeloan.com/resources/63908.html', config: xian2019() },
  ];
}
