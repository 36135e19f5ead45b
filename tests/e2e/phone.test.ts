import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appUnderTest } from './app-under-test.ts';
import { axeViolations, watchConsole } from './helpers.ts';

/**
 * §3: an owner reads the report on a phone without losing their place. A full diagnosis with mixed answers (the
 * example company, assessed twice) is imported as a file, as a consultant would hand it over.
 */
const app = appUnderTest();
const out = mkdtempSync(join(tmpdir(), 'aimm-phone-'));
const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as { answers: Record<string, string> };
const seed = join(out, 'seed.aimm.json');
writeFileSync(seed, JSON.stringify({
  kind: 'aimm-workspace', formatVersion: 1, exportedAt: '2026-12-01T09:00:00.000Z',
  diagnoses: [
    { id: 'first', companyId: 'co', depth: 'full', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', completedAt: '2026-03-02T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: example },
    { id: 'second', companyId: 'co', previousId: 'first', depth: 'full', createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T09:00:00.000Z', completedAt: '2026-11-20T09:00:00.000Z', knowledgeVersion: '1.0.0', answers: { ...example, answers: { ...example.answers, 'fm-equipment-data': 'l3' } } },
  ],
}));

async function seeded(width: number, height: number, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width, height } });
  await page.goto(`${app.server.url}/?lang=${lang}#/workspace`);
  await page.locator('#workspace-title').waitFor();
  await page.locator('input[type="file"]').setInputFiles(seed);
  await page.locator('[data-test="imported"]').waitFor();
  return page;
}

async function openReport(page: Page, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  await page.goto(`${app.server.url}/?lang=${lang}#/d/second/report`);
  await page.locator('[data-test="comparison"]').waitFor();
  await page.waitForTimeout(300);
}

interface Overlap { what: string; bottom: number; barTop: number }

/** The focused element's box (an option's whole label) against the sticky bar's top, when the bar is on screen. */
function focusAgainstBar(page: Page, bar: string): Promise<Overlap | null> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    const nav = document.querySelector(${JSON.stringify(bar)});
    // Only what comes before the bar in the page can be under it (the bar sticks to the foot of the screen).
    if (!el || !nav || nav.contains(el) || el === document.body || !(nav.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)) return null;
    const box = (el.closest('label') || el).getBoundingClientRect();
    const barTop = nav.getBoundingClientRect().top;
    return { what: (el.closest('label') || el).textContent.trim().slice(0, 30), bottom: box.bottom, barTop };
  })()`);
}

describe('the report and the questionnaire on a 360 px phone', () => {
  it('Tab and the arrow keys never leave the focused option under the sticky Back/Next bar (WCAG 2.4.11)', async () => {
    // A short screen: the industry-type options run under the bar.
    const page = await seeded(360, 600);
    let checked = 0;
    for (const question of ['industryType', 'painPoints', 'fm-equipment-data']) {
      await page.goto(`${app.server.url}/#/d/second/questions/${question}`);
      await page.locator('#page-heading').waitFor();
      await page.waitForTimeout(200);
      await page.locator('#page-heading').focus();
      await page.evaluate('window.scrollTo(0, 0)');
      const stops: Overlap[] = [];
      for (let i = 0; i < 14; i++) {
        const inGroup = await page.evaluate(`document.activeElement && document.activeElement.type === 'radio'`);
        // Inside a radio group the arrows move the focus from option to option; Tab leaves the group.
        await page.keyboard.press(inGroup && i % 4 !== 3 ? 'ArrowDown' : 'Tab');
        await page.waitForTimeout(60);
        const at = await focusAgainstBar(page, '.questionnaire .nav');
        if (at) stops.push(at);
      }
      expect(stops.length, question).toBeGreaterThan(3);
      for (const s of stops) expect(s.bottom, `${question}: "${s.what}" under the bar`).toBeLessThanOrEqual(s.barTop + 0.5);
      checked += stops.length;
    }
    expect(checked).toBeGreaterThan(12);
    await page.close();
  });

  it('the table of contents moves the focus to each section and leaves the address alone', async () => {
    const page = await seeded(360, 740);
    const problems = watchConsole(page);
    await openReport(page);
    const address = page.url();
    const links = page.locator('[data-test="toc"] a');
    const n = await links.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) {
      const link = links.nth(i);
      const target = ((await link.getAttribute('href')) ?? '').slice(1);
      expect(await page.locator(`[id="${target}"]`).count(), target).toBe(1);
      // By keyboard on the odd ones, by tapping on the even ones.
      if (i % 2) {
        await link.focus();
        await page.keyboard.press('Enter');
      } else await link.click();
      // The jump scrolls smoothly: wait until the heading has arrived near the top.
      const where = `(() => {
        const el = document.activeElement;
        const section = document.getElementById(${JSON.stringify(target)});
        return { inside: !!section && (section === el || section.contains(el)), tag: el ? el.tagName : '', top: el ? Math.round(el.getBoundingClientRect().top) : -1 };
      })()`;
      await expect.poll(async () => ((await page.evaluate(where)) as { top: number }).top, { timeout: 3000, message: `${target} scrolled to` }).toBeLessThan(740 / 3);
      const focus = (await page.evaluate(where)) as { inside: boolean; tag: string; top: number };
      expect(focus.inside, target).toBe(true);
      expect(focus.tag, target).toMatch(/^H[23]$/);
      expect(focus.top, `${target} scrolled to`).toBeGreaterThanOrEqual(-1);
      expect(page.url()).toBe(address);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sections show their summary with "展开全部" on a phone, everything on a desktop and on paper; axe finds nothing', async () => {
    const page = await seeded(360, 740);
    await openReport(page);
    const toggles = page.locator('[data-test="collapse-toggle"]');
    expect(await toggles.count()).toBeGreaterThanOrEqual(8);
    // Collapsed: the roadmap keeps its steps' titles, not their texts; the first paragraph of a section stays.
    const step = page.locator('[data-roadmap-step]').first();
    await expect.poll(() => step.locator('h4').isVisible()).toBe(true);
    expect(await step.locator('p').nth(1).isVisible()).toBe(false);
    expect(await page.locator('[data-test="answers"] > p').first().isVisible()).toBe(true);
    expect(await page.locator('[data-test="answers"] .group').first().isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    const priorities = page.locator('[data-collapsible]:has([data-test="priorities"]) > [data-test="collapse-toggle"]');
    expect(await priorities.getAttribute('aria-expanded')).toBe('false');
    expect(await priorities.getAttribute('aria-controls')).toBe('report-priorities');
    expect(await priorities.innerText()).toContain('展开全部');
    const collapsed = (await page.locator('#report-priorities').boundingBox())?.height ?? 0;
    await priorities.click();
    expect(await priorities.getAttribute('aria-expanded')).toBe('true');
    expect(await step.locator('p').nth(1).isVisible()).toBe(true);
    expect((await page.locator('#report-priorities').boundingBox())?.height ?? 0).toBeGreaterThan(collapsed * 2);
    // On a phone the what-if bar stays in its place after the steps, over no text.
    expect(await page.locator('[data-test="whatif-bar"]').evaluate((e) => getComputedStyle(e).position)).toBe('static');

    // Printed from the phone, every section is whole and the buttons are gone.
    await priorities.click();
    await page.emulateMedia({ media: 'print' });
    expect(await step.locator('p').nth(1).isVisible()).toBe(true);
    expect(await page.locator('[data-test="answers"] .group').first().isVisible()).toBe(true);
    expect(await toggles.first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // A desktop shows everything, with no buttons.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(200);
    expect(await toggles.count()).toBe(0);
    expect(await step.locator('p').nth(1).isVisible()).toBe(true);
    await page.close();
  });

  it('the collapsed report in English passes axe too, and its buttons say "Show more"', async () => {
    const page = await seeded(360, 740, 'en');
    await openReport(page, 'en');
    const toggles = page.locator('[data-test="collapse-toggle"]');
    expect(await toggles.first().innerText()).toContain('Show more');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the toolbar is print and "更多操作" on one row, the disclosure works by keyboard, passes axe open, and a desktop shows every action', async () => {
    const page = await seeded(360, 740);
    await openReport(page);
    const print = page.locator('[data-test="report-toolbar"] [data-test="print"]');
    const more = page.locator('[data-test="more-actions"]');
    const [printBox, moreBox] = [await print.boundingBox(), await more.boundingBox()];
    // One row, so the table of contents starts within the first quarter of the screen (it was below 400 px).
    expect(Math.abs((printBox?.y ?? 0) - (moreBox?.y ?? 1))).toBeLessThan(2);
    const tocTop = await page.locator('[data-test="toc"]').evaluate((e) => e.getBoundingClientRect().top);
    expect(tocTop).toBeLessThan(740 / 4);
    expect(await page.locator('[data-test="download"]').isVisible()).toBe(false);
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    for (const test of ['download', 'download-docx', 'reassess']) expect(await page.locator(`[data-test="${test}"]`).isVisible(), test).toBe(true);
    // Tab goes from the toggle into the panel it opened.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('download');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('more-actions');
    expect(await page.locator('[data-test="download"]').isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await more.isVisible()).toBe(false);
    for (const test of ['print', 'download', 'download-docx', 'reassess']) expect(await page.locator(`[data-test="report-toolbar"] [data-test="${test}"]`).isVisible(), test).toBe(true);
    await page.close();
  });

  it('the report title breaks between words, not inside 报告', async () => {
    const page = await seeded(360, 740);
    await openReport(page);
    const lines = await page.locator('.report-cover h1').evaluate((h) => {
      const text = h.firstChild as Text;
      const at = (text.textContent ?? '').indexOf('报告');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 2);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await page.close();
  });

  it('on a desktop, a planned step\'s checkbox reached by Tab is not under the sticky what-if bar', async () => {
    const page = await seeded(1280, 700, 'en');
    await openReport(page, 'en');
    const boxes = page.locator('[data-step]');
    await boxes.first().check();
    const count = Math.min(await boxes.count(), 6);
    const stops: Overlap[] = [];
    await boxes.first().focus();
    for (let i = 1; i < count; i++) {
      // Tab runs from one checkbox to the next step's checkbox (nothing else is focusable between them).
      await page.keyboard.press('Tab');
      await page.waitForTimeout(60);
      const at = await focusAgainstBar(page, '[data-test="whatif-bar"]');
      if (at && (await page.evaluate('document.activeElement.hasAttribute("data-step")'))) stops.push(at);
    }
    expect(stops.length).toBeGreaterThan(2);
    for (const s of stops) expect(s.bottom, `"${s.what}" under the bar`).toBeLessThanOrEqual(s.barTop + 0.5);
    await page.close();
  });
});
