import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appUnderTest } from './app-under-test.ts';
import { answerPage, axeViolations, renderedFonts, watchConsole } from './helpers.ts';

const out = mkdtempSync(join(tmpdir(), 'aimm-e2e-'));
const app = appUnderTest();

const T = {
  'zh-CN': { quick: '开始快速扫描', full: '开始完整诊断', next: /^(下一步|检查答卷)$/, resume: '从上次停下的地方继续', toReport: '查看诊断报告', review: '检查答卷' },
  en: { quick: 'Start the quick scan', full: 'Start the full diagnosis', next: /^(Next|Review answers)$/, resume: 'Continue where you left off', toReport: 'See the diagnosis report', review: 'Review your answers' },
} as const;

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** Walks the questionnaire page by page until the review screen, optionally reloading mid-way. */
async function walk(page: Page, lang: 'zh-CN' | 'en', options: { reloadAfter?: number; seed?: number } = {}): Promise<void> {
  let steps = 0;
  // xorshift32 on 32-bit integers: a linear congruential step in floating point loses its low bits and then
  // returns 0 for ever, which made every walk answer rung 0.
  let rng = (options.seed ?? 7) >>> 0 || 1;
  const next = (): number => {
    rng ^= rng << 13; rng >>>= 0;
    rng ^= rng >>> 17;
    rng ^= rng << 5; rng >>>= 0;
    return rng;
  };
  const pick = (n: number): number => {
    const r = next();
    // Mostly the four rungs, sometimes N/A or don't know.
    return r % Math.min(n, r % 9 === 0 ? n : 4);
  };
  for (;;) {
    const heading = page.locator('h1');
    if ((await heading.textContent())?.trim() === T[lang].review) return;
    await page.locator('#page-heading').waitFor();
    await answerPage(page, pick);
    steps++;
    if (options.reloadAfter === steps) {
      const before = await page.locator('fieldset.question legend').first().textContent();
      // A reload on the questionnaire comes straight back to the same question…
      await page.reload();
      await page.locator('#page-heading').waitFor();
      expect(await page.locator('fieldset.question legend').first().textContent()).toBe(before);
      // …and so does coming back later through the start page.
      await page.goto(page.url().split('#')[0] ?? page.url());
      await page.getByRole('button', { name: T[lang].resume }).click();
      await page.locator('#page-heading').waitFor();
      expect(await page.locator('fieldset.question legend').first().textContent()).toBe(before);
    }
    await page.getByRole('button', { name: T[lang].next }).click();
    await page.waitForTimeout(30);
    if (steps > 80) throw new Error('the questionnaire never ended');
  }
}

describe('the app in Chromium', () => {
  it('a phone user finishes the quick scan, reloads mid-way, resumes and gets a report', async () => {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    const problems = watchConsole(page);
    await page.goto(`${app.server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expectAccessible(page, 'landing zh-CN 360');
    await page.getByRole('button', { name: T['zh-CN'].quick }).click();
    await page.locator('#page-heading').waitFor();
    await expectAccessible(page, 'questionnaire zh-CN 360');
    await walk(page, 'zh-CN', { reloadAfter: 5 });
    await expectAccessible(page, 'review zh-CN 360');
    await page.getByRole('button', { name: T['zh-CN'].toReport }).first().click();
    await page.locator('.report h1').first().waitFor();
    await page.waitForTimeout(300);
    await expectAccessible(page, 'report zh-CN 360');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/\d+(\.\d)?\s*\/\s*100/);
    const quickStages = await page.locator('[data-test="cube"] [data-cell]').evaluateAll((cells) => cells.map((c) => [...c.classList].find((k) => k.startsWith('stage-'))));
    expect(new Set(quickStages).size, quickStages.join(' ')).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a consultant runs the full diagnosis in English, switches language and prints both to PDF', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchConsole(page);
    await page.goto(`${app.server.url}/?lang=en`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'landing en 1280');
    await page.getByRole('button', { name: T.en.full }).click();
    await page.locator('#page-heading').waitFor();
    await expectAccessible(page, 'questionnaire en 1280');
    await walk(page, 'en', { seed: 11 });
    await page.getByRole('button', { name: T.en.toReport }).first().click();
    await page.locator('.report h1').first().waitFor();
    await page.waitForTimeout(500);
    await expectAccessible(page, 'report en 1280');
    // The walk answered a mix of rungs: the report shows cells at two or more different stages.
    const stages = await page.locator('[data-test="cube"] [data-cell]').evaluateAll((cells) => cells.map((c) => [...c.classList].find((k) => k.startsWith('stage-'))));
    expect(new Set(stages).size, stages.join(' ')).toBeGreaterThanOrEqual(2);

    const pdfEn = join(out, 'report-en.pdf');
    writeFileSync(pdfEn, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    const textEn = execFileSync('pdftotext', ['-layout', pdfEn, '-'], { encoding: 'utf8' });
    expect(textEn).toContain('AI');
    expect(textEn).toMatch(/Priorit/);
    expect(textEn).not.toMatch(/优先事项/);

    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.waitForTimeout(300);
    await expectAccessible(page, 'report zh-CN 1280');
    const pdfZh = join(out, 'report-zh.pdf');
    writeFileSync(pdfZh, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    const textZh = execFileSync('pdftotext', ['-layout', pdfZh, '-'], { encoding: 'utf8' });
    expect(textZh).toMatch(/优先事项/);
    // Chinese must be drawn with a CJK font, not as empty boxes: pdftotext alone cannot tell, and Chromium embeds
    // CJK fonts as unnamed Type 3 fonts, so ask Chromium which font it drew the headings with.
    expect((await renderedFonts(page, '.report h2')).join(',')).toMatch(/CJK/);
    expect(execFileSync('pdffonts', [pdfZh], { encoding: 'utf8' })).toMatch(/yes\s+(yes|no)\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfZh], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThanOrEqual(24);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('steps back through the questions with the browser Back button, and the skip link stays on the screen', async () => {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${app.server.url}/`);
    await page.getByRole('button', { name: T['zh-CN'].quick }).click();
    await page.locator('#page-heading').waitFor();
    const legends: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      legends.push(await page.locator('fieldset.question legend').first().textContent());
      await answerPage(page, () => 1);
      await page.getByRole('button', { name: T['zh-CN'].next }).click();
      await page.waitForTimeout(50);
    }
    await page.goBack();
    await page.waitForTimeout(100);
    expect(await page.locator('fieldset.question legend').first().textContent()).toBe(legends[2]);
    await page.goBack();
    await page.waitForTimeout(100);
    expect(await page.locator('fieldset.question legend').first().textContent()).toBe(legends[1]);

    const before = await page.locator('fieldset.question legend').first().textContent();
    await page.locator('.skip-link').focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    expect(await page.locator('fieldset.question legend').first().textContent()).toBe(before);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('keeps the chosen language across a reload', async () => {
    const page = await app.browser.newPage({ viewport: { width: 800, height: 700 } });
    await page.goto(`${app.server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').textContent()).toMatch(/factory/i);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.title()).toMatch(/Maturity/);
    await page.close();
  });
});
