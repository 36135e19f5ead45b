/**
 * Screenshots of the workspace screens at 360 and 1280 px in both languages: the list (three companies, a
 * history, the trash), a comparison, the report with what moved, and a shared link's read-only report.
 * `npm run build && npx tsx scripts/screenshots-workspace.ts [outDir]` (it serves dist/ itself).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.ts';
import { serveDist } from '../tests/e2e/serve.ts';

const out = process.argv[2] ?? '.tmp/shots-ws';
mkdirSync(out, { recursive: true });
const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as { answers: Record<string, string> };
const later = { ...example, answers: { ...example.answers, 'fm-equipment-data': 'l3', 'fm-line-scheduling': 'l2', 'em-planning': 'l2', 'es-order-status': 'l2' } };
const file = {
  kind: 'aimm-workspace', formatVersion: 1, exportedAt: '2026-12-01T09:00:00.000Z',
  diagnoses: [
    { id: 'first-2026', companyId: 'huanan', depth: 'full', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', completedAt: '2026-03-02T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: example },
    { id: 'second-2026', companyId: 'huanan', previousId: 'first-2026', depth: 'full', createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T09:00:00.000Z', completedAt: '2026-11-20T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: later },
    { id: 'other-co', companyId: 'other', depth: 'quick', createdAt: '2026-11-28T08:00:00.000Z', updatedAt: '2026-11-28T08:10:00.000Z', answers: { questionnaire: { id: 'aimm-quick', version: '1.0.0' }, meta: { company: 'Zhejiang-Precision-Components-Manufacturing-Co-Ltd-with-a-very-long-unbroken-name' }, profile: { sector: 'C34', employees: 80 }, answers: { 'fp-production-records': 'l1' } } },
  ],
};
const importPath = join(out, 'seed.aimm.json');
writeFileSync(importPath, JSON.stringify(file));

const server = await serveDist();
const browser = await launch();
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: `${out}/${name}-${lang}-${width}.png`, fullPage: true });
      await page.goto(`${server.url}/?lang=${lang}#/workspace`);
      await page.locator('#workspace-title').waitFor();
      await page.locator('input[type="file"]').setInputFiles(importPath);
      await page.locator('[data-test="imported"]').waitFor();
      await page.locator('[data-test="delete"]').first().click();
      await page.locator('[data-test="undo"]').waitFor();
      await shot('6-workspace');
      await page.goto(`${server.url}/?lang=${lang}#/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
      await shot('7-landing-with-history');
      await page.goto(`${server.url}/?lang=${lang}#/compare/first-2026/second-2026`);
      await page.locator('[data-test="comparison"]').waitFor();
      await shot('8-compare');
      await page.goto(`${server.url}/?lang=${lang}#/d/second-2026/report`);
      await page.locator('[data-test="comparison"]').waitFor();
      await page.waitForTimeout(600);
      await page.locator('[data-test="make-link"]').click();
      await page.locator('[data-test="qr"]').waitFor();
      await shot('9-report-with-comparison');
      await page.locator('[data-test="comparison"]').screenshot({ path: `${out}/9a-comparison-${lang}-${width}.png` });
      await page.locator('[data-test="share"]').screenshot({ path: `${out}/9b-share-${lang}-${width}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${out}/9c-report-top-${lang}-${width}.png` });
      const link = await page.locator('[data-test="share-link"]').inputValue();
      const fresh = await browser.newContext({ viewport: { width, height: 800 } });
      const shared = await fresh.newPage();
      await shared.goto(link.replace('/#', `/?lang=${lang}#`));
      await shared.locator('[data-test="shared-banner"]').waitFor();
      await shared.waitForTimeout(600);
      await shared.screenshot({ path: `${out}/10-shared-${lang}-${width}.png`, fullPage: false });
      await fresh.close();
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
