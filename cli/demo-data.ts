import { existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { newRuntime, resolveDbFile } from './app.ts';
import { intFlag, parseFlags } from './args.ts';
import { generateDemo } from '../core/demo/generate.ts';
import { seedDemo } from '../core/demo/seed.ts';
import { seedShangnanLedgers } from '../core/demo/ledger-coop.ts';
import { generateShangnan } from '../core/demo/shangnan.ts';
import { seedLedgerDemo } from '../core/demo/ledger-lists.ts';
import { localIsoDate } from '../core/roster/dates.ts';
import { insertUser } from '../core/security/users.ts';

/**
 * `jiceng demo-data`: a new, encrypted database with a realistic dataset, a 系统管理员 `admin`
 * and, so that the roster can be seen at once, a 录入员 `luru` with the same password.
 */
export async function runDemoData(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    db: { type: 'string' },
    communities: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
    'admin-password': { type: 'string' },
  });
  const dbFile = resolveDbFile(values.db as string | undefined);
  if (existsSync(dbFile) && statSync(dbFile).size > 0) {
    console.error(`数据库文件已存在：${dbFile}。演示数据只能写入新的数据库文件，原文件未作任何改动。`);
    return 1;
  }
  // Without --communities: 商南县 of the source article, with its 共建/网格 ledgers and training
  // record. With it: the generic county of any size (for load and benchmarks), roster only.
  const shangnan = values.communities === undefined;
  const communities = shangnan ? 7 : Math.max(1, intFlag(values.communities, 'communities', 12));
  const people = intFlag(values.people, 'people', communities * (shangnan ? 20 : 15));
  const given = values['admin-password'] as string | undefined;
  // Random, but always within the password policy (four character classes).
  const password = given ?? `Jc-${randomBytes(9).toString('base64url')}7a`;
  const seed = intFlag(values.seed, 'seed', 20261127);
  const today = localIsoDate(new Date());
  const data = shangnan ? generateShangnan({ people, seed, today }) : generateDemo({ communities, people, seed, today });
  const county = data.orgs[0]!;
  const runtime = newRuntime(dbFile);
  try {
    const setup = await runtime.dispatch('setup.init', {
      orgs: [{ level: county.level, name: county.name, code: county.code }],
      admin: { username: 'admin', displayName: '系统管理员', password },
    });
    if (!setup.ok) {
      console.error(`无法创建数据库：${setup.error.message}`);
      return 1;
    }
    const { dispatcher } = runtime.current()!;
    const started = performance.now();
    const result = dispatcher.transact('cli.demoData', (tx) => {
      const r = { ...seedDemo(tx, data), ledgers: shangnan ? seedShangnanLedgers(tx) : null };
      // 台账 at the source county's scale: 620 closed orders over two years, monthly tasks, quarterly lists.
      const ledger = seedLedgerDemo(tx, { today: tx.today, years: 2, closedOrders: 620 });
      console.log(`台账：${ledger.tasks} 项任务、${ledger.reports} 份完成报告、${ledger.items} 条清单、${ledger.orders} 张工单`);
      tx.audit({ entity: 'demo', after: { ...r, lists: ledger } });
      insertUser(tx, { username: 'luru', displayName: '演示录入员', role: 'clerk', orgScopeId: null, password, mustChange: false }, 'admin-password');
      return r;
    });
    if (result.ledgers) {
      const l = result.ledgers;
      console.log(`共建与网格台账：${l.units} 个共建单位、${l.agreements} 份协议、${l.meetings} 次联席会议、${l.activities} 次共建活动、${l.teams} 支志愿服务队、${l.grids} 个网格；培训班次 ${l.trainingClasses} 个、书记讲堂 ${l.lecturePhases} 期`);
    }
    console.log(`已生成演示数据：${result.orgUnits} 个组织单位，${result.people} 名人员（${Math.round(performance.now() - started)} ms）→ ${dbFile}`);
    console.log(`账号：admin（系统管理员）与 luru（录入员），密码：${given ? '（--admin-password 所给）' : password}`);
    console.log(`恢复密钥（请抄写并妥善保管，仅显示这一次）：${(setup.data as { recoveryKey: string }).recoveryKey}`);
    return 0;
  } finally {
    runtime.close();
  }
}
