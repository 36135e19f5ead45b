import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './browser.ts';
import { appUnderTest } from './app-under-test.ts';
import { answerPage, axeViolations, watchConsole } from './helpers.ts';

/**
 * The workspace's promise, tried as a user would break it: a killed browser, data corrupted by hand, a wrong
 * file imported, two tabs, a share link, a re-assessment. Every answer given is still there or downloadable.
 */
const out = mkdtempSync(join(tmpdir(), 'aimm-e2e-ws-'));
const app = appUnderTest();

const NEXT = /^(下一步|检查答卷)$/;
const REVIEW = '检查答卷';

interface Stored { id: string; depth: string; deletedAt: number | null; completedAt: number | null; file: { profile: Record<string, unknown>; answers: Record<string, unknown> } }

/** What IndexedDB holds, read in the page (the test reads; only the app writes, except where we corrupt). */
async function stored(page: Page): Promise<Stored[]> {
  return page.evaluate(() => new Promise<Stored[]>((resolve, reject) => {
    const req = indexedDB.open('aimm');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('diagnoses', 'readonly');
      const all = tx.objectStore('diagnoses').getAll();
      all.onsuccess = () => {
        req.result.close();
        resolve(all.result as Stored[]);
      };
    };
  }));
}

async function putRaw(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(({ key, value }) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('aimm');
    req.onsuccess = () => {
      const tx = req.result.transaction('diagnoses', 'readwrite');
      tx.objectStore('diagnoses').put(value, key);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), { key, value });
}

/** Answers page after page (one question per page at 360 px) until `pages` pages or the review. */
async function answerPages(page: Page, pages: number, pick: (n: number) => number = () => 1): Promise<void> {
  for (let i = 0; i < pages; i++) {
    if ((await page.locator('h1').textContent())?.trim() === REVIEW) return;
    await page.locator('#page-heading').waitFor();
    await answerPage(page, pick);
    await page.getByRole('button', { name: NEXT }).click();
    await page.waitForTimeout(30);
  }
}

async function startQuick(page: Page): Promise<string> {
  await page.goto(`${app.server.url}/`);
  await page.getByRole('button', { name: '开始快速扫描' }).click();
  await page.locator('#page-heading').waitFor();
  return /#\/d\/([^/]+)\//.exec(page.url())?.[1] ?? '';
}

/** Chromium as its own process, so that it can be killed with SIGKILL like a crash or a power cut. */
async function startChromium(userDataDir: string): Promise<{ process: ChildProcess; browser: Browser }> {
  const child = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`chromium exited: ${text}`)));
  });
  return { process: child, browser: await chromium.connectOverCDP(ws) };
}

describe('nothing lost', () => {
  it('a browser killed in the middle of a diagnosis keeps every answer given up to a moment before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimm-kill-'));
    const first = await startChromium(dir);
    const context = first.browser.contexts()[0] ?? (await first.browser.newContext());
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const id = await startQuick(page);
    await answerPages(page, 8);
    // The last answer given, and well under a second later, the power goes.
    await page.waitForTimeout(600);
    const before = (await stored(page)).find((r) => r.id === id);
    const given = { ...before?.file.profile, ...before?.file.answers };
    expect(Object.keys(given).length).toBeGreaterThanOrEqual(7);
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));

    const second = await startChromium(dir);
    try {
      const again = await (second.browser.contexts()[0] ?? (await second.browser.newContext())).newPage();
      await again.goto(`${app.server.url}/`);
      await again.locator('[role="region"]').waitFor();
      // 23 questions, and the optional city for a company in Guangdong.
      expect(await again.locator('[role="region"]').innerText()).toMatch(/已答 \d+ \/ 24 题/);
      const after = (await stored(again)).find((r) => r.id === id);
      expect({ ...after?.file.profile, ...after?.file.answers }).toEqual(given);
    } finally {
      second.process.kill('SIGKILL');
    }
  });

  it('data corrupted by hand is set aside and offered for download; the other diagnoses stay as they were', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const id = await startQuick(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await answerPages(page, 3);
    await page.waitForTimeout(500);
    const good = (await stored(page)).find((r) => r.id === id);
    await putRaw(page, 'broken-by-hand', { format: 'aimm-record', formatVersion: 1, id: 'broken-by-hand', depth: 'quick', file: 'garbage' });
    await page.goto(`${app.server.url}/#/workspace`);
    await page.reload();
    await page.locator('[data-test="notice-set-aside"]').waitFor();
    await page.locator('[data-test="aside"]').waitFor();
    const download = page.waitForEvent('download');
    await page.locator('[data-test="aside"] button', { hasText: '下载' }).first().click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8')).toContain('garbage');
    expect((await stored(page)).find((r) => r.id === id)).toEqual(good);
    expect(await page.locator('[data-test="diagnosis"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a refused import changes nothing, lists every problem, and Back after it keeps the answers (§5)', async () => {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    const problems = watchConsole(page);
    const id = await startQuick(page);
    await answerPages(page, 8);
    await page.waitForTimeout(500);
    const before = (await stored(page)).find((r) => r.id === id);
    await page.goto(`${app.server.url}/#/workspace`);
    await page.locator('#workspace-title').waitFor();
    const wrong = join(out, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ questionnaire: { id: 'aimm-full', version: '1.0.0' }, profile: { employees: -5, sector: 'C99', painPoints: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, answers: { 'fm-programs': 'l9' } }));
    await page.locator('input[type="file"]').setInputFiles(wrong);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('profile.employees');
    expect(text).toContain('profile.sector');
    expect(text).toContain('profile.painPoints');
    expect(text).toContain('answers.fm-programs');
    await page.goBack();
    await page.waitForTimeout(800);
    await page.goBack();
    await page.waitForTimeout(800);
    expect((await stored(page)).find((r) => r.id === id)?.file).toEqual(before?.file);
    expect(await stored(page)).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('two tabs answering the same diagnosis: both tabs\' answers are kept, and the user is told', async () => {
    const context = await app.browser.newContext({ viewport: { width: 360, height: 740 } });
    const a = await context.newPage();
    const id = await startQuick(a);
    await answerPages(a, 5);
    await a.waitForTimeout(500);
    const b = await context.newPage();
    // Tab B opens the same diagnosis at a later question; tab A answers one question, tab B another.
    await b.goto(`${app.server.url}/#/d/${id}/questions/ecm-supplier-link`);
    await b.locator('#page-heading').waitFor();
    await a.goto(`${app.server.url}/#/d/${id}/questions/fp-batch-record`);
    await a.locator('#page-heading').waitFor();
    await a.locator('fieldset.question input[type="radio"]').nth(2).check();
    await b.locator('fieldset.question input[type="radio"]').nth(3).check();
    await a.waitForTimeout(800);
    await b.waitForTimeout(800);
    const record = (await stored(a)).find((r) => r.id === id);
    expect(record?.file.answers['fp-batch-record']).toBe('l2');
    expect(record?.file.answers['ecm-supplier-link']).toBe('l3');
    expect(Object.keys(record?.file.profile ?? {}).length).toBeGreaterThanOrEqual(4);
    // Each tab was told the other's answer came in.
    await a.locator('[data-test="notice-merged"]').waitFor({ timeout: 5000 });
    await context.close();
  });

  it('re-assesses a company from its last answers, and the report shows what moved, per cell and overall', async () => {
    const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
    await startQuick(page);
    await answerPages(page, 40, () => 1);
    await page.getByRole('button', { name: '查看诊断报告' }).first().click();
    await page.locator('.report h1').first().waitFor();
    await page.locator('[data-test="answered-on"]').waitFor();
    // On a phone the actions other than print are behind "更多操作".
    await page.locator('[data-test="more-actions"]').click();
    await page.locator('[data-test="reassess"]').click();
    await page.locator('#page-heading').waitFor();
    const newId = /#\/d\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    // One cell moves up two rungs: the equipment-data question from l1 to l3.
    await page.goto(`${app.server.url}/#/d/${newId}/questions/fm-equipment-data`);
    await page.locator('#page-heading').waitFor();
    await page.locator('fieldset.question input[type="radio"][value="l3"]').check();
    await page.waitForTimeout(500);
    await page.goto(`${app.server.url}/#/d/${newId}/report`);
    await page.locator('[data-test="comparison"]').waitFor();
    // On a phone the comparison shows its summary first; the table is behind "展开全部".
    await page.locator('[data-collapsible]:has([data-test="comparison"]) > .collapse-toggle').click();
    const cell = await page.locator('[data-test="delta-factory-manufacturing"]').innerText();
    expect(cell).toMatch(/33\.3\s+100\s+提高 66\.7/);
    const unchanged = await page.locator('[data-test="delta-factory-product"]').innerText();
    expect(unchanged).toContain('不变');
    expect(await page.locator('[data-test="overall-delta"]').innerText()).toMatch(/33\.3 → 40\.7（提高 7\.4）|33\.3 → 40\.7 \(提高 7\.4\)/);
    expect(await page.locator('[data-test="like-for-like"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a share link opens the report read-only elsewhere, with the same scores, and saves it to that workspace', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await startQuick(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await answerPages(page, 40, () => 2);
    await page.getByRole('button', { name: '查看诊断报告' }).first().click();
    await page.locator('[data-test="make-link"]').click();
    const link = await page.locator('[data-test="share-link"]').inputValue();
    await page.locator('[data-test="qr"]').waitFor();
    expect(link).toMatch(/#\/s\/[A-Za-z0-9_-]+$/);
    const score = await page.locator('[data-test="overall"] .score-value').innerText();
    const elsewhere = await app.browser.newContext({ viewport: { width: 360, height: 740 } });
    const other = await elsewhere.newPage();
    await other.goto(link);
    await other.locator('[data-test="shared-banner"]').waitFor();
    await other.locator('.report-cover').waitFor();
    expect(await other.locator('[data-test="overall"] .score-value').innerText()).toBe(score);
    expect(await other.locator('.cover-form').count()).toBe(0);
    expect(await axeViolations(other)).toEqual([]);
    await other.locator('[data-test="save-shared"]').click();
    await other.getByRole('link', { name: '打开已保存的诊断' }).waitFor();
    expect(await stored(other)).toHaveLength(1);
    // A damaged link says so instead of showing nothing.
    await other.goto(`${link.slice(0, -12)}%`);
    await other.reload();
    await other.getByRole('heading', { name: '无法打开这个分享链接' }).waitFor();
    await elsewhere.close();
    await page.close();
  });

  it('a malformed % escape in the address does not blank the app (§5)', async () => {
    const page = await app.browser.newPage();
    const problems = watchConsole(page);
    await page.goto(`${app.server.url}/#/questions/%`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
