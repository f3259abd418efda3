import { and, eq, isNull } from 'drizzle-orm';
import { orgUnits, people, type PersonRow } from '../../db/schema/index.ts';
import { notFound } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertInScope } from '../security/scope.ts';
import type { PersonRecord } from './contract.ts';
import { wholeYearsBetween } from './dates.ts';

// Row ↔ contract shapes, and the computed fields (age, 社区工作年限) as of a given date.

export function toPersonRecord(row: PersonRow, orgName: string, asOf: string): PersonRecord {
  const { changeSeq: _s, deletedAt: _d, deleteReason: _r, ...rest } = row;
  return {
    ...rest,
    orgName,
    status: row.status as PersonRecord['status'],
    age: wholeYearsBetween(row.birthDate, asOf),
    communityYears: row.communityWorkStartDate ? Math.max(0, wholeYearsBetween(row.communityWorkStartDate, asOf)) : null,
  };
}

export function loadPersonRow(ctx: Ctx, id: string): { row: PersonRow; orgName: string } {
  const found = ctx.db
    .select({ row: people, orgName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
    .where(and(eq(people.id, id), isNull(people.deletedAt)))
    .get();
  if (!found) throw notFound('人员', id);
  // Every module that addresses a person by id (roster, pay, training) passes here.
  assertInScope(ctx, found.row.orgId);
  return found;
}
