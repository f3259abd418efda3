import { z } from 'zod';
import { query } from '../contract/op.ts';
import { requiredText } from '../contract/fields.ts';

export const systemContract = {
  'system.info': query('本程序版本与数据结构版本', z.object({}).default({}), z.object({ version: z.string(), schemaVersion: z.number().int() })),
  'system.findInstallers': query(
    '在指定文件夹（如U盘）中查找本程序的安装包，并标出比当前版本新的',
    z.object({ folder: requiredText('文件夹', 500) }),
    z.object({
      current: z.string(),
      rows: z.array(z.object({
        file: z.string(), name: z.string(), version: z.string(), kind: z.string(), arch: z.string(), size: z.number().int(), newer: z.boolean(),
      })),
    }),
  ),
};
