import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../core/security/passwords.ts';

describe('password policy: ≥ 8 characters, 3 of 4 classes, not containing the username', () => {
  it.each([
    ['Abcdef12', true],
    ['abcdef1!', true],
    ['ABCDEF1!', true],
    ['Abc!defg', true],
    ['党建Ab12!x', true],
    ['Abcde1!', false], // 7 characters
    ['abcdefgh', false], // one class
    ['abcdef12', false], // two classes
    ['ABCDEFG!', false], // two classes
    ['12345678!', false], // two classes
    ['Zhangsan1!', false], // contains the username
    ['xxZHANGSANxx1!', false], // case does not hide it
  ])('%s → compliant: %s', (pw, ok) => {
    expect(passwordProblems(pw, 'zhangsan').length === 0).toBe(ok);
  });

  it('names the field and each broken rule in Chinese', () => {
    expect(passwordProblems('zhang', 'zhang')).toEqual([
      '「密码」至少 8 个字符',
      '「密码」须包含大写字母、小写字母、数字、符号中的至少 3 类',
      '「密码」不能包含用户名',
    ]);
  });
});
