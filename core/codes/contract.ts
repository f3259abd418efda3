import { z } from 'zod';
import { query } from '../contract/op.ts';

const entry = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
});

export const codesContract = {
  'codes.list': query(
    '全部代码表（性别、民族、政治面貌、学历、学位、职务等）',
    z.object({}).default({}),
    z.array(z.object({ key: z.string(), label: z.string(), standard: z.string().optional(), entries: z.array(entry) })),
  ),
};
