import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { settings } from '../db/schema/index.ts';
import type { Actor } from './context.ts';

/** This installation's stable id, created on first open. */
export function installationId(db: Db): string {
  const key = 'installation.id';
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  let id = row?.value as string | undefined;
  if (!id) {
    id = randomUUID();
    db.insert(settings).values({ key, value: id }).run();
  }
  return id;
}

/** The in-process maintenance actor (tests, benchmarks, setup); never reachable from a transport. */
export function systemActor(db: Db): Actor {
  return { kind: 'system', id: installationId(db), name: '本机维护' };
}

// The unit chosen in the first-run wizard (setup.init): one spelling of its settings key.
const UNIT_KEY = 'installation.orgId';

/** The org unit this installation was set up for, or null before setup. */
export function installationOrgId(db: Db): string | null {
  const v = db.select().from(settings).where(eq(settings.key, UNIT_KEY)).get()?.value;
  return typeof v === 'string' && v ? v : null;
}

export function setInstallationOrgId(db: Db, orgId: string): void {
  db.insert(settings).values({ key: UNIT_KEY, value: orgId }).run();
}
