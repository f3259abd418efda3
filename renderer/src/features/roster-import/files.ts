/** A fresh id for `roster.importProgress` polling. */
export function newJobId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `job-${Math.random().toString(36).slice(2)}`;
}
