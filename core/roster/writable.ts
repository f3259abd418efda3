import { and, eq, isNull, ne } from 'drizzle-orm';
import { orgUnits, people } from '../../db/schema/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import { communityOnlyProblem } from '../org/rules.ts';
import { assertInScope } from '../security/scope.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import type { PersonFields } from './person-schema.ts';
import { checkPersonDates } from './person-schema.ts';

// The rules every write of a person passes, whichever path it comes by (the roster's own
// operations, the spreadsheet import, undoing a retire).

/** Clock-dependent rules and the active-ID uniqueness rule, shared by create, update and imports. */
export function assertPersonWritable(tx: TxCtx, p: PersonFields, selfId: string | null): void {
  // Scope first: a refusal about the unit's level would tell a scoped user what an unseen unit is.
  assertInScope(tx, p.orgId);
  const issues = checkPersonDates(p, tx.today);
  if (issues.length) throw validationError(issues);
  const unit = getOrgUnit(tx, p.orgId);
  const misplaced = communityOnlyProblem(unit);
  if (misplaced) throw validationError([{ path: 'orgId', message: misplaced }]);
  assertLocallyWritable(tx, p.orgId);
  assertNoActiveIdClash(tx, p.idNumber, selfId);
}

/** The person in post (not `selfId`) who holds `idNumber`, if any: the active-ID uniqueness rule's one query. */
export function findActiveIdClash(ctx: Ctx, idNumber: string | null | undefined, selfId: string | null): { id: string; name: string; orgName: string } | undefined {
  if (!idNumber) return undefined;
  return ctx.db
    .select({ id: people.id, name: people.name, orgName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
    .where(and(eq(people.idNumber, idNumber), eq(people.status, '在岗'), isNull(people.deletedAt), selfId ? ne(people.id, selfId) : undefined))
    .get();
}

/** An ID number appears at most once among the people in post (also checked when a retire is undone). */
export function assertNoActiveIdClash(tx: TxCtx, idNumber: string | null | undefined, selfId: string | null): void {
  const clash = findActiveIdClash(tx, idNumber, selfId);
  if (clash) {
    const message = `「身份证号」${idNumber} 已登记在“${clash.orgName}”的在岗人员“${clash.name}”名下`;
    throw new AppError('conflict', message, [{ path: 'idNumber', message }]);
  }
}
