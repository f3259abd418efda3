import { createHash } from 'node:crypto';
import { MAX_FILE_MB } from './limits.ts';
import type { ReadSheet } from './read.ts';
import { parseInWorker, stopParseWorker } from './worker.ts';

// `jiceng roster import FILE` knows its file before it has logged in. It starts reading it in
// the parse worker at once, so the read runs on the other core while this thread loads the app
// and derives the password's key (scrypt), instead of after them. Only the read sheet is kept:
// nothing from the database, no plan. A handler takes it only after the dispatcher's access and
// scope checks have passed, and only for the same file (by hash); otherwise it reads as always.
// This module stays small and free of the app's modules: the CLI loads it before them.

/** The key of an import's file: the hash of its content as the contract carries it (base64). */
export const fileKeyOf = (input: { contentBase64: string }): string => createHash('sha256').update(input.contentBase64).digest('hex');

let ahead: { fileKey: string; sheet: Promise<ReadSheet> } | null = null;

/** Starts reading `bytes` (whose base64 is `contentBase64`) in the parse worker. */
export function readAhead(contentBase64: string, bytes: Uint8Array): void {
  // A file the contract will refuse for its size gets that refusal, not a read.
  if (bytes.length > MAX_FILE_MB * 1024 * 1024) return;
  const sheet = parseInWorker(bytes);
  // A refusal (a damaged file, a limit) reaches the handler that takes the read, with the same
  // message its own read would give; until then it must not count as unhandled.
  sheet.catch(() => undefined);
  ahead = { fileKey: fileKeyOf({ contentBase64 }), sheet };
}

/** The read started for this file, once; null when none was started for it. */
export function takeReadAhead(fileKey: string): Promise<ReadSheet> | null {
  if (!ahead || ahead.fileKey !== fileKey) return null;
  const { sheet } = ahead;
  ahead = null;
  return sheet;
}

/** The CLI gave up before a handler took the read (a failed login, an unknown org): stop it. */
export function dropReadAhead(): void {
  if (!ahead) return;
  ahead = null;
  stopParseWorker();
}
