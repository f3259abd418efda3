import { canonicalCode } from '../codes/tables.ts';

// 学历 as written in simple rosters (shared domain notes §1.3, the 涪陵 importer's variants):
// 大学, 大学本科及以上学历, 大专学历, 大学本科毕业, 中央党校研究生, 研究生肄业 … → GB/T 4658.
// The importer stores the mapped name and keeps the text as written beside it.

const RULES: [RegExp, string][] = [
  [/研究生|博士|硕士/, '研究生'],
  [/专科|大专|高职/, '大学专科'],
  [/本科|大学/, '大学本科'],
  [/中专|中等专业|中等职业|职高|职业高中|技校|技工|中技/, '中等职业教育'],
  [/高中/, '普通高中'],
  [/初中/, '初中'],
  [/小学/, '小学'],
];

/** The GB/T 4658 name for an education text, or null when it cannot be told. */
export function mapEducation(text: string): string | null {
  const exact = canonicalCode('education', text);
  if (exact) return exact;
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  for (const [re, name] of RULES) if (re.test(s)) return name;
  return null;
}
