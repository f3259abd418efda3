import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { checkPersonDates, personInput } from '../../core/roster/person-schema.ts';
import { openTestApp, removeDir } from '../helpers/app.ts';

// The demo roster must pass the app's own validation, or an export → import round trip of a
// demo database fails (it once gave 391 of 20,000 people an 入党时间 after today).

const FAKE_ORG = '00000000-0000-4000-8000-000000000001';

describe('demo people', () => {
  it('every one of 20,000 generated people passes the person schema and the date rules', () => {
    const today = localIsoDate(new Date());
    const data = generateDemo({ communities: 150, people: 20_000, today });
    const bad: string[] = [];
    for (const p of data.people) {
      const { orgKey: _k, ...fields } = p;
      const parsed = personInput.safeParse({ ...fields, orgId: FAKE_ORG });
      if (!parsed.success) bad.push(`${p.name}: ${parsed.error.issues.map((i) => i.message).join('；')}`);
      else for (const i of checkPersonDates(parsed.data, today)) bad.push(`${p.name}: ${i.message}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(bad.length).toBe(0);
  });

  // roster-io reads sheets with its own reader (core/roster-io/xlsx.ts), which decodes each
  // part whole: exceljs's streaming reader turned characters split across chunks into U+FFFD.
  const garbled = (v: unknown) => String(v ?? '').includes('\uFFFD');

  async function roundTrip() {
    const now = new Date();
    const app = openTestApp({ now: () => now });
    const data = generateDemo({ communities: 1, people: 400, today: localIsoDate(now) });
    app.dispatcher.transact('test.demo', (tx) => seedDemo(tx, data));
    const community = app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'community'").get() as { id: string };
    const out = await app.ok('roster.export', { orgId: community.id });
    const preview = await app.ok('roster.importPreview', { fileName: out.fileName, contentBase64: out.contentBase64, orgId: community.id });
    return { app, out, preview };
  }

  it('round-trips a demo roster through roster.export and roster.importPreview unchanged, every character intact', async () => {
    const { app, out, preview } = await roundTrip();
    try {
      expect(out.count).toBe(400);
      expect(preview.issues.filter((i) => garbled(i.value))).toEqual([]);
      expect(preview.issues.filter((i) => i.severity !== 'warning').slice(0, 3)).toEqual([]);
      expect(preview.counts).toMatchObject({ create: 0, update: 0, unchanged: 400 });
    } finally {
      app.close();
      removeDir(app.dir);
    }
  }, 60_000);
});
