/**
 * Screenshots of the report on a phone (360 px) and a desktop (1280 px), both languages: the whole page, each
 * section collapsed and expanded, the priorities section with a step planned (the what-if bar), and the
 * questionnaire's industry-type question with the focus on an option above the sticky Back/Next bar.
 * `npm run build && npx tsx scripts/screenshots-phone.ts [outDir]` (it serves dist/ itself).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.ts';
import { serveDist } from '../tests/e2e/serve.ts';

const out = process.argv[2] ?? '.tmp/shots-phone';
mkdirSync(out, { recursive: true });
const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as { answers: Record<string, string> };
const later = { ...example, answers: { ...example.answers, 'fm-equipment-data': 'l3', 'em-production-plan': 'l2' } };
const file = {
  kind: 'aimm-workspace', formatVersion: 1, exportedAt: '2026-12-01T09:00:00.000Z',
  diagnoses: [
    { id: 'first-2026', companyId: 'huanan', depth: 'full', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', completedAt: '2026-03-02T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: example },
    { id: 'second-2026', companyId: 'huanan', previousId: 'first-2026', depth: 'full', createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T09:00:00.000Z', completedAt: '2026-11-20T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: later },
  ],
};
const importPath = join(out, 'seed.aimm.json');
writeFileSync(importPath, JSON.stringify(file));
const only = process.env['SHOTS'] ?? 'all';

const server = await serveDist();
const browser = await launch();
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const page = await context.newPage();
      const name = (n: string) => `${out}/${n}-${lang}-${width}.png`;
      await page.goto(`${server.url}/?lang=${lang}#/workspace`);
      await page.locator('#workspace-title').waitFor();
      await page.locator('input[type="file"]').setInputFiles(importPath);
      await page.locator('[data-test="imported"]').waitFor();
      await page.goto(`${server.url}/?lang=${lang}#/d/second-2026/report`);
      await page.locator('[data-test="comparison"]').waitFor();
      await page.waitForTimeout(800);
      await page.screenshot({ path: name('5-report'), fullPage: true });
      await page.screenshot({ path: name('5a-report-top') });
      await page.locator('[data-test="toc"] a[href="#report-roadmap"]').click();
      await page.waitForTimeout(1200);
      await page.screenshot({ path: name('5b-toc-to-roadmap') });
      await page.evaluate('window.scrollTo(0, 0)');
      const sections = page.locator('.report-body > *');
      const n = await sections.count();
      for (let i = 0; i < n; i++) {
        const s = sections.nth(i);
        const key = (await s.getAttribute('data-test')) ?? (await s.locator('[data-test]').first().getAttribute('data-test')) ?? String(i);
        if (!(await s.isVisible())) continue;
        await s.screenshot({ path: name(`6-${String(i).padStart(2, '0')}-${key}`) });
      }
      const toggles = page.locator('[data-test="collapse-toggle"]');
      if (await toggles.count()) {
        for (const b of await toggles.all()) await b.click();
        await page.waitForTimeout(300);
        await page.screenshot({ path: name('7-report-expanded'), fullPage: true });
        for (let i = 0; i < n; i++) {
          const s = sections.nth(i);
          const key = (await s.getAttribute('data-test')) ?? (await s.locator('[data-test]').first().getAttribute('data-test')) ?? String(i);
          if (!(await s.isVisible())) continue;
          await s.screenshot({ path: name(`8-${String(i).padStart(2, '0')}-${key}-expanded`) });
        }
      }
      // The what-if bar while reading the roadmap with one step planned.
      const box = page.locator('[data-step]').first();
      if (await box.count()) {
        await box.check();
        await page.locator('[data-step]').nth(2).scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await page.screenshot({ path: name('9-whatif-bar') });
        await page.evaluate(() => window.scrollBy(0, -200));
        await page.waitForTimeout(300);
        await page.screenshot({ path: name('9b-whatif-bar-scrolled-up') });
      }
      // Last: the arrows below change the industry type answer.
      if (only === 'all' || only.includes('pages')) {
        await page.goto(`${server.url}/?lang=${lang}#/`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: name('1-landing'), fullPage: true });
        await page.goto(`${server.url}/?lang=${lang}#/d/second-2026/review`);
        await page.locator('h1').first().waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: name('2-review'), fullPage: true });
        await page.goto(`${server.url}/?lang=${lang}#/d/second-2026/questions/industryType`);
        await page.locator('#page-heading').waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: name('3-industry-type') });
        // Tab to the checked option, then the arrows down the list: the focused option shows above the sticky bar.
        await page.locator('#page-heading').focus();
        for (let i = 0; i < 12 && !(await page.evaluate('document.activeElement && document.activeElement.type === "radio"')); i++) await page.keyboard.press('Tab');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(200);
        await page.screenshot({ path: name('3b-industry-type-focus') });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
