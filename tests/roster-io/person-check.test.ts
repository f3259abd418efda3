import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../core/context.ts';
import { systemActor } from '../../core/installation.ts';
import { parseImport } from '../../core/roster-io/import.ts';
import { loadMatchIndex, newPlanContext, planRow, type PlanContext } from '../../core/roster-io/plan.ts';
import { ValueMap } from '../../core/roster-io/value-map.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { checkPerson, fastPerson } from '../../core/roster-io/person-check.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import { parseIdNumber } from '../../core/roster/id-number.ts';
import { removeDir } from '../helpers/app.ts';
import { csvLine, makeId } from '../fixtures/roster-io/people.ts';
import { bytesInput, importApp, type ImportApp } from './helpers.ts';

// The import's compiled person check (core/roster-io/person-check.ts) against plain zod
// (personInput.safeParse): the same bad rows give the same row-level reports, and every row the
// fast path accepts is exactly what zod returns.

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

const HEADERS = [
  '姓名', '性别', '民族', '出生年月', '身份证号', '籍贯', '政治面貌', '入党时间', '参加工作时间', '社区工作起始时间', '全日制学历',
  '全日制学位', '全日制院校专业', '在职学历', '在职学位', '在职院校专业', '职务', '一肩挑', '交叉任职', '后备干部', '岗位类别',
  '社工职业资格', '社工资格取得时间', '联系电话', '所在网格', '备注',
];
const BASE: Record<string, string> = {
  姓名: '王伟', 性别: '男', 民族: '汉族', 出生年月: '1980.03', 身份证号: makeId('1980-03-15', 1), 籍贯: '陕西咸阳', 政治面貌: '中共党员',
  入党时间: '2005.07', 参加工作时间: '2002.09', 社区工作起始时间: '2010.03', 全日制学历: '大学本科', 全日制学位: '学士',
  全日制院校专业: '西北大学 法学', 在职学历: '', 在职学位: '', 在职院校专业: '', 职务: '书记、居委会主任', 一肩挑: '是', 交叉任职: '',
  后备干部: '否', 岗位类别: '正职', 社工职业资格: '社工师', 社工资格取得时间: '2015.06', 联系电话: '13912345678', 所在网格: '第一网格', 备注: '',
};
const long = (n: number) => '长'.repeat(n);

// One row per error kind of every field (and a few that must pass), each a change to BASE.
const VARIANTS: Record<string, string>[] = [
  {},
  { 姓名: '' }, { 姓名: long(51) }, { 姓名: `  ${long(50)}  ` }, { 姓名: '张  三' },
  { 性别: '' }, { 性别: '男性' }, { 性别: '未知' }, { 性别: '女' },
  { 民族: '' }, { 民族: '火星族' }, { 民族: '汉' }, { 民族: '01' },
  { 出生年月: '' }, { 出生年月: '1980.13' }, { 出生年月: '1900.01' }, { 出生年月: '1980.04' }, { 出生年月: '2099.01' },
  { 身份证号: '', 出生年月: '' }, { 身份证号: '' }, { 身份证号: makeId('1980-03-15', 1).slice(0, 17) + 'Y' },
  { 身份证号: makeId('1980-03-15', 1).slice(0, 17) + (makeId('1980-03-15', 1).endsWith('0') ? '1' : '0') },
  { 身份证号: '61040219800315' }, { 身份证号: '610402198002300011' }, { 身份证号: '6.10402E+17' }, { 身份证号: '610402800315001' },
  { 身份证号: makeId('1980-03-15', 1).toLowerCase() }, { 身份证号: makeId('2015-03-15', 1), 出生年月: '2015.03' },
  { 籍贯: long(51) }, { 籍贯: long(50) }, { 籍贯: '（清空）' },
  { 政治面貌: '' }, { 政治面貌: '党员' }, { 政治面貌: '无党派' }, { 政治面貌: '路人' },
  { 入党时间: '1990.01' }, { 入党时间: '2005.02.30' }, { 入党时间: '2005' }, { 入党时间: '' }, { 入党时间: '2999.01' },
  { 参加工作时间: '1990.01' }, { 参加工作时间: '二零零二年' }, { 参加工作时间: '' },
  { 社区工作起始时间: '2001.01' }, { 社区工作起始时间: '1991.01' }, { 社区工作起始时间: '2010-03-32' },
  { 全日制学历: '本科' }, { 全日制学历: '博士后' }, { 全日制学历: '' }, { 全日制学位: '学位x' }, { 全日制学位: '硕士' },
  { 全日制院校专业: long(101) }, { 全日制院校专业: long(100) },
  { 在职学历: '研究生' }, { 在职学历: '读过书' }, { 在职学位: '博士' }, { 在职学位: '大学位' }, { 在职院校专业: long(101) },
  { 职务: '' }, { 职务: '书记' }, { 职务: '书记、书记、副书记' }, { 职务: '宇宙主任' },
  { 职务: '书记、副书记、居委会主任、居委会副主任、委员、居委会委员、专职社区工作者、网格员、社区专干、监督委员会主任' },
  { 一肩挑: '也许' }, { 一肩挑: '是', 职务: '书记' }, { 一肩挑: '' }, { 交叉任职: '是' }, { 交叉任职: '√' }, { 后备干部: 'Y' }, { 后备干部: '可能' },
  { 岗位类别: '' }, { 岗位类别: '副职' }, { 岗位类别: '领导' },
  { 社工职业资格: '' }, { 社工职业资格: '高级社工师' }, { 社工职业资格: '证书' }, { 社工资格取得时间: '' }, { 社工资格取得时间: '2015.13' },
  { 社工职业资格: '', 社工资格取得时间: '2015.06' },
  { 联系电话: '' }, { 联系电话: '12345' }, { 联系电话: '029-88886666' }, { 联系电话: '+86 139 1234 5678' }, { 联系电话: '１３９１２３４５６７８' },
  { 所在网格: long(51) }, { 所在网格: long(50) }, { 备注: long(501) }, { 备注: long(500) }, { 备注: '=1+1' },
];

function sheetCsv(): string {
  const lines = [csvLine(HEADERS)];
  VARIANTS.forEach((v, i) => {
    // A distinct valid ID per row unless the variant sets its own, so rows do not collide.
    const row: Record<string, string> = { ...BASE, 身份证号: makeId('1980-03-15', 2 * i + 1), ...v };
    lines.push(csvLine(HEADERS.map((h) => row[h]!)));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('the compiled person check (issue 19)', () => {
  it('reports every bad row exactly as the zod path does, and plans every good row the same', async () => {
    ctx = await importApp();
    const { app, orgId } = ctx;
    // A few people already on the roster, so some rows are updates merged with stored values.
    await app.ok('roster.create', {
      orgId, name: '王伟', gender: '男', ethnicity: '汉族', birthDate: '1980-03-15', idNumber: makeId('1980-03-15', 1),
      politicalStatus: '中共党员', postCategory: '正职', posts: ['书记', '居委会主任'], oneShoulder: true,
    });
    await app.ok('roster.create', { orgId, name: '李娜', gender: '女', ethnicity: '回族', birthDate: '1985-06-01', idNumber: makeId('1985-06-01', 2), politicalStatus: '群众', postCategory: '其他' });
    const c = { db: app.opened.db, sqlite: app.opened.sqlite, actor: systemActor(app.opened.db), now: () => new Date(), security: null } as unknown as Ctx;
    const parsed = await parseImport(c, { ...bytesInput('rows.csv', sheetCsv()), orgId });
    const org = { id: orgId, name: '新城社区' };

    const plan = (check?: PlanContext['check']) => {
      const p = newPlanContext(c, localIsoDate(new Date()), parsed.columns, loadMatchIndex(c, org), new ValueMap(parsed.values));
      if (check) p.check = check;
      return parsed.sheet.rows.map((r) => planRow(p, r));
    };
    const fast = plan();
    let zodCalls = 0;
    const old = plan((m) => (zodCalls++, personInput.safeParse(m)));
    expect(zodCalls).toBeGreaterThan(VARIANTS.length / 2);
    // Identical plans: actions, parsed data (key order too), changes and every issue's text.
    expect(JSON.stringify(fast)).toBe(JSON.stringify(old));
    // The set really exercises both: rows refused for each field, and rows accepted.
    const errors = fast.filter((r) => r.action === 'error');
    expect(errors.length).toBeGreaterThan(30);
    expect(fast.filter((r) => r.action !== 'error').length).toBeGreaterThan(30);
    const messages = new Set(errors.flatMap((r) => r.issues.map((i) => i.message)));
    for (const expected of ['「姓名」必须填写', '「姓名」不能超过 50 个字符', '「身份证号」校验位不符', '「民族」必须填写', '「籍贯」不能超过 50 个字符',
      '「一肩挑」要求同时担任书记和居委会主任', '「联系电话」“12345”', '「备注」不能超过 500 个字符', '「入党时间」应在年满 18 周岁之后',
      '「社区工作起始时间」不能早于参加工作时间', '填写了「社工资格取得时间」', '不是真实的日期', '不在代码表中'])
      expect([...messages].some((m) => m.includes(expected)), expected).toBe(true);
  });

  it('accepts a record only when zod does, and then returns exactly zod’s record', () => {
    const base: Record<string, unknown> = {
      orgId: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: ' 王伟 ', gender: '男', ethnicity: '汉族', birthDate: '1980-03-15',
      idNumber: makeId('1980-03-15', 1), nativePlace: '陕西', politicalStatus: '中共党员', partyJoinDate: '2005-07-01', workStartDate: '2002-09-01',
      communityWorkStartDate: '2010-03-01', ftEducation: '大学本科', ftDegree: '学士', ftSchoolMajor: 'x', ptEducation: null, ptDegree: null,
      ptSchoolMajor: null, posts: ['书记', '居委会主任'], oneShoulder: true, crossPosting: false, reserveCadre: false, postCategory: '正职',
      swQualification: '社工师', swQualificationDate: '2015-06-01', phone: '13912345678', grid: null, remarks: null,
    };
    const odd: unknown[] = [undefined, null, '', '   ', 0, 1, true, false, [], {}, '01', ' 1 ', '2005-07-01', '2005-02-30', '2005-7-1', 'abc',
      long(50), long(51), long(101), long(501), ['书记'], ['书记', '书记'], ['书记', 7], Array(10).fill('委员'), '男性', '１３９１２３４５６７８',
      '(029)88886666', '+8613912345678', makeId('1980-03-15', 1).toLowerCase(), '610402800315001', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'];
    let accepted = 0;
    let refused = 0;
    for (const key of Object.keys(base))
      for (const v of [...odd, 'drop']) {
        const input = { ...base };
        if (v === 'drop') delete input[key];
        else input[key] = v;
        const want = personInput.safeParse(input);
        const got = checkPerson(input);
        expect(got.success, `${key} = ${JSON.stringify(v)}`).toBe(want.success);
        if (want.success) {
          accepted++;
          expect(JSON.stringify(fastPerson(input)), `${key} = ${JSON.stringify(v)}`).toBe(JSON.stringify(want.data));
        } else {
          refused++;
          expect(fastPerson(input), `${key} = ${JSON.stringify(v)}`).toBeNull();
          expect(got.error!.issues).toEqual(want.error.issues);
        }
      }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(300);
  });

  it('gives the same answer with the row’s already parsed ID number as without it', () => {
    const base: Record<string, unknown> = {
      orgId: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: '王伟', gender: '男', ethnicity: '汉族', birthDate: '1980-03-15', nativePlace: null,
      politicalStatus: '中共党员', partyJoinDate: '2020-01-01', workStartDate: '2019-01-01', communityWorkStartDate: '2020-01-01', ftEducation: null, ftDegree: null,
      ftSchoolMajor: null, ptEducation: null, ptDegree: null, ptSchoolMajor: null, posts: [], oneShoulder: false, crossPosting: false, reserveCadre: false,
      postCategory: '其他', swQualification: null, swQualificationDate: null, phone: null, grid: null, remarks: null,
    };
    const ids = [makeId('1980-03-15', 1), makeId('1980-03-15', 2), makeId('1980-03-15', 1).toLowerCase(), ` ${makeId('1980-03-15', 3)} `, '610402800315001',
      '610402800315002', makeId('1981-03-15', 1), makeId('1998-03-16', 1), makeId('2000-02-29', 2)];
    let same = 0;
    for (const raw of ids)
      for (const birthDate of ['1980-03-15', '1981-03-15', '1998-03-16', '2000-02-29'])
        for (const gender of ['男', '女']) {
          const input = { ...base, idNumber: raw, birthDate, gender };
          const parsed = parseIdNumber(raw);
          if (!parsed.ok) throw new Error(raw);
          const plain = JSON.stringify(fastPerson(input));
          expect(JSON.stringify(fastPerson(input, { raw, id: parsed.id })), `${raw} ${birthDate} ${gender}`).toBe(plain);
          expect(JSON.stringify(checkPerson(input, { raw, id: parsed.id }))).toBe(JSON.stringify(checkPerson(input)));
          // A known ID of another cell is ignored.
          const other = parseIdNumber(makeId('1970-01-01', 1));
          if (other.ok) expect(JSON.stringify(fastPerson(input, { raw: 'x', id: other.id }))).toBe(plain);
          if (plain !== 'null') same++;
        }
    expect(same).toBeGreaterThan(5);
  });
});
