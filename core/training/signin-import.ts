import type { z } from 'zod';
import type { PreparedMutation } from '../contract/handler-types.ts';
import type { TxCtx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import { normalizeIdNumber } from '../roster/id-number.ts';
import { readSpreadsheet } from '../roster-io/read.ts';
import { cleanIdNumber, cleanName } from '../roster-io/values.ts';
import { EMPTY } from '../roster-io/cells.ts';
import type { trainingViewsContract } from './contract-views.ts';
import { enrolPeople } from './attendance.ts';
import { outsideService, type ServicePerson } from './service.ts';
import { resolveTarget } from './targets.ts';

// A sign-in sheet (签到表): reuses the roster import's reader (header detection, .xlsx/.csv,
// cell normalisation); people are matched by 身份证号, then by 姓名 within the chosen org.

interface SheetLine {
  row: number;
  name: string | null;
  idNumber: string | null;
  problem: string | null;
}

type Op = (typeof trainingViewsContract)['training.signin.import'];
type Input = z.output<Op['input']>;

export const signinImport: PreparedMutation<Op> = {
  async prepare(_ctx, input) {
    const sheet = await readSpreadsheet(Buffer.from(input.fileBase64, 'base64'));
    const nameCol = sheet.header.columns.find((c) => c.field === 'name')?.index;
    const idCol = sheet.header.columns.find((c) => c.field === 'idNumber')?.index;
    const lines: SheetLine[] = sheet.rows.map((r) => {
      const name = nameCol === undefined ? null : cleanName(r.cells[nameCol] ?? EMPTY);
      const id = idCol === undefined ? { ok: true as const, value: null } : cleanIdNumber(r.cells[idCol] ?? EMPTY);
      return {
        row: r.row,
        name,
        idNumber: id.ok && id.value ? normalizeIdNumber(id.value) : null,
        problem: id.ok ? null : `「身份证号」${id.reason}`,
      };
    });
    return (tx) => applySignin(tx, input, lines);
  },
};

interface Candidate extends ServicePerson {
  id: string;
  idNumber: string | null;
}

function applySignin(tx: TxCtx, input: Input, lines: SheetLine[]) {
  assertInScope(tx, input.orgId);
  const orgIds = subtreeIds(tx, input.orgId);
  const candidates = tx.sqlite
    .prepare(`SELECT id, name, id_number AS idNumber, status, status_date AS statusDate, community_work_start_date AS communityWorkStartDate FROM people WHERE deleted_at IS NULL AND org_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(orgIds)) as Candidate[];
  const byId = new Map(candidates.filter((c) => c.idNumber).map((c) => [c.idNumber!, c]));
  const byName = new Map<string, Candidate[]>();
  for (const c of candidates) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);

  const { span } = resolveTarget(tx, input);
  const errors: { row: number; message: string }[] = [];
  const matched: string[] = [];
  // A matched person must have served on the training's dates: a row error, like any other.
  const match = (row: number, c: Candidate) => {
    const issue = outsideService(c, span);
    if (issue) errors.push({ row, message: issue.message });
    else matched.push(c.id);
  };
  for (const l of lines) {
    if (l.problem) {
      errors.push({ row: l.row, message: l.problem });
      continue;
    }
    if (!l.name && !l.idNumber) continue;
    if (l.idNumber) {
      const hit = byId.get(l.idNumber);
      if (!hit) errors.push({ row: l.row, message: `「身份证号」${l.idNumber} 在本组织花名册中不存在` });
      else if (l.name && hit.name !== l.name) errors.push({ row: l.row, message: `「姓名」${l.name} 与身份证号登记的姓名“${hit.name}”不一致` });
      else match(l.row, hit);
      continue;
    }
    const hits = (byName.get(l.name!) ?? []).filter((c) => c.status === '在岗');
    if (hits.length === 1) match(l.row, hits[0]!);
    else if (hits.length === 0) errors.push({ row: l.row, message: `「姓名」${l.name} 在本组织在岗人员中不存在` });
    else errors.push({ row: l.row, message: `「姓名」${l.name} 有 ${hits.length} 名同名人员，请补填身份证号` });
  }
  const base = { rows: lines.filter((l) => l.name || l.idNumber || l.problem).length, matched: matched.length, errors };
  if ((errors.length && !input.skipErrorRows) || !matched.length) {
    tx.audit({ entity: 'training_attendance', after: { signinImport: 'not written', ...base } });
    return { ...base, added: 0, alreadyEnrolled: 0, written: false };
  }
  // A sign-in sheet is the record of who came: 出席 (refused before the training begins).
  const result = enrolPeople(tx, input, matched, '出席');
  tx.audit({ entity: 'training_attendance', entityId: input.classId ?? input.sessionId, after: { signinImport: 'written', ...base, ...result } });
  return { ...base, added: result.added, alreadyEnrolled: result.alreadyEnrolled, written: true };
}
