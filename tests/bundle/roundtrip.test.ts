import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { serialiseRows } from '../../core/bundle/export.ts';
import { sharedTables } from '../../core/bundle/tables.ts';
import { people } from '../../db/schema/index.ts';
import type { TestApp } from '../helpers/app.ts';
import { backupKeys, exportBundle, idNumberFor, importBundle, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

const peopleLines = (app: TestApp, orgId: string): string => {
  const t = sharedTables().find((x) => x.name === 'people')!;
  const rows = app.opened.db.select().from(people).all().filter((r) => r.orgId === orgId).sort((a, b) => a.id.localeCompare(b.id));
  return new TextDecoder().decode(serialiseRows(t, rows as Record<string, unknown>[]));
};

describe('round trip', () => {
  it('1,000 records with CJK, 𠮷, ID numbers ending in X and empty optional fields come back byte-identical', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const used = new Set<string>();
    await comm.app.dispatcher.transact('test.seed', (tx) => {
      const s = tx.seq();
      for (let i = 0; i < 1000; i++) {
        const p = personInput(comm.orgId, i, {
          name: i % 3 === 0 ? `𠮷田${i}` : `欧阳·娜仁${i}`,
          remarks: i % 2 ? `备注：“引号”、\\反斜杠\\ 与 emoji 🏮 ${i}` : null,
          nativePlace: i % 5 ? '陕西咸阳' : null,
          phone: null,
        });
        let idNumber: string | null = null;
        for (let start = 0; i % 4 !== 0 && (idNumber === null || used.has(idNumber)); start = Number(idNumber!.slice(14, 17)) + 1)
          idNumber = idNumberFor(p.birthDate, p.gender as '男' | '女', start, i % 4 === 1);
        if (idNumber) used.add(idNumber);
        tx.db.insert(people).values({
          ...p, idNumber, id: crypto.randomUUID(), status: '在岗', createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s,
          oneShoulder: false, crossPosting: false, reserveCadre: i % 7 === 0,
        }).run();
      }
      tx.audit({ entity: 'test' });
    });
    const sent = peopleLines(comm.app, comm.orgId);
    expect(sent).toContain('𠮷');
    expect(sent).toMatch(/X"/);
    const b = await exportBundle(comm);
    const r = await importBundle(county, b.file, b.signature);
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.report!.people!.created).toBe(1000);
    expect(peopleLines(county.app, comm.orgId)).toBe(sent);
  });
});

describe('interop with the reference age tools', () => {
  it('the age CLI decrypts our bundle and tar lists the archive', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const b = await exportBundle(comm);
    const key = (await backupKeys(county))[0]!;
    const dir = county.app.dir;
    writeFileSync(join(dir, 'key.txt'), `${key.ageIdentity}\n`);
    writeFileSync(join(dir, 'b.age'), b.file);
    const tar = execFileSync('age', ['-d', '-i', join(dir, 'key.txt'), '-o', join(dir, 'b.tar'), join(dir, 'b.age')]);
    void tar;
    const list = execFileSync('tar', ['-tf', join(dir, 'b.tar')], { encoding: 'utf8' }).trim().split('\n');
    expect(list.slice(0, 3)).toEqual(['manifest.json', 'manifest.sig', 'parts/org_units.jsonl']);
    expect(list).toContain('parts/people.jsonl');
    const lines = execFileSync('tar', ['-xOf', join(dir, 'b.tar'), 'parts/people.jsonl'], { encoding: 'utf8' });
    expect(JSON.parse(lines.split('\n')[0]!).name).toBe('测试1');
  });

  it('an identity made by age-keygen, imported as the county identity, opens bundles', async () => {
    const county = track(await newCounty());
    const keyFile = join(county.app.dir, 'county-key.txt');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const state = await county.app.ok('keys.importIdentity', { text: (await import('node:fs')).readFileSync(keyFile, 'utf8') });
    expect(state.active!.ageSource).toBe('age-keygen');
    const comm = track(await newCommunity(county));
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const b = await exportBundle(comm);
    expect((await importBundle(county, b.file, b.signature)).outcome).toBe('ACCEPTED');
    writeFileSync(join(county.app.dir, 'b.age'), b.file);
    const plain = execFileSync('age', ['-d', '-i', keyFile, join(county.app.dir, 'b.age')]);
    expect(plain.subarray(0, 13).toString()).toBe('manifest.json');
    const bad = await county.app.dispatcher.call('keys.importIdentity', { text: '# not a key\nAGE-SECRET-KEY-PQ-1XYZ\n' });
    expect(bad.ok).toBe(false);
  });
});
