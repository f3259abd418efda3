import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Upgrades arrive on a USB stick: the app looks in a folder for installers named the way
// build/electron-builder.yml names them, and reports the ones newer than itself.

export interface InstallerFile {
  file: string;
  name: string;
  version: string;
  kind: 'Windows 安装程序' | 'Windows 免安装版' | 'Linux 安装包（.deb）';
  arch: string;
  size: number;
  newer: boolean;
}

const PATTERNS: { re: RegExp; kind: InstallerFile['kind'] }[] = [
  { re: /^基层党建台账-(\d+\.\d+\.\d+)-安装程序-([a-z0-9_]+)\.exe$/, kind: 'Windows 安装程序' },
  { re: /^基层党建台账-(\d+\.\d+\.\d+)-免安装版-([a-z0-9_]+)\.exe$/, kind: 'Windows 免安装版' },
  { re: /^jiceng-ledger_(\d+\.\d+\.\d+)_([a-z0-9_]+)\.deb$/, kind: 'Linux 安装包（.deb）' },
];

/** Compares dotted versions numerically: 0.10.0 is newer than 0.9.3. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function findInstallers(folder: string, current: string): InstallerFile[] {
  const out: InstallerFile[] = [];
  for (const name of readdirSync(folder)) {
    for (const p of PATTERNS) {
      const m = p.re.exec(name.normalize('NFC'));
      if (!m) continue;
      const file = join(folder, name);
      out.push({ file, name, version: m[1]!, kind: p.kind, arch: m[2]!, size: statSync(file).size, newer: compareVersions(m[1]!, current) > 0 });
    }
  }
  return out.sort((a, b) => compareVersions(b.version, a.version) || a.name.localeCompare(b.name));
}
