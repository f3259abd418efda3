import type { z } from 'zod';
import { summarize, type ErrorBody, type FieldIssue } from './errors.ts';

export function zodToError(err: z.ZodError): ErrorBody {
  const issues: FieldIssue[] = err.issues.map((i) => {
    const path = i.path.map(String).join('.');
    // Our field builders already name the field; zod's own messages (wrong type, unknown
    // key) get the path in front so the reader still knows which field it is.
    const message = i.message.startsWith('「') || !path ? i.message : `「${path}」${i.message}`;
    return { path, message };
  });
  return { code: 'validation', message: summarize(issues), issues };
}
