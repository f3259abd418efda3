import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { maskIdNumber } from '../../core/roster/id-number.ts';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, type SecuredApp } from '../helpers/runtime.ts';

// Planted values: if any of them shows up in an audit answer or export, personal data leaked.
const ID = '610402199005170025';
const ID2 = '610402198503010018';
const PHONE = '13912345678';
const PHONE2 = '18687654321';
const REMARK = '住院治疗中请勿外传';
const PLANTED = [ID, ID2, PHONE, PHONE2, REMARK];

let app: SecuredApp;
let clerk: string;
let reviewer: string;
let auditor: string;
let personId: string;
// One installation for the file: logins derive keys and are slow, and every test only reads
// except the last, which adds one change.
beforeAll(async () => {
  app = await setUpSecured();
  clerk = await app.sessionAs('clerk', 'luru');
  reviewer = await app.sessionAs('reviewer', 'shenhe');
  auditor = await app.sessionAs('auditor', 'shenji');
  personId = await plant();
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

async function plant() {
  const p = await app.ok('roster.create', {
    orgId: app.orgId, name: '张伟', gender: '女', ethnicity: '汉族', birthDate: '1990-05-17', idNumber: ID, politicalStatus: '群众',
    postCategory: '其他', phone: PHONE, remarks: REMARK,
  }, clerk);
  await app.ok('roster.update', { ...(await app.ok('roster.get', { id: p.id }, clerk)), id: p.id, phone: PHONE2, nativePlace: '陕西咸阳' }, clerk);
  await app.ok('roster.reveal', { id: p.id, field: 'idNumber' }, reviewer);
  // A refused change and a search for a number are audited too.
  await app.call('roster.update', { id: p.id, idNumber: ID2 }, reviewer);
  await app.call('roster.create', { orgId: app.orgId, name: '王芳', gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', idNumber: ID2.slice(0, 17) + '9', politicalStatus: '群众', postCategory: '其他' }, clerk);
  return p.id as string;
}

async function exportText(): Promise<string> {
  const out = await app.ok('audit.export', {}, auditor);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
  return cells.join('\n');
}

describe('no personal data in the audit log', () => {
  it('keeps planted ID numbers, phones and remarks out of every audit answer and the export', async () => {
    const list = JSON.stringify(await app.ok('audit.list', { limit: 1000 }, auditor));
    const verify = JSON.stringify(await app.ok('audit.verify', {}, auditor));
    const xlsx = await exportText();
    const stored = JSON.stringify(app.runtime.current()!.opened.sqlite.prepare('SELECT * FROM audit_log').all());
    for (const text of [list, verify, xlsx, stored]) for (const v of PLANTED) expect(text).not.toContain(v);
    // The change is still visible: a digest of the old and of the new phone.
    expect(list).toMatch(/摘要:[0-9a-f]{12}/);
  });
});

describe('a log people read', () => {
  it('says who did what to whom in Chinese, with no operation codes', async () => {
    const rows = (await app.ok('audit.list', {}, auditor)).rows as { sentence: string; operationLabel: string }[];
    const sentences = rows.map((r) => r.sentence);
    expect(sentences).toContain(`录入员 测试clerk 修改了 新城社区 张伟（${maskIdNumber(ID)}） 的 籍贯、联系电话`);
    expect(sentences).toContain(`审核员 测试reviewer 查看了 新城社区 张伟（${maskIdNumber(ID)}） 的身份证号`);
    expect(sentences.some((s) => s.startsWith('审核员 测试reviewer 修改人员信息') && s.endsWith('（被拒绝）'))).toBe(true);
    for (const r of rows) {
      expect(r.sentence).not.toMatch(/[a-z]+\.[a-z]+/i);
      expect(r.operationLabel).not.toMatch(/[a-z]+\.[a-z]+/i);
    }
  });

  it('filters by username or name, area, unit and outcome', async () => {
    const byUsername = (await app.ok('audit.list', { actor: 'luru' }, auditor)).rows as { actor: string; sentence: string }[];
    expect(byUsername.length).toBeGreaterThan(2);
    expect(byUsername.every((r) => r.sentence.includes('测试clerk') || r.sentence.startsWith('luru'))).toBe(true);
    const roster = (await app.ok('audit.list', { operation: 'roster' }, auditor)).rows as { operation: string }[];
    expect(roster.length).toBe(5);
    expect(new Set(roster.map((r) => r.operation))).toEqual(new Set(['roster.create', 'roster.update', 'roster.reveal']));
    const unit = (await app.ok('audit.list', { orgId: app.orgId }, auditor)).rows as { orgName: string }[];
    expect(unit.length).toBeGreaterThanOrEqual(3);
    expect(unit.every((r) => r.orgName === '新城社区')).toBe(true);
    const denied = (await app.ok('audit.list', { outcome: 'denied' }, auditor)).rows as { operation: string }[];
    expect(denied.map((r) => r.operation)).toEqual(['roster.update']);
  });
});

describe('digests', () => {
  it('gives the same value the same digest, so a change back is visible', async () => {
    const id = personId;
    await app.ok('roster.update', { ...(await app.ok('roster.get', { id }, clerk)), id, phone: PHONE }, clerk);
    const rows = (await app.ok('audit.list', { operation: 'roster.update', outcome: 'ok' }, auditor)).rows as { before: string; after: string }[];
    const [back, first] = rows.map((r) => ({ before: JSON.parse(r.before), after: JSON.parse(r.after) }));
    expect(back!.after.phone).toBe(first!.before.phone);
    expect(back!.before.phone).toBe(first!.after.phone);
    expect(Object.keys(first!.after).sort()).toEqual(['nativePlace', 'phone']);
  });
});
