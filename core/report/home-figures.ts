import type { Ctx } from '../context.ts';
import { orgGroups, unitsUnder } from './groups.ts';
import { COMMITTEE_POSTS, IN_POST, PARTY_POSTS } from './people.ts';
import { percent } from './table.ts';

// The home page's headline figures of the 队伍结构 report (composition.ts), counted by SQL
// aggregates per community instead of loading every person into JS: at county scale the full
// report was most of home.get's time, and home.get is the first call after login (issue 19).
// Same rules as the report's columns (people.ts: in post, highest education, one-shoulder,
// cross-posting, certificate held on the date); tests/report/home-figures.test.ts holds them equal.

export interface HeadlineCells {
  total: number;
  hiBachelor: number;
  hiBachelorRate: number | null;
  secretary: number;
  oneShoulder: number;
  oneShoulderRate: number | null;
  committee: number;
  cross: number;
  crossRate: number | null;
  swHeld: number;
  swRate: number | null;
}

export interface HeadlineRow {
  key: string;
  label: string;
  level: string;
  cells: HeadlineCells;
}

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const hasPost = (cond: string) => `EXISTS (SELECT 1 FROM json_each(p.posts) WHERE value ${cond})`;
// 本科及以上 by the highest of 全日制 and 在职 education (eduRank ≥ 6: 研究生, 大学本科).
const BACHELOR = `('研究生', '大学本科')`;

const PER_ORG = `
  WITH f AS (
    SELECT p.org_id AS org,
           CASE WHEN p.ft_education IN ${BACHELOR} OR p.pt_education IN ${BACHELOR} THEN 1 ELSE 0 END AS hb,
           ${hasPost(`= '书记'`)} AS sec,
           ${hasPost(`= '居委会主任'`)} AS dir,
           ${hasPost(`IN (${list(PARTY_POSTS)})`)} AS party,
           ${hasPost(`IN (${list(COMMITTEE_POSTS)})`)} AS comm,
           p.one_shoulder = 1 AS os, p.cross_posting = 1 AS cp,
           -- A certificate obtained after the date is not yet held on it.
           CASE WHEN COALESCE(p.sw_qualification, '') <> '' AND (COALESCE(p.sw_qualification_date, '') = '' OR p.sw_qualification_date <= @asOf) THEN 1 ELSE 0 END AS sw
      FROM people p JOIN org_units o ON o.id = p.org_id
     WHERE ${IN_POST})
  SELECT org AS orgId, COUNT(*) AS total, SUM(hb) AS hiBachelor, SUM(sec) AS secretary,
         SUM(os OR (sec AND dir)) AS oneShoulder, SUM(party OR comm) AS committee,
         SUM((party OR comm) AND (cp OR (party AND comm))) AS cross, SUM(sw) AS swHeld
    FROM f GROUP BY org`;

type Counts = Pick<HeadlineCells, 'total' | 'hiBachelor' | 'secretary' | 'oneShoulder' | 'committee' | 'cross' | 'swHeld'> & { orgId: string };
const COUNTS = ['total', 'hiBachelor', 'secretary', 'oneShoulder', 'committee', 'cross', 'swHeld'] as const;

/** The report's rows (streets, communities, 本级, 合计) with the headline columns only. */
export function headlineFigures(ctx: Ctx, orgId: string, asOf: string): HeadlineRow[] {
  const { root, units } = unitsUnder(ctx, orgId);
  const perOrg = ctx.sqlite.prepare(PER_ORG).all({ orgs: JSON.stringify(units.map((u) => u.id)), asOf, leftAfter: asOf }) as Counts[];
  return orgGroups(root, units, perOrg, (x) => x.orgId).map((g) => {
    const sum = Object.fromEntries(COUNTS.map((k) => [k, g.items.reduce((s, x) => s + x[k], 0)])) as Record<(typeof COUNTS)[number], number>;
    return {
      key: g.key, label: g.label, level: g.level,
      cells: {
        ...sum,
        hiBachelorRate: percent(sum.hiBachelor, sum.total),
        oneShoulderRate: percent(sum.oneShoulder, sum.secretary),
        crossRate: percent(sum.cross, sum.committee),
        swRate: percent(sum.swHeld, sum.total),
      },
    };
  });
}
