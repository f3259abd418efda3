import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './helpers/serve.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(repoRoot, dir))) {
    const rel = join(dir, name);
    if (statSync(join(repoRoot, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(name)) out.push(rel);
  }
  return out;
}

const importsOf = (file: string) =>
  [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

function offenders(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((f) => importsOf(f).filter((s) => forbidden(s, f)).map((s) => `${f} → ${s}`));
}

const resolvesInto = (spec: string, file: string, folder: string) =>
  spec.startsWith('.') && relative(repoRoot, join(repoRoot, file, '..', spec)).split(/[\\/]/)[0] === folder;

describe('folder boundaries', () => {
  it('core/ imports neither electron, React nor node:http', () => {
    expect(offenders('core', (s) => /^(electron|react|react-dom|node:http|http)(\/|$)/.test(s))).toEqual([]);
  });

  it('db/ does not import electron', () => {
    expect(offenders('db', (s) => /^electron(\/|$)/.test(s))).toEqual([]);
  });

  it('renderer/ imports neither db/ nor electron/', () => {
    expect(offenders('renderer', (s, f) => /^electron(\/|$)/.test(s) || resolvesInto(s, f, 'db') || resolvesInto(s, f, 'electron'))).toEqual([]);
  });

  it('only electron/ imports the electron package', () => {
    for (const dir of ['core', 'db', 'cli', 'renderer']) expect(offenders(dir, (s) => s === 'electron')).toEqual([]);
  });

  it('electron/ does not import renderer/', () => {
    expect(offenders('electron', (s, f) => resolvesInto(s, f, 'renderer'))).toEqual([]);
  });
});
