import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { contract } from '../core/contract/index.ts';

// The loopback HTTP bridge of browser mode. Like the Electron IPC channel it holds no
// per-operation code: POST /api/<operation> → dispatch(operation, body).

/** The runtime's door: operation, input and the caller's login session. */
export type SessionDispatch = (name: string, input: unknown, sessionId?: string | null) => Promise<unknown>;

export interface BridgeOptions {
  dispatch: SessionDispatch;
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest accepted request body, in bytes. */
  maxBody?: number;
}

export interface Bridge {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
};

// The build's scripts and styles under assets/ carry a hash of their content in their name (vite):
// a name never changes meaning, so a reload or a second tab takes them from the browser's cache
// (issue 19). They hold no data and no token. index.html (which names them) and every API answer
// stay no-store.
const ASSET_NAME = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.(js|css|woff2|svg|png)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'internal', message: '系统内部错误' } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign page that resolves its own name to 127.0.0.1 still sends its own Host.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, { ok: false, error: { code: 'forbidden', message: '拒绝：Host 不是本机地址' } });
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!authorized(req.headers.authorization, token))
        return send(res, 401, { ok: false, error: { code: 'forbidden', message: '缺少或错误的访问令牌，请使用启动时显示的地址打开' } });
      if (url.pathname === '/api' && req.method === 'GET') return send(res, 200, describeApi());
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'validation', message: '只接受 POST 请求' } });
      const op = decodeURIComponent(url.pathname.slice('/api/'.length));
      const body = await readBody(req, maxBody);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'validation', message: '请求内容过大' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, { ok: false, error: { code: 'validation', message: '请求内容不是有效的 JSON' } });
      }
      // Errors travel as data in the envelope, so the status is 200 whatever the outcome.
      const session = req.headers['x-jiceng-session'];
      return send(res, 200, await opts.dispatch(op, input, typeof session === 'string' ? session : null));
    }
    return serveStatic(res, opts.staticDir, url.pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server, token, port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function describeApi() {
  return {
    operations: Object.entries(contract).map(([name, def]) => ({
      name,
      kind: def.kind,
      summary: def.summary,
      input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
    })),
  };
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function serveStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(root, rel === '' ? 'index.html' : rel);
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) return send(res, 404, 'not found');
  try {
    const data = await readFile(file);
    const cache = ASSET_NAME.test(rel.split(sep).join('/')) ? { 'Cache-Control': IMMUTABLE } : {};
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS, ...cache });
    res.end(data);
  } catch {
    // Client-side routes all resolve to the single page.
    const index = await readFile(join(root, 'index.html')).catch(() => null);
    if (!index || extname(file)) return send(res, 404, 'not found');
    res.writeHead(200, { 'Content-Type': MIME['.html']!, ...SECURITY_HEADERS });
    res.end(index);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}
