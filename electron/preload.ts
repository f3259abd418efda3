import { contextBridge, ipcRenderer } from 'electron';
import type { ApiBridge } from '../core/contract/index.ts';

// The whole surface the page gets: one function that forwards to the main-process runtime.
// Bundled as CommonJS (dist/electron/preload.cjs) because sandboxed preloads cannot be ESM.
const api: ApiBridge = {
  invoke: (name, input, session) => ipcRenderer.invoke('api:invoke', name, input, session ?? null),
};

contextBridge.exposeInMainWorld('api', api);
