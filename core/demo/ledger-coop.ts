import { and, eq, isNull } from 'drizzle-orm';
import { orgUnits, people } from '../../db/schema/index.ts';
import { contract, type OpName, type OpOutput } from '../contract/index.ts';
import type { TxCtx } from '../context.ts';
import { handlers } from '../handlers.ts';
import { addDays, quarterEnd, quarterOf, quarterStart } from '../ledger/coop/dates.ts';
import { SERVICE_CATEGORIES, UNIT_KINDS } from '../ledger/coop/fields.ts';
import { mulberry32 } from './generate.ts';
import { SHANGNAN_ORGS } from './shangnan.ts';

// The 共建 / 网格 ledgers and the training record of 商南县 at the source article's scale:
// 263 resident units sharing 6,000 m², 17 squares and 110 facilities; 238 agreements in force;
// one 联席会议 per community and quarter for the last four quarters (28 rotating chairs);
// 230 activities solving 72 problems; 28 volunteer teams; 150 grids; 12 training classes and
// 5 phases of the 书记讲堂. Every record goes through its operation's own schema and handler.

export const SHANGNAN_FIGURES = {
  residentUnits: 263, sharedSpaceM2: 6000, squares: 17, facilities: 110, agreementsInForce: 238,
  meetingsHeld: 28, rotatingChairs: 28, activities: 230, problemsSolved: 72, volunteerTeams: 28, grids: 150,
} as const;

/** Runs one operation's handler inside the demo transaction, after its contract schema. */
function run<K extends OpName>(tx: TxCtx, name: K, raw: unknown): OpOutput<K> {
  const input = contract[name].input.parse(raw);
  return (handlers[name as keyof typeof handlers] as unknown as (tx: TxCtx, i: unknown) => OpOutput<K>)(tx, input);
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** Splits `total` into `n` non-negative integers, pseudo-randomly but summing exactly. */
function split(total: number, n: number, rnd: () => number): number[] {
  const w = Array.from({ length: n }, () => 0.5 + rnd());
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((x / sum) * total));
  for (let i = 0, rest = total - out.reduce((a, b) => a + b, 0); rest > 0; i++, rest--) out[i % n]! += 1;
  return out;
}

const UNIT_NAMES = ['县人民医院', '县中医医院', '县税务局', '县财政局', '县教育局', '县供电分公司', '县自来水公司', '县市场监督管理局', '县第一小学', '县城关中学', '县农商银行', '县邮政分公司', '县人社局', '县司法局', '县住建局', '县公安局城关派出所', '县消防救援大队', '县图书馆', '县文化馆', '县妇幼保健院'];
const TOPICS = ['老旧小区改造', '加装电梯', '停车难治理', '背街小巷环境整治', '暑期学生托管', '独居老人关爱', '夜市秩序', '垃圾分类', '社区食堂', '消防通道清理', '法律进社区', '文体活动场地共享'];
const ACTIVITIES = ['义诊进社区', '法律咨询', '环境整治', '助老服务', '消防演练', '政策宣讲', '文艺汇演', '困难家庭走访', '植树护绿', '垃圾分类宣传'];

export function seedShangnanLedgers(tx: TxCtx, seed = 611021): Record<string, number> {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const today = tx.today;
  const idOf = (code: string) => tx.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)).get()!.id;
  const county = idOf('611021000000');
  const communities = SHANGNAN_ORGS.filter((o) => o.level === 'community').map((o) => ({ ...o, id: idOf(o.code) }));
  const staff = (orgId: string) => tx.db.select({ id: people.id, name: people.name, posts: people.posts }).from(people).where(and(eq(people.orgId, orgId), isNull(people.deletedAt))).all();
  // The ledger year: the current quarter and the three before it.
  const q0 = quarterOf(addDays(quarterStart(quarterOf(today)), -3 * 85));
  const quarters = [q0, quarterOf(addDays(quarterEnd(q0), 1)), quarterOf(addDays(quarterEnd(q0), 95)), quarterOf(today)];
  const yearStart = quarterStart(q0);
  const daysSoFar = Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000);
  const dayInYear = () => addDays(yearStart, int(0, daysSoFar));

  const unitsPer = split(263, 7, rnd);
  // 25 of the 263 units have no agreement in force (238 do).
  const agreementsPer = split(263 - 238, 7, rnd).map((missing, i) => unitsPer[i]! - missing);
  const space = split(6000, 263, rnd);
  const facilities = split(110, 263, rnd);
  const units: { id: string; orgId: string; withAgreement: boolean }[][] = [];
  let u = 0;
  for (const [ci, c] of communities.entries()) {
    const list: { id: string; orgId: string; withAgreement: boolean }[] = [];
    for (let k = 0; k < unitsPer[ci]!; k++, u++) {
      const name = k < UNIT_NAMES.length ? UNIT_NAMES[k]! : `${c.name.replace('社区', '')}驻区单位${k + 1 - UNIT_NAMES.length}号`;
      const unit = run(tx, 'ledger.coop.units.create', {
        orgId: c.id, name, kind: UNIT_KINDS[k % UNIT_KINDS.length], partyOrg: `${name}党支部`, contactName: `联络员${u + 1}`,
        spaceM2: space[u], squares: u < 17 ? 1 : 0, facilities: facilities[u],
      });
      const withAgreement = k < agreementsPer[ci]!;
      if (withAgreement) {
        const start = addDays(yearStart, int(0, 10));
        const a = run(tx, 'ledger.coop.agreements.create', {
          orgId: c.id, unitId: unit.id, title: `${c.name}与${name}党建共驻共建协议书`, signedDate: start, startDate: start, endDate: addDays(start, 730),
          clauses: '一、双方主要负责人亲自抓；二、联席会议共商；三、开放阵地与设施；四、开展“五个一”活动；五、社居委每季度向街道书面报告', contactName: `联络员${u + 1}`,
        });
        for (const q of quarters.slice(0, 3)) run(tx, 'ledger.coop.reports.create', { agreementId: a.id, quarter: q, submittedDate: minDate(addDays(quarterEnd(q), int(1, 10)), today), content: `${q} 共建情况书面报告` });
      }
      list.push({ id: unit.id, orgId: c.id, withAgreement });
    }
    units.push(list);
  }

  // One meeting per community and quarter; the chair rotates through the member units.
  let previous = new Map<string, string>();
  for (const [qi, q] of quarters.entries()) {
    const next = new Map<string, string>();
    for (const [ci, c] of communities.entries()) {
      const host = units[ci]!.filter((x) => x.withAgreement)[qi]!;
      const date = quarterStart(q) > today ? today : addDays(quarterStart(q), Math.min(20, Math.max(0, Math.round((Date.parse(today) - Date.parse(quarterStart(q))) / 86_400_000))));
      const topic = TOPICS[(ci + qi) % TOPICS.length]!;
      const prev = previous.get(c.id);
      const m = run(tx, 'ledger.coop.meetings.create', {
        orgId: c.id, date, hostUnitId: host.id, chairName: `轮值主席${qi + 1}`, attendees: ['社区党委书记', '轮值主席', '共建单位联络员'],
        topics: [{ title: topic, submittedDate: addDays(date, -20) }], minutes: `会议研究${topic}，议定分工与时限。`,
        previousMeetingId: prev ?? null, followUps: prev ? [{ item: TOPICS[(ci + qi - 1) % TOPICS.length]!, status: '已办结', note: null }] : [],
      });
      next.set(c.id, m.id);
    }
    previous = next;
  }

  // 双报到 members and units, then 4 volunteer teams per community drawing on both lists.
  const gridsPer = split(150, 7, rnd);
  const registrations: string[][] = [];
  for (const [ci, c] of communities.entries()) {
    const roster = staff(c.id);
    const grids: string[] = [];
    for (let g = 0; g < gridsPer[ci]!; g++) {
      const leader = roster[(g * 3) % roster.length];
      grids.push(run(tx, 'ledger.grid.areas.create', { orgId: c.id, name: `第${g + 1}网格`, households: int(120, 320), leaderPersonId: leader?.id ?? null, workerPersonIds: roster.length > 1 ? [roster[(g * 3 + 1) % roster.length]!.id] : [] }).id);
    }
    const regs: string[] = [];
    for (let r = 0; r < 60; r++) {
      const kind = r < 55 ? '在职党员' : '机关单位';
      const reg = run(tx, 'ledger.grid.registrations.create', {
        orgId: c.id, kind, name: kind === '在职党员' ? `在职党员${ci + 1}-${r + 1}` : UNIT_NAMES[r % UNIT_NAMES.length]!, workUnit: UNIT_NAMES[(r + ci) % UNIT_NAMES.length]!,
        categories: [SERVICE_CATEGORIES[r % SERVICE_CATEGORIES.length]], gridId: grids[r % grids.length], registeredDate: yearStart, receiptDate: addDays(yearStart, 7),
      });
      regs.push(reg.id);
    }
    registrations.push(regs);
  }
  const teams: string[][] = [];
  for (const [ci, c] of communities.entries()) {
    const roster = staff(c.id);
    const list: string[] = [];
    for (let t = 0; t < 4; t++) {
      const members = [
        ...roster.slice(t * 2, t * 2 + 2).map((p) => ({ source: '花名册', personId: p.id })),
        ...registrations[ci]!.slice(t * 5, t * 5 + 5).map((id) => ({ source: '双报到', registrationId: id })),
        { source: '手工', name: `居民志愿者${t + 1}` },
      ];
      list.push(run(tx, 'ledger.coop.teams.create', { orgId: c.id, name: `${c.name.replace('社区', '')}${['红马甲', '夕阳红', '法律服务', '平安巡逻'][t]}志愿服务队`, categories: [['助老', '环境'], ['助老'], ['法律'], ['治安']][t], members }).id);
    }
    teams.push(list);
  }
  const activitiesPer = split(230, 7, rnd);
  const problems = split(72, 230, rnd);
  let a = 0;
  for (const [ci, c] of communities.entries()) {
    for (let k = 0; k < activitiesPer[ci]!; k++, a++) {
      const withDeal = units[ci]!.filter((x) => x.withAgreement);
      run(tx, 'ledger.coop.activities.create', {
        orgId: c.id, date: dayInYear(), title: ACTIVITIES[a % ACTIVITIES.length], unitIds: [withDeal[k % withDeal.length]!.id], teamIds: [teams[ci]![k % 4]!],
        participants: int(8, 60), problemsSolved: problems[a], orderRefs: [],
      });
    }
  }

  // Training: 12 county classes and 5 phases of the 书记讲堂, taught by community secretaries.
  const cats = ['示范班', '专题培训', '轮训', '任前培训'];
  for (let k = 0; k < 12; k++) {
    const start = dayInYear();
    run(tx, 'training.classes.create', {
      orgId: county, name: `商南县社区干部${cats[k % 4]}（第${k + 1}期）`, category: cats[k % 4], level: '县', host: '商南县委组织部', organizer: '商南县委党校',
      form: '集中', location: '县委党校', startDate: start, endDate: addDays(start, 2), hours: 18,
    });
  }
  const series = run(tx, 'training.series.create', { orgId: county, name: '书记讲堂', level: '县', host: '商南县委组织部' });
  for (let p = 0; p < 5; p++) {
    const speaker = staff(communities[p]!.id).find((x) => x.posts.includes('书记'));
    run(tx, 'training.sessions.create', { seriesId: series.id, topic: TOPICS[p]!, speakerPersonId: speaker?.id ?? null, speakerName: speaker?.name ?? `${communities[p]!.name}书记`, date: dayInYear(), hours: 2 });
  }
  return { units: 263, agreements: 238, meetings: 28, activities: 230, teams: 28, grids: 150, registrations: 420, trainingClasses: 12, lecturePhases: 5 };
}
