import { useState } from 'react';
import { errorText } from '../../api/client.ts';

/** One step's action: its success line or its error, and a busy flag. */
export function useRun(onDone: () => void) {
  const [ok, setOk] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<string>) => {
    setOk(null);
    setError(null);
    setBusy(true);
    try {
      setOk(await f());
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { ok, error, busy, run };
}
