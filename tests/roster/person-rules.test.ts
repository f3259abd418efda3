import { describe, expect, it } from 'vitest';
import { checkPersonDates, personInput } from '../../core/roster/person-schema.ts';

const base = {
  orgId: '00000000-0000-4000-8000-000000000001',
  name: '张三',
  gender: '男',
  ethnicity: '汉族',
  birthDate: '1985-03-01',
  idNumber: '610402198503010011',
  politicalStatus: '中共党员',
  postCategory: '正职',
};

const messages = (input: object) => {
  const r = personInput.safeParse({ ...base, ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('person rules', () => {
  it('accepts a complete, consistent person and normalises coded values', () => {
    const r = personInput.parse({ ...base, ethnicity: '回', politicalStatus: '党员', posts: ['书记', '主任', '书记'], phone: '029-88886666' });
    expect(r.ethnicity).toBe('回族');
    expect(r.politicalStatus).toBe('中共党员');
    expect(r.posts).toEqual(['书记', '居委会主任']);
    expect(r.phone).toBe('029-88886666');
  });

  it('stores the current names of renamed ethnic groups', () => {
    expect(personInput.parse({ ...base, ethnicity: '毛难族' }).ethnicity).toBe('毛南族');
    expect(personInput.parse({ ...base, ethnicity: '崩龙' }).ethnicity).toBe('德昂族');
  });

  it('upgrades a 15-digit ID number and stores an upper-case X', () => {
    expect(personInput.parse({ ...base, idNumber: '610402850301001' }).idNumber).toBe('610402198503010011');
    const r = personInput.parse({ ...base, birthDate: '1949-12-31', gender: '女', idNumber: '11010519491231002x' });
    expect(r.idNumber).toBe('11010519491231002X');
  });

  it('names the field and the reason for each bad value', () => {
    expect(messages({ name: ' ' })).toEqual(['name:「姓名」必须填写']);
    expect(messages({ ethnicity: '火星族' })[0]).toContain('「民族」的值“火星族”不在代码表中');
    expect(messages({ idNumber: '610402198503010012' })[0]).toMatch(/^idNumber:「身份证号」校验位不符/);
    expect(messages({ phone: '12345' })[0]).toMatch(/^phone:「联系电话」/);
    expect(messages({ birthDate: '1985-02-30' })[0]).toContain('「出生日期」不是有效日期');
  });

  it('cross-checks the ID number against birth date and gender', () => {
    expect(messages({ birthDate: '1985-03-02' })).toEqual(['birthDate:「出生日期」1985-03-02 与身份证号中的 1985-03-01 不一致']);
    expect(messages({ gender: '女' })[0]).toContain('「性别」与身份证号不一致');
  });

  it('requires 入党时间 at least 18 years after birth', () => {
    expect(messages({ partyJoinDate: '2003-02-28' })[0]).toContain('「入党时间」应在年满 18 周岁之后');
    expect(messages({ partyJoinDate: '2003-03-01' })).toEqual([]);
  });

  it('requires both posts for 一肩挑', () => {
    expect(messages({ oneShoulder: true, posts: ['书记'] })[0]).toContain('「一肩挑」');
    expect(messages({ oneShoulder: true, posts: ['书记', '居委会主任'] })).toEqual([]);
  });

  it('refuses dates in the future against the given today', () => {
    const p = personInput.parse({ ...base, workStartDate: '2026-12-01' });
    expect(checkPersonDates(p, '2026-11-27')).toEqual([{ path: 'workStartDate', message: '「参加工作时间」2026-12-01 晚于今天，不能是将来的日期' }]);
    expect(checkPersonDates(p, '2026-12-01')).toEqual([]);
  });
});
