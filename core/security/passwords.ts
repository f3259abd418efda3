import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt (node:crypto) with a per-user salt. One derivation yields 64 bytes: the first half is
// the stored verifier, the second half the key that wraps the database master key. The two
// halves are independent outputs, so the stored verifier reveals nothing about the wrap key.
export const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

export interface Derived {
  verifier: Buffer;
  wrapKey: Buffer;
}

export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

export function derive(password: string, saltB64: string): Derived {
  const out = scryptSync(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), 64, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return { verifier: out.subarray(0, 32), wrapKey: out.subarray(32) };
}

export function sameVerifier(a: Buffer, bB64: string): boolean {
  const b = Buffer.from(bB64, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a candidate password breaks the policy (Chinese), or an empty list if it complies. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('「密码」至少 8 个字符');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('「密码」须包含大写字母、小写字母、数字、符号中的至少 3 类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('「密码」不能包含用户名');
  return problems;
}

/** True if `password` matches one of the previous verifiers. */
export function reusesPrevious(password: string, history: { salt: string; hash: string }[]): boolean {
  return history.some((h) => sameVerifier(derive(password, h.salt).verifier, h.hash));
}
