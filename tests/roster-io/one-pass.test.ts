import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { bytesInput, importApp, peopleCount, type ImportApp } from './helpers.ts';
import { cacheHits, forget } from '../../core/roster-io/preview-cache.ts';
import { dropReadAhead, readAhead, takeReadAhead, fileKeyOf } from '../../core/roster-io/read-ahead.ts';
import { csvLine, person, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';
import { scopedActor } from '../guard/world.ts';

// Issue 19, build point 4: the commit after a preview of the same file reuses the preview's
// read and checked rows, and re-checks whatever may have changed in the database since.

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

const file = (n: number) => bytesInput('名单.csv', [csvLine(STANDARD_HEADERS), ...Array.from({ length: n }, (_, i) => csvLine(standardRow(i)))].join('\r\n') + '\r\n');
const call = async (op: 'roster.importPreview' | 'roster.importCommit', input: object, actor = scopedActor('clerk', ctx.orgId)) =>
  ctx.app.dispatcher.call(op, { ...file(30), orgId: ctx.orgId, ...input } as never, actor);

describe('one pass per import', () => {
  it('commits the previewed plan without reading or checking the file again', async () => {
    ctx = await importApp();
    expect((await call('roster.importPreview', {})).ok).toBe(true);
    const before = cacheHits();
    const env = await call('roster.importCommit', {});
    expect(env.ok && env.data).toMatchObject({ created: 30, updated: 0, skipped: 0 });
    expect(cacheHits().plan).toBe(before.plan + 1);
    expect(peopleCount(ctx.app)).toBe(30);
    // Written: the same file plans afresh, and now finds everyone unchanged.
    const again = await call('roster.importCommit', {});
    expect(cacheHits().plan).toBe(before.plan + 1);
    expect(again.ok && again.data).toMatchObject({ created: 0, unchanged: 30 });
  });

  it('checks again what was written since the preview: a person entered meanwhile is matched, not duplicated', async () => {
    ctx = await importApp();
    const preview = await call('roster.importPreview', {});
    expect(preview.ok && (preview.data as { counts: object }).counts).toMatchObject({ create: 30 });
    const p = person(0);
    await ctx.app.ok('roster.create', {
      orgId: ctx.orgId, name: p.name, gender: p.gender, ethnicity: '汉族', birthDate: p.birth, idNumber: p.id, politicalStatus: '群众', postCategory: '其他',
    });
    const before = cacheHits();
    const env = await call('roster.importCommit', {});
    expect(cacheHits().plan).toBe(before.plan);
    // The file is still read only once: the sheet comes from the preview.
    expect(cacheHits().sheet).toBe(before.sheet + 1);
    expect(env.ok && env.data).toMatchObject({ created: 29, updated: 1 });
    expect(peopleCount(ctx.app)).toBe(30);
  });

  it('does not hand one caller’s preview to another, nor to a different mapping', async () => {
    ctx = await importApp();
    await call('roster.importPreview', {});
    const before = cacheHits();
    const other = await call('roster.importCommit', {}, scopedActor('clerk', ctx.otherOrgId));
    expect(!other.ok && other.error.code).toBe('forbidden');
    const remapped = await call('roster.importCommit', { mapping: [{ index: 14, field: null }] });
    expect(remapped.ok && remapped.data).toMatchObject({ created: 30 });
    expect(cacheHits().plan).toBe(before.plan);
  });
});

// `jiceng roster import` starts reading its file before the login (core/roster-io/read-ahead.ts).
describe('the CLI’s read ahead', () => {
  const ahead = (input: { contentBase64: string }) => readAhead(input.contentBase64, Buffer.from(input.contentBase64, 'base64'));

  it('hands the read to the preview of the same file, which answers as without it', async () => {
    ctx = await importApp();
    const plain = await call('roster.importPreview', {});
    ctx.app.close();
    removeDir(ctx.app.dir);
    // A fresh process: no preview's sheet to reuse.
    forget();
    ctx = await importApp();
    ahead(file(30));
    const before = cacheHits();
    const env = await call('roster.importPreview', {});
    expect(cacheHits().ahead).toBe(before.ahead + 1);
    expect(env).toEqual(plain);
    // Taken once: the commit gets the preview's plan, not the read again.
    expect((await call('roster.importCommit', {})).ok).toBe(true);
    expect(cacheHits().ahead).toBe(before.ahead + 1);
    expect(peopleCount(ctx.app)).toBe(30);
  });

  it('is not used for another file, and a refused read gives the message a read of its own gives', async () => {
    ctx = await importApp();
    ahead(file(5));
    const before = cacheHits();
    const env = await call('roster.importPreview', {});
    expect(cacheHits().ahead).toBe(before.ahead);
    expect(env.ok && (env.data as { counts: object }).counts).toMatchObject({ create: 30 });
    dropReadAhead();

    const damaged = { fileName: '名单.xlsx', contentBase64: Buffer.from('PK\x03\x04 not really a zip').toString('base64') };
    const own = await ctx.app.dispatcher.call('roster.importPreview', { ...damaged, orgId: ctx.orgId }, scopedActor('clerk', ctx.orgId));
    ahead(damaged);
    const taken = await ctx.app.dispatcher.call('roster.importPreview', { ...damaged, orgId: ctx.orgId }, scopedActor('clerk', ctx.orgId));
    expect(cacheHits().ahead).toBe(before.ahead + 1);
    expect(!own.ok && own.error.code).toBe('validation');
    expect(taken).toEqual(own);
  });

  it('is dropped when the CLI gives up before a handler takes it', async () => {
    const input = file(3);
    ahead(input);
    dropReadAhead();
    expect(takeReadAhead(fileKeyOf(input))).toBeNull();
  });
});
