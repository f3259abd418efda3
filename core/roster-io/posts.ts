import { canonicalCode } from '../codes/tables.ts';

// 职务 as counties write them (shared domain notes §1.2): several posts in one cell, unit and
// grid prefixes, 党委/党总支/党支部 for the organisation form, 居民委员会 spelt out, 专职 as a
// qualifier, 「书记(兼居民委员会主任)」. Each part is normalised and looked up in the post table;
// what does not map is reported, never dropped (the text as written is stored beside the list).

/** Where a part came from: a 党内职务 column reads a bare 委员 as 党组织委员, a 行政职务 column as 居委会委员. */
export type PostSource = 'posts' | 'partyPosts' | 'adminPosts' | 'sidePosts';

export interface PostPart {
  /** The part as written. */
  text: string;
  /** The post-table name, or null when the part is not a known post. */
  post: string | null;
  /** 「一肩挑」 written as a post (multi-select exports). */
  oneShoulder?: boolean;
}

/** Splits a 职务 cell on 、 ， , / ； ; and 兼; parenthesised qualifiers such as （总支） go. */
export function splitPostText(text: string): string[] {
  const s = text
    .normalize('NFKC')
    .replace(/\((兼)/g, '、')
    .replace(/\([^)]*\)/g, '')
    .replace(/[)]/g, '');
  return s
    .split(/[、,，/／;；\s]+|兼任?/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const ORG_FORM = /党委|党总支|党支部|总支|支部|党组织/;

/** The normalised spelling of one part, before the code-table lookup. */
export function normalisePost(part: string, source: PostSource = 'posts'): string {
  let s = part.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/居民委员会/g, '居委会').replace(/村民委员会/g, '村委会').replace(/村委会/g, '居委会');
  // Unit prefixes: a grid name (横港第三网格…), 街道, 社区, 村, 居 — but not the 居 of 居委会.
  for (let i = 0; i < 4; i++) {
    const before = s;
    // A grid's own branch (网格党支部书记) is not the community's party organisation: only
    // 「…网格专职网格员」 loses its grid name.
    s = s.replace(/^[^、]*?网格(?=专职网格员|网格员)/, '');
    s = s.replace(/^(街道|社区|村|居(?!委会))/, '');
    s = s.replace(/^专职/, '');
    if (s === before) break;
  }
  s = s.replace(/专职/g, '');
  s = s.replace(ORG_FORM, '党组织');
  if (s === '书记' || s === '副书记' || s === '委员') {
    if (source === 'partyPosts') s = s === '委员' ? '党组织委员' : s;
    if (source === 'adminPosts') s = s === '委员' ? '居委会委员' : s;
  }
  if (source === 'adminPosts' && (s === '主任' || s === '副主任')) s = `居委会${s}`;
  if (s === '党组织书记') s = '书记';
  if (s === '党组织副书记') s = '副书记';
  return s;
}

/** Reads one cell's parts. `remembered` holds the clerk's choices for unknown spellings (null = keep as text only). */
export function readPosts(text: string, source: PostSource, remembered: (value: string) => string | null | undefined): PostPart[] {
  const out: PostPart[] = [];
  for (const part of splitPostText(text)) {
    if (/^一肩挑$/.test(part)) {
      out.push({ text: part, post: '书记', oneShoulder: true }, { text: part, post: '居委会主任', oneShoulder: true });
      continue;
    }
    if (/^(其他|其它|无)$/.test(part)) continue;
    const choice = remembered(part);
    if (choice !== undefined) {
      out.push({ text: part, post: choice });
      continue;
    }
    const n = normalisePost(part, source);
    out.push({ text: part, post: canonicalCode('post', n) ?? canonicalCode('post', part) });
  }
  return out;
}

const PARTY = new Set(['书记', '副书记', '党组织委员']);
const COMMITTEE = new Set(['居委会主任', '居委会副主任', '居委会委员']);

/** 一肩挑: the party secretary is also 居委会主任. */
export function derivedOneShoulder(posts: readonly string[]): boolean {
  return posts.includes('书记') && posts.includes('居委会主任');
}

/** 交叉任职: one person sits on both the party committee and the 居委会. */
export function derivedCrossPosting(posts: readonly string[]): boolean {
  return posts.some((p) => PARTY.has(p)) && posts.some((p) => COMMITTEE.has(p));
}

/** 岗位类别 from the posts: 书记 or 居委会主任 → 正职; 副书记 or 副主任 → 副职; everyone else → 其他. */
export function derivedPostCategory(posts: readonly string[]): '正职' | '副职' | '其他' {
  if (posts.includes('书记') || posts.includes('居委会主任')) return '正职';
  if (posts.includes('副书记') || posts.includes('居委会副主任')) return '副职';
  return '其他';
}
