import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/contract/index.ts';
import { call } from './client.ts';

export type CodeTables = Record<string, string[]>;

let cache: Promise<CodeTables> | null = null;

/** The code tables rarely change within a session: load them once. */
export function loadCodes(): Promise<CodeTables> {
  cache ??= call('codes.list', {}).then((tables: OpOutput<'codes.list'>) =>
    Object.fromEntries(tables.map((t) => [t.key, t.entries.map((e) => e.name)])),
  );
  cache.catch(() => (cache = null));
  return cache;
}

export function useCodes(): CodeTables | null {
  const [codes, setCodes] = useState<CodeTables | null>(null);
  useEffect(() => {
    let live = true;
    loadCodes().then((c) => live && setCodes(c), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return codes;
}
