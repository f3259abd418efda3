import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { apiCall, E2E_CLERK, login, repoRoot, type Served } from '../helpers/serve.ts';
import { latinWordsIn } from '../helpers/latin.ts';

// Shared by the whole-app walks (roles, 1366×768 layout, words): a demo database, the accounts of
// every role, and the checks run on each screen.

/** A fresh 商南县 demo database whose `admin` and `luru` use E2E_CLERK's password. */
export async function demoDb(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'jiceng-walk-')), 'demo.db');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['cli/main.ts', 'demo-data', '--db', file, '--admin-password', E2E_CLERK.password], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo-data exited ${code}: ${err}`))));
  });
  return file;
}

export interface Account {
  label: string;
  username: string;
  password: string;
}

/** Accounts of every role on the demo database: the county clerk, a community clerk, a reviewer, the admin, an auditor. */
export async function walkAccounts(served: Served): Promise<{ accounts: Account[]; community: { id: string; name: string } }> {
  const admin = await login(served, { username: 'admin', password: E2E_CLERK.password });
  const tree = (await apiCall(served, 'org.tree', {}, admin)).data as { id: string; name: string; level: string }[];
  const community = tree.find((o) => o.level === 'community')!;
  const accounts: Account[] = [
    { label: '录入员', username: 'luru', password: E2E_CLERK.password },
    { label: '社区录入员', username: 'shequ', password: 'Walk-2026!sq' },
    { label: '审核员', username: 'shenhe', password: 'Walk-2026!sh' },
    { label: '系统管理员', username: 'admin', password: E2E_CLERK.password },
    { label: '审计员', username: 'shenji', password: 'Walk-2026!sj' },
  ];
  const made: [string, string, string | null][] = [['shequ', 'clerk', community.id], ['shenhe', 'reviewer', null], ['shenji', 'auditor', null]];
  for (const [username, role, orgScopeId] of made) {
    const a = accounts.find((x) => x.username === username)!;
    const first = 'First-2026!walk';
    const created = await apiCall(served, 'users.create', { username, displayName: `走查${a.label}`, role, orgScopeId, initialPassword: first }, admin);
    if (!created.ok) throw new Error(created.error.message);
    const s = await login(served, { username, password: first });
    const changed = await apiCall(served, 'auth.changePassword', { oldPassword: first, newPassword: a.password }, s);
    if (!changed.ok) throw new Error(changed.error.message);
  }
  return { accounts, community };
}

/** Every bridge answer that was `forbidden`, with the operation: a shown control must never lead to one. */
export function watchForbidden(page: Page): { op: string; message: string; where: string }[] {
  const seen: { op: string; message: string; where: string }[] = [];
  page.on('response', async (r) => {
    const m = /\/api\/([\w.]+)$/.exec(new URL(r.url()).pathname);
    if (!m) return;
    try {
      const env = await r.json();
      if (env && env.ok === false && env.error?.code === 'forbidden') seen.push({ op: m[1]!, message: env.error.message, where: decodeURIComponent(new URL(page.url()).hash) });
    } catch {
      // Not JSON (a download): nothing to check.
    }
  });
  return seen;
}

/** Toolbars that wrap to a second row or stick out of their box, described for the failure message. */
export async function badToolbars(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const bar of document.querySelectorAll<HTMLElement>('.toolbar')) {
      if (!bar.offsetParent) continue;
      const kids = [...bar.querySelectorAll<HTMLElement>(':scope > *, :scope > .toolbar-more > .toolbar-more-items > *, :scope > .toolbar-more > button')].filter((k) => k.offsetParent && k.getBoundingClientRect().width > 0 && getComputedStyle(k).visibility !== 'hidden');
      const tops = kids.map((k) => k.getBoundingClientRect());
      // One row: every item's vertical middle falls within the first item's top and bottom.
      const first = tops.reduce((a, b) => (b.top < a.top ? b : a), tops[0] ?? new DOMRect());
      const wrapped = tops.some((r) => (r.top + r.bottom) / 2 > first.bottom + 1);
      const overflow = bar.scrollWidth > bar.clientWidth + 1 || bar.getBoundingClientRect().right > window.innerWidth + 1;
      if (wrapped || overflow) bad.push(`${wrapped ? 'wraps' : 'overflows'}: ${bar.innerText.replace(/\s+/g, ' ').slice(0, 80)}`);
    }
    return bad;
  });
}


/** Latin-letter words in what the page shows (text, placeholders, visible labels), except the allowed ones. */
export async function latinWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const texts = [document.body.innerText];
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) if (el.offsetParent) texts.push(el.placeholder);
    for (const el of document.querySelectorAll<HTMLInputElement>('input[type=file]')) if (el.offsetParent) texts.push('ChromiumFileInput');
    return texts.join('\n');
  });
  return latinWordsIn(words);
}

/** Waits until no bridge call has been in flight for a short while (the screen has settled). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.waitForTimeout(60);
  // A page's code loads when it is first opened (nav.tsx): wait until it is there, or the walk
  // would press nothing on it.
  await expect(page.getByText('正在加载…')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.ag-overlay-loading-wrapper:visible')).toHaveCount(0, { timeout: 5_000 }).catch(() => undefined);
}
