import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { isBase64 } from '../../core/bundle/contract.ts';

// The contract's base64 check is a loop for speed (issue 19); it must accept and refuse exactly
// what the regex it replaced did.
const RULE = /^[A-Za-z0-9+/]*={0,2}$/;

describe('bundle file base64 rule', () => {
  it('agrees with /^[A-Za-z0-9+/]*={0,2}$/ on edge cases and random strings', () => {
    const cases = ['', '=', '==', '===', 'QQ==', 'QQ=', 'QQ', 'Q===', 'QQ=QQ', '=QQ', 'QQ==\n', ' QQ==', 'QQ-_', 'QQ é', 'QQ\u0000', 'QQ\u{1F600}', 'A+/9', 'a b', '++//==', 'Zm9v'];
    const alphabet = 'ABCxyz019+/=-_ \n.é';
    for (let i = 0; i < 2000; i++) {
      const n = i % 9;
      let s = '';
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
      cases.push(s);
    }
    cases.push(randomBytes(3000).toString('base64'), `${randomBytes(3000).toString('base64')}!`);
    for (const s of cases) expect([s, isBase64(s)]).toEqual([s, RULE.test(s)]);
  });

  it('refuses a bundle whose file is not base64, naming the field', async () => {
    const { bundleContract } = await import('../../core/bundle/contract.ts');
    const r = bundleContract['bundle.import'].input.safeParse({ fileName: 'a.age', file: 'QQ==!', signature: null });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('「文件」不是 base64 编码');
  });
});
