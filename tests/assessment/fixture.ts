// Shared set-up for the DB and e2e tests: an org tree, ten people on the roster, the 示例
// scheme and a cycle. `call` returns an operation's data or throws its Chinese message.

export type Call = (op: string, input: unknown) => Promise<any>;

export const YEAR = 2025;
const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十'];

export function person(orgId: string, name: string, i: number) {
  return {
    orgId, name, gender: i % 2 ? '女' : '男', ethnicity: '汉族', birthDate: `198${i % 10}-0${(i % 9) + 1}-15`,
    politicalStatus: '中共党员', posts: i === 0 ? ['书记'] : ['专职社区工作者'], postCategory: i === 0 ? '正职' : '其他',
  };
}

export async function seedCycle(call: Call) {
  // A served database already has its county from the first-run setup.
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county')
    ?? (await call('org.create', { level: 'county', name: '秦都区', code: '610402000000' }));
  const street = await call('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await call('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const people = [];
  for (let i = 0; i < NAMES.length; i++) people.push(await call('roster.create', person(community.id, NAMES[i]!, i)));
  const scheme = await call('assessment.installSample', { orgId: street.id, year: YEAR });
  const cycle = await call('assessment.createCycle', { schemeId: scheme.id, orgId: street.id });
  const sheet = await call('assessment.sheet', { cycleId: cycle.id });
  return { county, street, community, people, scheme, cycle, sheet };
}

/**
 * Manual points per person: person i loses i/2 points on 绩, so totals fall by name order.
 * The training indicator is left to the training module (nobody has hours: 0 points).
 */
export function scoreRows(sheet: { rows: { entryId: string; name: string }[] }, opts: { tieTop?: boolean } = {}) {
  return sheet.rows.map((r) => {
    // Someone not in NAMES (a story's extra person) scores below everyone named.
    const i = NAMES.includes(r.name) ? NAMES.indexOf(r.name) : NAMES.length;
    const drop = opts.tieTop && i <= 2 ? 0 : i;
    return {
      entryId: r.entryId,
      scores: { de: 6, neng: 6, qin: 6, ji: Math.max(0, 6 - drop * 0.5), lian: 6, peer_conduct: 4, peer_skill: 3, peer_team: 3 } as Record<string, number>,
    };
  });
}

export function session(cycleId: string, sheet: { rows: { entryId: string; name: string }[] }, counts: (name: string) => Record<string, number>) {
  return {
    cycleId, date: `${YEAR}-12-20`, raterGroup: '党员和居民代表', issued: 50, returned: 48, valid: 45, invalid: 3,
    counter: '张计票', supervisor: '李监票', announced: true,
    tallies: sheet.rows.map((r) => ({ entryId: r.entryId, counts: counts(r.name) })),
  };
}
