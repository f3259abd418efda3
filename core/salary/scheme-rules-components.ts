import type { SchemeConfig } from './scheme-schema.ts';

// Cross-field rules of the optional components (issue 15): every post, grade and group a
// component names must exist, and names must not repeat.

type Add = (path: string, message: string) => void;

export function checkComponents(c: SchemeConfig, add: Add): void {
  const posts = new Set(c.posts.map((p) => p.name));
  const seenPost = new Set<string>();
  c.postPay.forEach((r, i) => {
    if (!posts.has(r.post)) add(`postPay.${i}.post`, `「岗位工资」的岗位“${r.post}”不在岗位列表中`);
    if (seenPost.has(r.post)) add(`postPay.${i}.post`, `「岗位工资」的岗位“${r.post}”重复`);
    seenPost.add(r.post);
  });
  const names = new Set<string>();
  c.allowances.forEach((a, i) => {
    if (names.has(a.name)) add(`allowances.${i}.name`, `「津贴名称」“${a.name}”重复`);
    names.add(a.name);
    if (a.kind === 'education') {
      const seen = new Set<string>();
      a.rates.forEach((r, j) => {
        if (seen.has(r.education)) add(`allowances.${i}.rates.${j}.education`, `「津贴“${a.name}”的学历」“${r.education}”重复`);
        seen.add(r.education);
      });
    }
    if (a.kind === 'qualification') {
      const seen = new Set<string>();
      a.rates.forEach((r, j) => {
        if (seen.has(r.qualification)) add(`allowances.${i}.rates.${j}.qualification`, `「津贴“${a.name}”的证书」“${r.qualification}”重复`);
        seen.add(r.qualification);
      });
    }
  });
  const p = c.probation;
  if (p?.ofPost && !posts.has(p.ofPost)) add('probation.ofPost', `「试用期参照岗位」“${p.ofPost}”不在岗位列表中`);
  const pay = c.performancePay;
  if (pay.mode === 'withheld' && pay.withheldPercent <= 0) add('performancePay.withheldPercent', '「预留比例」按比例预留绩效时应大于 0');
  const grades = new Set(c.grades.map((g) => g.grade));
  const seenGrade = new Set<string>();
  pay.settlementGrades.forEach((g, i) => {
    if (!grades.has(g.grade)) add(`performancePay.settlementGrades.${i}.grade`, `「年终考核系数」的等次“${g.grade}”不在考核等次中`);
    else if (seenGrade.has(g.grade)) add(`performancePay.settlementGrades.${i}.grade`, `「年终考核系数」的等次“${g.grade}”重复`);
    seenGrade.add(g.grade);
  });
  const seenCoef = new Set<string>();
  pay.postCoefficients.forEach((r, i) => {
    if (!posts.has(r.post)) add(`performancePay.postCoefficients.${i}.post`, `「岗位系数」的岗位“${r.post}”不在岗位列表中`);
    if (seenCoef.has(r.post)) add(`performancePay.postCoefficients.${i}.post`, `「岗位系数」的岗位“${r.post}”重复`);
    seenCoef.add(r.post);
  });
  const s = c.stepRules;
  if (s.earlyStep && !grades.has(s.earlyStep.grade)) add('stepRules.earlyStep.grade', `「提前晋级考核等次」“${s.earlyStep.grade}”不在考核等次中`);
  if (s.demoteAfter && !grades.has(s.demoteAfter.grade)) add('stepRules.demoteAfter.grade', `「降级考核等次」“${s.demoteAfter.grade}”不在考核等次中`);
  const reasons = new Set<string>();
  c.levelBonuses.forEach((b, i) => {
    if (reasons.has(b.reason)) add(`levelBonuses.${i}.reason`, `「加级事由」“${b.reason}”重复`);
    reasons.add(b.reason);
  });
  const labels = new Set<string>();
  c.deductions.forEach((d, i) => {
    const label = d.label ?? d.key;
    if (labels.has(label)) add(`deductions.${i}.label`, `「代扣项目」“${label}”重复`);
    labels.add(label);
  });
}
