import { openApp, resolveDbFile } from './app.ts';
import { intFlag, parseFlags } from './args.ts';
import { generateDemo } from '../core/demo/generate.ts';
import { seedDemo } from '../core/demo/seed.ts';
import { localIsoDate } from '../core/roster/dates.ts';

export async function runDemoData(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    db: { type: 'string' },
    communities: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
  });
  const communities = Math.max(1, intFlag(values.communities, 'communities', 12));
  const people = intFlag(values.people, 'people', communities * 15);
  const app = openApp(resolveDbFile(values.db as string | undefined));
  try {
    const data = generateDemo({ communities, people, seed: intFlag(values.seed, 'seed', 20261127), today: localIsoDate(new Date()) });
    const started = performance.now();
    const result = app.dispatcher.transact('cli.demoData', (tx) => seedDemo(tx, data));
    console.log(`已生成演示数据：${result.orgUnits} 个组织单位，${result.people} 名人员（${Math.round(performance.now() - started)} ms）→ ${app.opened.file}`);
    return 0;
  } finally {
    app.close();
  }
}
