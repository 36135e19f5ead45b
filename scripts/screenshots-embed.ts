/**
 * Screenshots of the diagnosis embedded in a portal page through dist/embed.js, at 360 and 1280 px in both
 * languages, for a person to look at: `npm run build && npx tsx scripts/screenshots-embed.ts [outDir]`.
 * Window-sized shots (the embedded report is one long page): start, a question, the report's top and its end.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.ts';
import { copyDist, serveDist, writeTo } from '../tests/e2e/serve.ts';
import { answerPage } from '../tests/e2e/helpers.ts';

const out = process.argv[2] ?? '.tmp/shots-embed';
mkdirSync(out, { recursive: true });
const LABELS = {
  'zh-CN': { start: '开始快速扫描', next: /^(下一步|检查答卷)$/, review: '检查答卷', report: '查看诊断报告' },
  en: { start: 'Start the quick scan', next: /^(Next|Review answers)$/, review: 'Review your answers', report: 'See the diagnosis report' },
} as const;
const portalDir = mkdtempSync(join(tmpdir(), 'aimm-portal-shots-'));
const appDir = copyDist();
const portal = await serveDist({ root: portalDir, name: 'localhost', headers: {} });
const app = await serveDist({ root: appDir });
writeTo(appDir, 'aimm.config.json', JSON.stringify({ version: 1, embed: { allowedOrigins: [portal.url], shareResults: true } }));
writeTo(portalDir, 'portal.css', 'body { margin: 0; font-family: sans-serif; } header, footer { padding: 1rem; background: #004c97; color: #fff; } main { max-width: 1100px; margin: 0 auto; padding: 1rem; }');
const browser = await launch();
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    writeTo(portalDir, `${lang}.html`, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal.css"><script src="${app.url}/embed.js" defer></script></head>
<body><header><strong>省企业服务平台 · Provincial enterprise services</strong></header><main><h1>${lang === 'en' ? 'AI maturity self-check' : 'AI 成熟度自评'}</h1>
<div data-aimm-diagnosis data-src="${app.url}/index.html" data-lang="${lang}" data-prefill-sector="C3841" data-theme-primary="#004c97" data-theme-name="省企业服务平台"></div></main><footer>Portal footer</footer></body></html>`);
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      const shot = (name: string) => page.screenshot({ path: `${out}/${name}-${lang}-${width}.png` });
      await page.goto(`${portal.url}/${lang}.html`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      if (!frame) throw new Error('no frame');
      await frame.getByRole('button', { name: LABELS[lang].start }).waitFor();
      await page.waitForTimeout(300);
      await shot('1-start');
      await frame.getByRole('button', { name: LABELS[lang].start }).click();
      await frame.locator('#page-heading').waitFor();
      await page.waitForTimeout(300);
      await shot('2-profile');
      let n = 0;
      for (let step = 0; (await frame.locator('h1').first().textContent())?.trim() !== LABELS[lang].review && step < 80; step++) {
        await answerPage(frame as unknown as Parameters<typeof answerPage>[0], (k) => (n = (n * 7 + 3) % 11) % Math.min(k, 4));
        if (step === 2) {
          await page.waitForTimeout(200);
          await shot('3-question');
        }
        await frame.getByRole('button', { name: LABELS[lang].next }).click();
        await page.waitForTimeout(20);
      }
      await frame.getByRole('button', { name: LABELS[lang].report }).first().click();
      await frame.locator('.report h1').first().waitFor();
      await page.waitForTimeout(800);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('4-report-top');
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(200);
      await shot('5-report-end');
      await page.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all([app.close(), portal.close()]);
  rmSync(appDir, { recursive: true, force: true });
  rmSync(portalDir, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
