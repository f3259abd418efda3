import type { z } from 'zod';

export type OpKind = 'query' | 'mutation';

/** One operation of the contract: declared once, with zod schemas for input and output. */
export interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, K extends OpKind = OpKind> {
  kind: K;
  /** One line of Chinese for people browsing `GET /api`. */
  summary: string;
  input: I;
  output: O;
}

export function query<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): OpDef<I, O, 'query'> {
  return { kind: 'query', summary, input, output };
}

/** Runs in one synchronous transaction, with exactly one audit row. */
export function mutation<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): OpDef<I, O, 'mutation'> {
  return { kind: 'mutation', summary, input, output };
}
