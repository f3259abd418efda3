import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Runtime } from '../core/runtime.ts';

export const API_CHANNEL = 'api:invoke';

/** Only our own renderer page, in the window's top frame, may call the runtime. */
export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  const top = event.sender.mainFrame;
  // Subframes (an injected iframe, about:blank, data:) never reach the runtime.
  if (!frame || frame.parent !== null || frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // The hash is in-page routing state; everything before it must be exactly our index.html.
  url.hash = '';
  return url.href === new URL(rendererUrl).href;
}

/** The one IPC channel: every operation goes through the runtime, which validates the input and the session. */
export function registerApi(dispatch: Runtime['dispatch'], rendererUrl: string): void {
  ipcMain.handle(API_CHANNEL, (event, name: unknown, input: unknown, session: unknown) => {
    if (!isTrustedSender(event, rendererUrl)) {
      throw new Error('拒绝调用：请求不是来自本程序的界面页面。');
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'validation', message: '操作名称必须是字符串。' } };
    }
    return dispatch(name, input, typeof session === 'string' ? session : null);
  });
}
