/**
 * Screenshots of every screen at 360 and 1280 px in both languages, for a person to look at:
 * `npm run build && npx tsx scripts/screenshots.ts [outDir]` (serves dist/ itself).
 */
import { mkdirSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.ts';
import { serveDist } from '../tests/e2e/serve.ts';

const out = process.argv[2] ?? '.tmp/shots';
mkdirSync(out, { recursive: true });
const server = await serveDist();
const browser = await launch();
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.screenshot({ path: `${out}/landing-${lang}-${width}.png`, fullPage: true });
      await page.getByRole('button', { name: lang === 'en' ? 'Start the quick scan' : '开始快速扫描' }).click();
      await page.locator('#page-heading').waitFor();
      await page.screenshot({ path: `${out}/questions-${lang}-${width}.png`, fullPage: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
