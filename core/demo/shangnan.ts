import { generateDemo, type DemoData, type DemoOrg } from './generate.ts';

// 商南县 (陕西 商洛, 统计用区划代码 611021), the county of the source article, with 7 urban
// communities. The street and community names and codes below are plausible, NOT verified
// against the 统计用区划代码 tables (none are in ../shared); replace them when the real list
// is at hand. Levels follow the app: a 镇 that holds an urban community is a 'street'.

export const SHANGNAN_ORGS: DemoOrg[] = [
  { key: 'county', level: 'county', parentKey: null, name: '商南县', code: '611021000000' },
  { key: 's0', level: 'street', parentKey: 'county', name: '城关街道', code: '611021001000' },
  { key: 's1', level: 'street', parentKey: 'county', name: '富水镇', code: '611021101000' },
  { key: 's2', level: 'street', parentKey: 'county', name: '试马镇', code: '611021102000' },
  { key: 'c0', level: 'community', parentKey: 's0', name: '东街社区', code: '611021001001' },
  { key: 'c1', level: 'community', parentKey: 's0', name: '西街社区', code: '611021001002' },
  { key: 'c2', level: 'community', parentKey: 's0', name: '南街社区', code: '611021001003' },
  { key: 'c3', level: 'community', parentKey: 's0', name: '新区社区', code: '611021001004' },
  { key: 'c4', level: 'community', parentKey: 's0', name: '鹿城社区', code: '611021001005' },
  { key: 'c5', level: 'community', parentKey: 's1', name: '富水社区', code: '611021101001' },
  { key: 'c6', level: 'community', parentKey: 's2', name: '试马社区', code: '611021102001' },
];

/** The people of the generic generator, placed in 商南县's 7 communities (keys c0 … c6). */
export function generateShangnan(opts: { people: number; seed?: number; today: string }): DemoData {
  const base = generateDemo({ communities: 7, people: opts.people, today: opts.today, ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
  return { orgs: SHANGNAN_ORGS, people: base.people.map((p) => ({ ...p, nativePlace: '陕西商洛' })) };
}
