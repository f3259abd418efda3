import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { openTestApp, type TestApp } from '../helpers/app.ts';

export const TODAY = '2026-11-30';
export const NOW = () => new Date('2026-11-30T09:00:00+08:00');

/** 12 communities in 2 streets, 300 people, from the deterministic demo generator. */
export async function demoApp(people = 300, communities = 12): Promise<{ app: TestApp; countyId: string }> {
  const app = openTestApp({ now: NOW });
  app.dispatcher.transact('test.seed', (tx) => seedDemo(tx, generateDemo({ communities, people, today: TODAY })));
  const tree = await app.ok('org.tree', {});
  return { app, countyId: tree.find((u) => u.level === 'county')!.id };
}
