import { describe, expect, it } from 'vitest';
import { emptyForm, validateForm, withIdFacts } from '../../renderer/src/features/roster/personFormModel.ts';
import { isoDate } from '../../core/contract/fields.ts';
import { checkChar } from '../../core/roster/id-number.ts';

const idFor = (birth: string, seq: string) => {
  const first17 = `610402${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkChar(first17);
};

describe('person form: a valid ID number fills 性别 and 出生日期', () => {
  it('fills both when they are empty', () => {
    const f = withIdFacts({ ...emptyForm('org'), idNumber: idFor('1990-03-08', '022') });
    expect(f.gender).toBe('女');
    expect(f.birthDate).toBe('1990-03-08');
  });

  it('keeps what the user already chose', () => {
    const f = withIdFacts({ ...emptyForm('org'), gender: '男', birthDate: '1991-01-01', idNumber: idFor('1990-03-08', '022') });
    expect(f.gender).toBe('男');
    expect(f.birthDate).toBe('1991-01-01');
  });

  it('does nothing for an incomplete or wrong number', () => {
    const good = idFor('1985-02-01', '013');
    expect(withIdFacts({ ...emptyForm('org'), idNumber: good.slice(0, 17) }).gender).toBe('');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(withIdFacts({ ...emptyForm('org'), idNumber: bad }).birthDate).toBe('');
  });

  it('names an empty required date as 必须填写, not as an invalid date, in the form and in core', () => {
    const errors = validateForm({ ...emptyForm('org'), name: '张三' });
    expect(errors.birthDate).toBe('「出生日期」必须填写');
    const core = isoDate('开班日期').safeParse('');
    expect(!core.success && core.error.issues.map((i) => i.message)).toEqual(['「开班日期」必须填写']);
  });
});
