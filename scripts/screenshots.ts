/**
 * Screenshots of every screen at 360 and 1280 px in both languages, and the printed report as PDF, for a person
 * to look at: `npm run build && npx tsx scripts/screenshots.ts [outDir]` (it serves dist/ itself).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.ts';
import { serveDist } from '../tests/e2e/serve.ts';
import { answerPage } from '../tests/e2e/helpers.ts';

const out = process.argv[2] ?? '.tmp/shots';
mkdirSync(out, { recursive: true });
const server = await serveDist();
const browser = await launch();
const LABELS = {
  'zh-CN': { start: '开始完整诊断', next: /^(下一步|检查答卷)$/, review: '检查答卷', report: '查看诊断报告' },
  en: { start: 'Start the full diagnosis', next: /^(Next|Review answers)$/, review: 'Review your answers', report: 'See the diagnosis report' },
} as const;
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      const shot = (name: string) => page.screenshot({ path: `${out}/${name}-${lang}-${width}.png`, fullPage: true });
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shot('1-landing');
      await page.getByRole('button', { name: LABELS[lang].start }).click();
      await page.locator('#page-heading').waitFor();
      await shot('2-profile');
      let n = 0;
      let step = 0;
      while ((await page.locator('h1').textContent())?.trim() !== LABELS[lang].review && step++ < 80) {
        await answerPage(page, (k) => (n = (n * 7 + 3) % 11) % Math.min(k, 4));
        if (step === 3) await shot('3-question');
        await page.getByRole('button', { name: LABELS[lang].next }).click();
        await page.waitForTimeout(20);
      }
      await shot('4-review');
      await page.getByRole('button', { name: LABELS[lang].report }).first().click();
      await page.locator('.report h1').first().waitFor();
      await page.waitForTimeout(800);
      await shot('5-report');
      if (width === 1280) writeFileSync(`${out}/report-${lang}.pdf`, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
