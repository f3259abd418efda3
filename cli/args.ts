import { parseArgs } from 'node:util';

/** A mistake in how a command was called: exit code 2 with the usage text. */
export class UsageError extends Error {}

/** The login a command needs was refused: exit code 1 with the reason. */
export class LoginFailed extends Error {}

export function parseFlags<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: T) {
  return parseArgs({ args, options: options!, allowPositionals: true, strict: true });
}

export function intFlag(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} 应为非负整数：${String(value)}`);
  return n;
}
