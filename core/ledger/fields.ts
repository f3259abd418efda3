import { z } from 'zod';

export const progressField = z
  .number({ error: '「进度」应为 0–100 的整数' })
  .int({ error: '「进度」应为 0–100 的整数' })
  .min(0, { error: '「进度」应为 0–100 的整数' })
  .max(100, { error: '「进度」应为 0–100 的整数' });

export const yearField = z.number({ error: '「年度」应为整数' }).int().min(2000, { error: '「年度」超出范围' }).max(2100, { error: '「年度」超出范围' });
