import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { orgUnits, people } from '../../db/schema/index.ts';
import type { TxCtx } from '../context.ts';
import { personInput } from '../roster/person-schema.ts';
import type { DemoData } from './generate.ts';

/** Writes a generated dataset in one transaction; every person passes the same schema as the form. */
export function seedDemo(tx: TxCtx, data: DemoData): { orgUnits: number; people: number } {
  const ids = new Map<string, string>();
  const seq = tx.seq();
  const stamp = { createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq };
  for (const o of data.orgs) {
    // Units that already exist (the county bound at setup) are reused, not duplicated.
    const existing = tx.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, o.code)).get();
    if (existing) {
      ids.set(o.key, existing.id);
      continue;
    }
    const id = randomUUID();
    ids.set(o.key, id);
    const parentId = o.parentKey ? ids.get(o.parentKey)! : null;
    tx.db.insert(orgUnits).values({ id, orgId: id, parentId, level: o.level, name: o.name, code: o.code, ...stamp }).run();
  }
  for (const p of data.people) {
    const { orgKey, ...fields } = p;
    const valid = personInput.parse({ ...fields, orgId: ids.get(orgKey) });
    tx.db.insert(people).values({ ...valid, id: randomUUID(), status: '在岗', ...stamp }).run();
  }
  tx.audit({ entity: 'demo', after: { orgUnits: data.orgs.length, people: data.people.length } });
  return { orgUnits: data.orgs.length, people: data.people.length };
}
