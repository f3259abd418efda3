import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export interface SavedFile {
  name: string;
  buffer: Buffer;
}

/** The 数据交换 page as a user sees it: the guided steps, 收发数据 (import, export, overview, history), 冲突处理 and 本机密钥. */
export class ExchangePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the page from the main navigation (the user is already logged in). */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
    await expect(this.page.getByRole('tablist', { name: '数据交换' })).toBeVisible();
  }

  /** Switches to one of the page's tabs (交换步骤, 收发数据, 冲突处理, 本机密钥). */
  async tab(name: string | RegExp): Promise<void> {
    await this.page.getByRole('tablist', { name: '数据交换' }).getByRole('tab', { name }).click();
  }

  /** The 本机密钥 page (switch to it first). */
  get keys(): Locator {
    return this.section('本机密钥与指纹');
  }

  /** One step of the guided path, by its title. */
  step(title: string): Locator {
    return this.page.locator('li.guided-step').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  /** The highlighted (current) step. */
  get currentStep(): Locator {
    return this.page.locator('li.guided-step[aria-current=step]');
  }

  /** The outcome line of a step: its status line, or its error banner. */
  stepMessage(title: string): Locator {
    return this.step(title).locator('[role=status], [role=alert]');
  }

  /** Clicks a button in a step that hands the browser one file (登记文件, 登记申请) and returns it. */
  async saveOne(stepTitle: string, button: string): Promise<SavedFile> {
    const [d] = await Promise.all([this.page.waitForEvent('download'), this.step(stepTitle).getByRole('button', { name: button }).click()]);
    return { name: d.suggestedFilename(), buffer: readFileSync((await d.path())!) };
  }

  /** Picks a file through a step's Chinese file picker. */
  async pickFile(stepTitle: string, file: SavedFile): Promise<void> {
    await this.step(stepTitle).locator('input[type=file]').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.buffer });
  }

  /** This installation's fingerprint, read on the 本机密钥 page (the only place it is shown). */
  async readOwnFingerprint(): Promise<string> {
    await this.tab('本机密钥');
    const fpr = (await this.ownFingerprint.textContent())!;
    await this.tab('交换步骤');
    return fpr;
  }

  /** A row of the peers table (对方单位, 代码, 指纹, 状态). */
  peerRow(orgName: string): Locator {
    return this.keys.locator('tbody tr').filter({ hasText: orgName });
  }

  section(title: string): Locator {
    return this.page.locator('section.exchange-section').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  get ownFingerprint(): Locator {
    return this.page.getByTestId('own-fingerprint');
  }

  /** Clicks 导出增量包 and returns the files the browser was handed (the .age and its .sig). */
  async exportIncremental(): Promise<SavedFile[]> {
    const downloads: Download[] = [];
    const onDownload = (d: Download) => void downloads.push(d);
    this.page.on('download', onDownload);
    try {
      await this.section('向县（区）报送数据').getByRole('button', { name: '导出增量包' }).click();
      await expect(this.section('向县（区）报送数据').getByRole('status')).toContainText('已导出');
      await expect.poll(() => downloads.length).toBe(2);
    } finally {
      this.page.off('download', onDownload);
    }
    const files: SavedFile[] = [];
    for (const d of downloads) files.push({ name: d.suggestedFilename(), buffer: readFileSync((await d.path())!) });
    return files;
  }

  /** Picks files in 导入数据包 and waits until every .age among them has been processed. */
  async importFiles(files: SavedFile[]): Promise<void> {
    const bundles = files.filter((f) => f.name.endsWith('.age')).length;
    await this.page.getByTestId('bundle-files').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })));
    await expect(this.section('导入数据包').getByRole('status')).toHaveText(`已处理 ${bundles} 个文件`, { timeout: 20_000 });
  }

  /** The rows of the import results table (文件, 结果, 说明). */
  get resultRows(): Locator {
    return this.section('导入数据包').locator('tbody tr');
  }

  /** The 已接收 table of 收发记录. */
  get receivedRows(): Locator {
    return this.section('收发记录').locator('table').filter({ has: this.page.locator('caption', { hasText: '已接收' }) }).locator('tbody tr');
  }

  /** The 已发送 table of 收发记录. */
  get sentRows(): Locator {
    return this.section('收发记录').locator('table').filter({ has: this.page.locator('caption', { hasText: '已发送' }) }).locator('tbody tr');
  }

  /** A community's row in 各社区报送情况. */
  overviewRow(orgName: string): Locator {
    return this.section('各社区报送情况').locator('tbody tr').filter({ hasText: orgName });
  }
}
