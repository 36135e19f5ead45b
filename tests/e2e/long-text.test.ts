import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test.ts';

/** §5: a 41-character unbroken word, and a 200-character consultant name, must not widen a 360 px page or the print. */
const app = appUnderTest();

describe('long unbroken text', () => {
  it('stays inside a 360 px screen and the printed page; the workspace deletes and undoes by keyboard', async () => {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${app.server.url}/`);
    // Stored as a returning consultant would have them.
    await page.evaluate(() => localStorage.setItem('aimm:branding', JSON.stringify({ name: 'W'.repeat(200), organization: 'Consulting'.repeat(20), logoDataUrl: '' })));
    await page.getByRole('button', { name: '开始快速扫描' }).click();
    await page.locator('#page-heading').waitFor();
    const id = /#\/d\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    await page.goto(`${app.server.url}/#/d/${id}/report`);
    await page.locator('.report-cover').waitFor();
    await page.locator('.cover-form input[type="text"]').first().fill('Averyveryverylongcompanynamewithoutspaces1'.repeat(3));
    await page.waitForTimeout(400);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.goto(`${app.server.url}/#/workspace`);
    await page.locator('[data-test="diagnosis"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // By keyboard: delete, and the focus lands on 撤销; Enter brings the diagnosis back.
    await page.locator('[data-test="delete"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-test="undo"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('撤销');
    await page.keyboard.press('Enter');
    await page.locator('[data-test="diagnosis"]').waitFor();
    expect(await page.locator('[data-test="trash"]').count()).toBe(0);
    await page.goto(`${app.server.url}/#/d/${id}/report`);
    await page.locator('.report-cover').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(794);
    await page.close();
  });
});
