import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { appUnderTest } from './app-under-test.ts';
import { watchConsole } from './helpers.ts';

/**
 * index.html's pre-rendered landing page (scripts/shell.ts): what a phone shows before the app's code has run,
 * and how the app takes it over. "Before the code" is made to last by holding back the app's chunk.
 */
const app = appUnderTest();
const CHINESE_TITLE = '您的工厂离“AI+制造”还有多远？';

async function open(options: { hold?: boolean; storedLocale?: string; path?: string } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[]; release: () => void }> {
  const context = await app.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  if (options.storedLocale) await page.addInitScript((l) => localStorage.setItem('aimm:locale', l), options.storedLocale);
  // Layout shifts and the largest paints, recorded from the first byte.
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number; lcp: string[] };
    w.shifts = 0;
    w.lcp = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.shifts += (e as unknown as { value: number }).value; }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lcp.push((e as unknown as { element: Element | null }).element?.tagName ?? '?'); }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  let release = (): void => undefined;
  if (options.hold) {
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.goto(`${app.server.url}/${options.path ?? ''}`, { waitUntil: 'domcontentloaded' });
  return { context, page, problems, release };
}

const startButtons = (page: Page) => page.locator('ul.depths button');

describe('the landing page before the app has started', () => {
  it('shows the whole Chinese landing page at once, its start buttons busy, under the strict CSP', async () => {
    const { context, page, problems, release } = await open({ hold: true });
    await expect.poll(() => page.locator('h1').textContent()).toBe(CHINESE_TITLE);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('p.lead').isVisible()).toBe(true);
    expect(await page.locator('footer').isVisible()).toBe(true);
    expect(await startButtons(page).count()).toBe(2);
    for (const b of await startButtons(page).all()) expect(await b.isDisabled()).toBe(true);
    release();
    // The app takes over: the same page, now usable.
    await expect.poll(async () => (await Promise.all((await startButtons(page).all()).map((b) => b.isEnabled()))).every(Boolean), { timeout: 10000 }).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is not shown where the app starts elsewhere: English, another screen, embed mode', async () => {
    for (const o of [{ path: '?lang=en' }, { storedLocale: 'en' }, { path: '#/workspace' }, { path: '?embed=1' }]) {
      const { context, page, release } = await open({ hold: true, ...o });
      await page.waitForTimeout(300);
      // Present in the HTML, but nothing of it on screen.
      expect(await page.locator('h1').count(), JSON.stringify(o)).toBe(1);
      expect(await page.locator('h1').isVisible(), JSON.stringify(o)).toBe(false);
      expect(await page.locator('header').isVisible(), JSON.stringify(o)).toBe(false);
      release();
      await context.close();
    }
  });
});

describe('the app takes the landing page over', () => {
  it('keeps what was painted: no layout shift, no second largest paint, the same nodes', async () => {
    const { context, page, problems, release } = await open({ hold: true });
    await page.locator('p.lead').waitFor();
    await page.evaluate(() => { (window as unknown as { painted: Element | null }).painted = document.querySelector('p.lead'); });
    release();
    await expect.poll(async () => startButtons(page).first().isEnabled(), { timeout: 10000 }).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { painted: Element | null }).painted === document.querySelector('p.lead'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { lcp: string[] }).lcp)).toEqual(['P']);
    // Live: starting works.
    await startButtons(page).first().click();
    await page.locator('#page-heading').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows a link of the pre-rendered page taken before the app started', async () => {
    const { context, page, problems, release } = await open({ hold: true });
    await page.locator('header a[href="#/workspace"]').click();
    release();
    await page.locator('#workspace-title').waitFor({ timeout: 10000 });
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('p.lead').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('starts in English for a user who chose English, with no Chinese page on the way', async () => {
    const { context, page, problems } = await open({ storedLocale: 'en' });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10000 }).toMatch(/factory/);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-shell'))).toBe(false);
    expect(await page.locator('h1').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens a deep link on its own screen', async () => {
    const { context, page, problems } = await open({ path: '#/workspace' });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10000 }).not.toBe(CHINESE_TITLE);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('p.lead').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
