import { inflateSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';

/**
 * How many text-showing operators (Tj/TJ) a PDF's page content draws. Chromium compresses each
 * content stream (FlateDecode); a page whose text is all hidden draws none, however large the
 * file is from backgrounds and fonts — which a file-size comparison would miss.
 */
export function pdfTextOps(pdf: Buffer): number {
  const raw = pdf.toString('latin1');
  let count = 0;
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    let body: Buffer;
    try {
      body = inflateSync(pdf.subarray(start, end));
    } catch {
      continue; // not a Flate stream (images, fonts in other encodings)
    }
    count += body.toString('latin1').match(/\bT[jJ]\b/g)?.length ?? 0;
  }
  return count;
}

/** Prints the page to an A4 PDF as the browser would and checks that the paper has text on it. */
export async function expectPrintedText(page: Page, minOps = 5): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  // Never on paper: the signed-in user's name and role badge.
  await expect(page.locator('.userbar, .role-badge').filter({ visible: true })).toHaveCount(0);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfTextOps(pdf), 'text drawn on the printed page').toBeGreaterThanOrEqual(minOps);
  return pdf;
}

/**
 * Prints the page as A4 landscape and checks the paper: a PDF with text drawn on it, well
 * above a blank page's size, every page 842 × 595 points (Chromium's A4 is a point or so over).
 * Returns the page boxes so a caller can assert how many pages there are.
 */
export async function expectLandscapePdf(page: Page): Promise<number[][]> {
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  const blank = await page.context().newPage();
  await blank.setContent('<html><body></body></html>');
  const empty = await blank.pdf({ format: 'A4', landscape: true });
  await blank.close();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(empty.length * 5);
  expect(pdfTextOps(pdf), 'text drawn on the printed page').toBeGreaterThan(0);
  const boxes = [...pdf.toString('latin1').matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [w, h] of boxes) expect([Math.abs(w! - 842) < 2, Math.abs(h! - 595) < 2]).toEqual([true, true]);
  return boxes;
}
