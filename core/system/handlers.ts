import { existsSync, statSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };
import type { HandlersFor } from '../contract/handler-types.ts';
import { validationError } from '../contract/errors.ts';
import type { systemContract } from './contract.ts';
import { findInstallers } from './installers.ts';

export const APP_VERSION: string = pkg.version;

export const systemHandlers: HandlersFor<typeof systemContract> = {
  'system.info': (ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.sqlite.pragma('user_version', { simple: true }) as number,
  }),

  'system.findInstallers': (_ctx, input) => {
    if (!existsSync(input.folder) || !statSync(input.folder).isDirectory())
      throw validationError([{ path: 'folder', message: `「文件夹」${input.folder} 不存在或不是文件夹` }]);
    return { current: APP_VERSION, rows: findInstallers(input.folder, APP_VERSION) };
  },
};
