// Progress of running imports, by a client-chosen job id. Parsing awaits between chunks, so
// the UI's `roster.importProgress` polls are answered while a large file is being read.

export type Stage = 'reading' | 'parsing' | 'validating' | 'writing' | 'done' | 'failed';

export interface Progress {
  stage: Stage;
  parsed: number;
  validated: number;
  written: number;
  total: number;
}

const jobs = new Map<string, Progress>();
const KEEP = 50;

export function report(jobId: string | undefined, patch: Partial<Progress>): void {
  if (!jobId) return;
  const prev = jobs.get(jobId) ?? { stage: 'reading', parsed: 0, validated: 0, written: 0, total: 0 };
  jobs.delete(jobId);
  jobs.set(jobId, { ...prev, ...patch });
  // Oldest first in insertion order: forget finished jobs nobody polls any more.
  while (jobs.size > KEEP) jobs.delete(jobs.keys().next().value!);
}

export function progressOf(jobId: string): Progress | null {
  return jobs.get(jobId) ?? null;
}
