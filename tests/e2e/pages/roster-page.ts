import { expect, type Locator, type Page } from '@playwright/test';
import type { Served } from '../../helpers/serve.ts';
import { loginAs } from './login.ts';

export interface PersonFields {
  name?: string;
  idNumber?: string;
  gender?: string;
  birthDate?: string;
  ethnicity?: string;
  politicalStatus?: string;
  postCategory?: string;
  posts?: string[];
  phone?: string;
  grid?: string;
}

/** The roster page as a user sees it: toolbar, org tree, grid and its dialogs. */
export class RosterPage {
  readonly page: Page;
  readonly dialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog');
  }

  /** Opens the app, logs in as the clerk (录入员), who lands on the home page, and opens the roster. */
  async goto(served: Served): Promise<void> {
    await loginAs(this.page, served, 'clerk');
    await this.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
    await expect(this.page.getByRole('heading', { name: '花名册' })).toBeVisible();
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await expect(this.page.locator('.statusbar')).toContainText('共', { timeout: 15_000 });
  }

  /** A grid row, located by its name cell. */
  row(name: string): Locator {
    return this.page.locator('.ag-row').filter({ has: this.page.locator('[col-id="name"]', { hasText: new RegExp(`^${name}$`) }) });
  }

  /** One cell of the row for `name`. */
  cell(name: string, colId: string): Locator {
    return this.row(name).locator(`[col-id="${colId}"]`);
  }

  async selectOrg(name: string): Promise<void> {
    await this.page.getByRole('tree').getByRole('button', { name, exact: true }).click();
    await this.waitLoaded();
  }

  async setStatus(status: '在岗' | '离任' | '退休' | '解聘' | '全部'): Promise<void> {
    await this.page.getByRole('radio', { name: status }).click();
    await this.waitLoaded();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '搜索姓名、身份证号、电话' }).fill(text);
  }

  async openAdd(): Promise<void> {
    await this.page.getByRole('button', { name: '＋ 新增人员' }).click();
    await expect(this.dialog.getByRole('heading', { name: '新增人员' })).toBeVisible();
    // The selects fill from codes.list; wait until they have their options.
    await expect(this.dialog.locator('#pf-politicalStatus option', { hasText: '中共党员' })).toHaveCount(1);
  }

  async openEdit(name: string): Promise<void> {
    await this.row(name).click();
    await this.page.getByRole('button', { name: '修改', exact: true }).click();
    await expect(this.dialog.getByRole('heading', { name: `修改人员信息：${name}` })).toBeVisible();
  }

  async fill(f: PersonFields): Promise<void> {
    const d = this.dialog;
    if (f.name !== undefined) await d.locator('#pf-name').fill(f.name);
    if (f.idNumber !== undefined) await d.locator('#pf-idNumber').fill(f.idNumber);
    if (f.gender !== undefined) await d.locator('#pf-gender').selectOption(f.gender);
    if (f.birthDate !== undefined) await d.locator('#pf-birthDate').fill(f.birthDate);
    if (f.ethnicity !== undefined) await d.locator('#pf-ethnicity').selectOption(f.ethnicity);
    if (f.politicalStatus !== undefined) await d.locator('#pf-politicalStatus').selectOption(f.politicalStatus);
    if (f.postCategory !== undefined) await d.locator('#pf-postCategory').selectOption(f.postCategory);
    for (const p of f.posts ?? []) await d.getByRole('group', { name: '职务（可多选）' }).getByLabel(p, { exact: true }).check();
    if (f.phone !== undefined) await d.locator('#pf-phone').fill(f.phone);
    if (f.grid !== undefined) await d.locator('#pf-grid').fill(f.grid);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: '保存' }).click();
  }

  async saveAndClose(): Promise<void> {
    await this.save();
    await expect(this.dialog).toHaveCount(0);
    await this.waitLoaded();
  }

  /** 取消 on a form with typed work asks 保存/放弃/取消: answer 放弃修改. */
  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: '取消' }).click();
    const ask = this.page.getByRole('alertdialog', { name: '有未保存的修改' });
    if (await ask.isVisible().catch(() => false) || (await ask.waitFor({ timeout: 500 }).then(() => true, () => false)))
      await ask.getByRole('button', { name: '放弃修改' }).click();
    await expect(this.dialog).toHaveCount(0);
  }

  /** The inline error shown under a form field. */
  fieldError(field: string): Locator {
    return this.dialog.locator(`.field[data-field="${field}"] .field-error`);
  }

  async retire(name: string, status: '离任' | '退休' | '解聘', reason: string, date?: string): Promise<void> {
    await this.row(name).click();
    await this.page.getByRole('button', { name: '离岗办理' }).click();
    await expect(this.dialog.getByRole('heading', { name: `离岗办理：${name}` })).toBeVisible();
    await this.dialog.getByLabel('离岗类型').selectOption(status);
    if (date) await this.dialog.getByLabel('离岗日期').fill(date);
    await this.dialog.getByLabel('离岗原因').fill(reason);
    await this.dialog.getByRole('button', { name: '确认办理' }).click();
    await expect(this.dialog).toHaveCount(0);
    await this.waitLoaded();
  }
}
