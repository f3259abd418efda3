import type { z } from 'zod';
import type { OpDef } from './op.ts';
import type { Ctx, TxCtx } from '../context.ts';

type In<D extends OpDef> = z.output<D['input']>;
type Out<D extends OpDef> = z.output<D['output']>;

/**
 * A mutation that must do slow, async work first (parse a file, decrypt a bundle): `prepare`
 * runs outside the transaction and returns the synchronous step that runs inside it.
 */
export interface PreparedMutation<D extends OpDef> {
  prepare(ctx: Ctx, input: In<D>): Promise<(tx: TxCtx) => Out<D>>;
}

export type Handler<D extends OpDef> = D['kind'] extends 'mutation'
  ? ((tx: TxCtx, input: In<D>) => Out<D>) | PreparedMutation<D>
  : (ctx: Ctx, input: In<D>) => Out<D> | Promise<Out<D>>;

/** A handler for every operation of contract `C`, and nothing else. */
export type HandlersFor<C extends Record<string, OpDef>> = { [K in keyof C]: Handler<C[K]> };
