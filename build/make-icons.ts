import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Renders build/icon.svg to the PNGs and the ICO electron-builder uses, with Debian's chromium
// (no ImageMagick needed). Run after editing the SVG: `npx node build/make-icons.ts`.

const here = fileURLToPath(new URL('.', import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');

async function render(sizes: number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const out = new Map<number, Buffer>();
  try {
    const page = await browser.newPage();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** An ICO whose entries are PNG images (read by Windows Vista and later). */
function ico(images: Map<number, Buffer>): Buffer {
  const entries = [...images.entries()];
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

const pngs = await render([16, 24, 32, 48, 64, 128, 256, 512]);
mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(here, 'icons', `${size}x${size}.png`), pngs.get(size)!);
writeFileSync(join(here, 'icon.png'), pngs.get(512)!);
writeFileSync(join(here, 'icon.ico'), ico(new Map([16, 24, 32, 48, 64, 128, 256].map((s) => [s, pngs.get(s)!]))));
console.log('icons written to build/: icon.png, icon.ico, icons/*.png');
