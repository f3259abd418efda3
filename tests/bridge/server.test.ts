import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../../cli/server.ts';
import { contract } from '../../core/contract/index.ts';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let bridge: Bridge;

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const api = (op: string, input: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/${op}`, { method: 'POST', body: JSON.stringify(input), headers: { Authorization: `Bearer ${bridge.token}`, Host: `127.0.0.1:${bridge.port}`, ...headers } });

beforeAll(async () => {
  app = openTestApp();
  await seedOrgTree(app);
  const web = join(app.dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>基层党建台账</title>');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'assets', 'index-CRfCQTD-.js'), 'export {};');
  writeFileSync(join(web, 'assets', 'notes.js'), 'export {};');
  bridge = await startBridge({ dispatch: (name, input) => app.dispatcher.dispatch(name, input), staticDir: web });
});
afterAll(async () => {
  await bridge.close();
  app.close();
  removeDir(app.dir);
});

describe('the loopback HTTP bridge', () => {
  it('prints a URL on 127.0.0.1 that carries the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('rejects a missing or wrong token', async () => {
    const none = await raw('/api/org.tree', { method: 'POST', body: '{}', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('forbidden');
    // The token is random base64url: its last character may already be an x (1 in 64).
    const wrongToken = `${bridge.token.slice(0, -1)}${bridge.token.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await api('org.tree', {}, { Authorization: `Bearer ${wrongToken}` });
    expect(wrong.status).toBe(401);
    const listing = await raw('/api', { headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(listing.status).toBe(401);
  });

  it('rejects a foreign Host header even with the right token (DNS rebinding)', async () => {
    const res = await api('org.tree', {}, { Host: `evil.example:${bridge.port}` });
    expect(res.status).toBe(421);
    const page = await raw('/', { headers: { Host: 'attacker.test' } });
    expect(page.status).toBe(421);
  });

  it('answers an unknown operation with a not_found envelope', async () => {
    const res = await api('roster.drop', {});
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'not_found', message: '未知的操作“roster.drop”' } });
  });

  it('gives the same envelope as direct dispatch, for data and for errors', async () => {
    for (const [op, input] of [
      ['org.tree', {}],
      ['roster.list', { status: 'all' }],
      ['roster.create', { name: '' }],
      ['codes.list', {}],
    ] as const) {
      const viaHttp = JSON.parse((await api(op, input)).body);
      expect(viaHttp).toEqual(await app.dispatcher.dispatch(op, input));
    }
  });

  it('refuses bodies that are not JSON', async () => {
    const res = await raw('/api/org.tree', { method: 'POST', body: '{oops', headers: { Authorization: `Bearer ${bridge.token}`, Host: `127.0.0.1:${bridge.port}` } });
    expect(JSON.parse(res.body).error.code).toBe('validation');
  });

  it('lists the operations with JSON schemas behind the token', async () => {
    const res = await raw('/api', { headers: { Authorization: `Bearer ${bridge.token}`, Host: `localhost:${bridge.port}` } });
    const body = JSON.parse(res.body) as { operations: { name: string; kind: string; input: { type?: string } }[] };
    expect(body.operations.map((o) => o.name).sort()).toEqual(Object.keys(contract).sort());
    expect(body.operations.find((o) => o.name === 'roster.create')).toMatchObject({ kind: 'mutation', input: { type: 'object' } });
  });

  it('serves the page without any token in it, with a strict CSP', async () => {
    const res = await raw('/', { headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain(bridge.token);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    const escape = await raw('/../../etc/passwd', { headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(escape.body).not.toContain('root:');
  });

  it('lets the browser keep the hashed build assets, and nothing else', async () => {
    const host = { Host: `127.0.0.1:${bridge.port}` };
    const asset = await raw('/assets/index-CRfCQTD-.js', { headers: host });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(asset.headers['content-security-policy'])).toContain("default-src 'self'");
    // The page that names the assets, a file without a content hash, a client route, a missing
    // asset and every API answer are never stored.
    for (const path of ['/', '/index.html', '/assets/notes.js', '/roster', '/assets/gone-AAAAAAAA.js'])
      expect((await raw(path, { headers: host })).headers['cache-control'], path).toBe('no-store');
    expect((await api('setup.status', {})).headers['cache-control']).toBe('no-store');
  });
});
