import { z } from 'zod';
import { query } from '../contract/op.ts';

const card = z.object({
  key: z.string(),
  label: z.string(),
  value: z.string(),
  hint: z.string(),
  tone: z.enum(['ok', 'warn', 'bad', 'info']),
  /** Hash route of the page that deals with it. */
  link: z.string().nullable(),
});
const homeTable = z.object({
  key: z.string(),
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  empty: z.string(),
});

export const homeResult = z.object({
  view: z.enum(['clerk', 'reviewer', 'county', 'admin', 'auditor']),
  title: z.string(),
  today: z.string(),
  scope: z.object({ id: z.string(), name: z.string(), level: z.string() }).nullable(),
  cards: z.array(card),
  tables: z.array(homeTable),
  notes: z.array(z.string()),
});
export type HomeResult = z.infer<typeof homeResult>;
export type HomeCard = z.infer<typeof card>;
export type HomeTable = z.infer<typeof homeTable>;

export const homeContract = {
  'home.get': query('登录后的首页：按角色列出待办、待确认事项与主要数字', z.object({}).default({}), homeResult),
};
