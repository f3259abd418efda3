import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN, E2E_CLERK, type Served } from '../../helpers/serve.ts';

export interface Account {
  username: string;
  password: string;
}

export type Who = 'admin' | 'clerk' | Account;

function account(who: Who): Account {
  return who === 'admin' ? E2E_ADMIN : who === 'clerk' ? E2E_CLERK : who;
}

/** The login page as a user sees it. */
export class LoginPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async goto(served: Served): Promise<void> {
    await this.page.goto(served.url);
    await expect(this.page.getByRole('heading', { name: '登录' })).toBeVisible();
  }

  async submit(who: Who): Promise<void> {
    const a = account(who);
    await this.page.locator('#login-username').fill(a.username);
    await this.page.locator('#login-password').fill(a.password);
    await this.page.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** The server's message after a refused login (remaining attempts, lockout). */
  get error(): Locator {
    return this.page.locator('.form-banner');
  }

  /** The signed-in user bar (name, role, 修改密码, 退出登录). */
  get userbar(): Locator {
    return this.page.getByRole('banner', { name: '当前用户' });
  }
}

/** Opens the app and logs in; resolves once the app shell shows the user (or the forced password change). */
export async function loginAs(page: Page, served: Served, who: Who, opts: { mustChange?: boolean } = {}): Promise<LoginPage> {
  const login = new LoginPage(page);
  await login.goto(served);
  await login.submit(who);
  if (opts.mustChange) await expect(page.getByRole('heading', { name: '请修改密码' })).toBeVisible();
  else await expect(login.userbar).toBeVisible();
  return login;
}
