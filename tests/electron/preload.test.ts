import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule);

await import('../../electron/preload.ts');

describe('preload', () => {
  it('exposes exactly one global, api, with exactly one function, invoke', () => {
    expect([...fake.exposed.keys()]).toEqual(['api']);
    const api = fake.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
  });

  it('forwards invoke and the login session to the single api:invoke channel unchanged', async () => {
    const api = fake.exposed.get('api') as { invoke(name: string, input: unknown, session?: string | null): Promise<unknown> };
    const input = { name: '张三', tags: ['党员'] };
    await expect(api.invoke('roster.create', input, 's-1')).resolves.toEqual({ ok: true, data: null });
    await api.invoke('setup.status', {});
    expect(fake.rendererInvokes).toEqual([
      ['api:invoke', 'roster.create', input, 's-1'],
      ['api:invoke', 'setup.status', {}, null],
    ]);
  });
});
