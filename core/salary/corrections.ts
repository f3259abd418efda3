import type { SalaryLevelRow } from '../../db/schema/index.ts';
import { fenToYuan } from './money.ts';
import type { PayCorrection } from './contract.ts';
import { monthStart, rowInEffect, versionInEffect } from './effective.ts';
import { computePayLine, type PayPerson } from './pay.ts';
import type { SchemeRecord } from './scheme-schema.ts';
import { netOf, type Seal } from './seal.ts';

// A change that would alter a sealed month (a scheme version, a level or a grade that now
// applies to it) never rewrites it. The open month shows the difference instead: what the
// sealed month would be today, minus what it paid and what later months already corrected.

export interface CorrectionBasis {
  schemes: readonly SchemeRecord[];
  history: ReadonlyMap<string, SalaryLevelRow[]>;
  grades: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

type Figures = { post: string; level: number; grade: string | null; baseFen: number; allowancesFen: number; performanceFen: number };

function why(was: Figures, now: Figures, year: number, schemeName: string): string {
  const parts: string[] = [];
  const y = (f: number) => `${fenToYuan(f)} 元`;
  if (was.post !== now.post || was.level !== now.level) parts.push(`岗级 ${was.post} ${was.level} 级→${now.post} ${now.level} 级`);
  else if (was.baseFen !== now.baseFen) parts.push(`等级工资 ${y(was.baseFen)}→${y(now.baseFen)}（薪酬方案“${schemeName}”）`);
  if (was.grade !== now.grade) parts.push(`${year} 年度考核 ${was.grade ?? '无'}→${now.grade ?? '无'}`);
  else if (was.performanceFen !== now.performanceFen) parts.push(`绩效工资 ${y(was.performanceFen)}→${y(now.performanceFen)}`);
  if (was.allowancesFen !== now.allowancesFen) parts.push(`津贴 ${y(was.allowancesFen)}→${y(now.allowancesFen)}`);
  return parts.join('，') || '金额重算';
}

/** The 补发 / 扣回 lines owed on `month` for the person's sealed months before it. */
export function correctionsFor(person: PayPerson & { id: string }, month: string, seals: ReadonlyMap<string, Seal> | undefined, basis: CorrectionBasis): PayCorrection[] {
  if (!seals) return [];
  const earlier = [...seals.keys()].filter((m) => m < month).sort();
  const out: PayCorrection[] = [];
  for (const sealed of earlier) {
    const seal = seals.get(sealed)!;
    const ref = monthStart(sealed);
    const scheme = versionInEffect(basis.schemes, ref);
    const cur = rowInEffect(basis.history.get(person.id) ?? [], ref);
    if (!scheme || !cur) continue;
    const year = Number(sealed.slice(0, 4)) - 1;
    const grade = basis.grades.get(person.id)?.get(year) ?? null;
    const now = computePayLine(scheme.config, cur.post, cur.level, person, grade, ref);
    let paid = netOf(seal.line);
    // totalFen has the 预留 share taken off: the withheld part of the difference is carried on its own.
    let withheld = seal.line.withheldFen - seal.line.corrections.reduce((t, c) => t + (c.withheldFen ?? 0), 0);
    for (const later of earlier) {
      if (later <= sealed) continue;
      for (const c of seals.get(later)!.line.corrections)
        if (c.month === sealed) {
          paid += c.amountFen;
          withheld += c.withheldFen ?? 0;
        }
    }
    const diff = now.totalFen - paid;
    const withheldDiff = now.withheldFen - withheld;
    if (!diff && !withheldDiff) continue;
    let reason = `${sealed} 已确认，${why(seal.line, { post: cur.post, level: cur.level, grade, ...now }, year, scheme.name)}`;
    if (withheldDiff) reason += `；预留绩效${withheldDiff > 0 ? '补记' : '扣减'} ${fenToYuan(Math.abs(withheldDiff))} 元，计入年终结算`;
    out.push({ month: sealed, kind: (diff || withheldDiff) > 0 ? '补发' : '扣回', amountFen: diff, reason, ...(withheldDiff ? { withheldFen: withheldDiff } : {}) });
  }
  return out;
}
