/**
 * Issue 9 end to end: a portal on one origin embeds the app from another through dist/embed.js, under strict
 * CSPs on both sides, and a third origin tries to listen in and to command the frame.
 *
 *   app       http://127.0.0.1:A   a copy of dist/ with a test aimm.config.json (and the example programme pack)
 *   portal    http://localhost:B   on the app's allow-list
 *   stranger  http://127.0.0.2:C   not on it
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { launch } from './browser.ts';
import { copyDist, serveDist, writeTo } from './serve.ts';
import { answerPage } from './helpers.ts';
import { validateResult } from '../../src/schemas/generated/result.validator.js';
import { validateAnswers } from '../../src/schemas/generated/answers.validator.js';
import { validateAppMessage } from '../../src/schemas/generated/embed-message.validator.js';

/** The policy issue 9 names, as a response header of the app. */
const APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

const EXAMPLES = fileURLToPath(new URL('../../docs/examples/', import.meta.url));
/** The example programme pack the docs ship (docs/examples/pack-*.json). */
const packFile = readdirSync(EXAMPLES).find((f) => /^pack-.*\.json$/.test(f));
interface PackRecord { id: string; group: string; title: Record<string, string>; eligibility?: { regions?: string[] } }
const pack = packFile ? (JSON.parse(readFileSync(join(EXAMPLES, packFile), 'utf8')) as { publisher: Record<string, string>; records: PackRecord[] }) : undefined;
/** The portal prefills the manufacturer this test plays: an instrument maker. */
const SECTOR = 'C3841';
/** The pack's programmes; the portal prefills the province of the first, so the enterprise is in the pack's region. */
const packProgrammes = pack?.records.filter((r) => r.group === 'programme') ?? [];
const packProgramme = packProgrammes.find((r) => r.eligibility?.regions?.length);
const PROVINCE = packProgramme?.eligibility?.regions?.[0]?.slice(0, 2) ?? '33';

const T = {
  'zh-CN': { quick: '开始快速扫描', next: /^(下一步|检查答卷)$/, review: '检查答卷', toReport: '查看诊断报告' },
  en: { quick: 'Start the quick scan', next: /^(Next|Review answers)$/, review: 'Review your answers', toReport: 'See the diagnosis report' },
} as const;

/** What the portal page's own script records (portal.js below). */
interface PortalLog {
  events: { type: string; [k: string]: unknown }[];
  errors: { code: string }[];
  /** Every message event the portal window received: from whom and what type. */
  raw: { origin: string; fromFrame: boolean; type: unknown }[];
}

const PORTAL_JS = `
const log = window.__aimm = { events: [], errors: [], raw: [] };
window.addEventListener('message', (e) => {
  const frame = document.querySelector('#aimm iframe');
  log.raw.push({ origin: e.origin, fromFrame: !!frame && e.source === frame.contentWindow, type: e.data && e.data.type });
});
for (const t of ['ready', 'started', 'progress', 'question', 'resize', 'completed']) {
  document.addEventListener('aimm:' + t, (e) => { if (e.target.id === 'aimm' && e.target.hasAttribute('data-aimm-diagnosis')) log.events.push(e.detail); });
}
document.addEventListener('DOMContentLoaded', () => {
  const q = new URLSearchParams(location.search);
  if (!q.has('src')) return;
  const options = {
    src: q.get('src'), lang: q.get('lang') || undefined, timeoutMs: Number(q.get('timeout') || 8000),
    onError: (e) => log.errors.push(e),
  };
  for (const [name, type] of [['onReady', 'ready'], ['onStarted', 'started'], ['onProgress', 'progress'], ['onQuestionChanged', 'question'], ['onHeightChanged', 'resize'], ['onCompleted', 'completed']]) {
    options[name] = (m) => { if (m.type !== type) throw new Error('wrong callback'); log.events.push(m); };
  }
  if (q.has('sandbox')) options.sandbox = q.get('sandbox');
  window.__diagnosis = AIMM.createDiagnosis('#aimm', options);
});
`;

/** A page on another origin, framed next to the diagnosis: it commands the frame and forges app messages. */
const STRANGER_JS = `
const embedId = location.hash.slice(1);
const target = parent.frames[0];
const commands = [{ type: 'hello', embedId }, { type: 'setLanguage', lang: 'zh-CN' }, { type: 'restart' }, { type: 'print' },
  { type: 'prefill', sector: 'C13' }, { type: 'setTheme', primary: '#880000' }];
for (const c of commands) target.postMessage({ source: 'aimm-host', version: 1, embedId, ...c }, '*');
parent.postMessage({ source: 'aimm', version: 1, embedId, type: 'completed', depth: 'quick', result: { forged: true } }, '*');
parent.postMessage({ source: 'aimm', version: 1, embedId, type: 'resize', height: 5 }, '*');
document.title = 'sent ' + commands.length;
`;

function portalHtml(app: string, body: string, lang = 'zh-CN'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal.css"><script src="${app}/embed.js"></script><script src="/portal.js"></script></head>
<body><header><h1>省工业互联网服务平台</h1></header><main>${body}</main><footer>Portal footer</footer></body></html>`;
}

let browser: Browser;
let app: Awaited<ReturnType<typeof serveDist>>;
let portal: Awaited<ReturnType<typeof serveDist>>;
let stranger: Awaited<ReturnType<typeof serveDist>>;
let appDir: string;
let portalDir: string;
const out = mkdtempSync(join(tmpdir(), 'aimm-embed-e2e-'));

beforeAll(async () => {
  portalDir = mkdtempSync(join(tmpdir(), 'aimm-portal-'));
  appDir = copyDist();
  // The portal's own strict policy: scripts and frames only from itself and the app, no inline anything.
  const portalHeaders = (appUrl: string): Record<string, string> => ({
    'content-security-policy': `default-src 'self'; script-src 'self' ${appUrl}; frame-src ${appUrl} 'self' http://127.0.0.2:*; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'`,
  });
  app = await serveDist({ root: appDir, headers: { 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff' } });
  portal = await serveDist({ root: portalDir, headers: portalHeaders(app.url), name: 'localhost' });
  stranger = await serveDist({ root: portalDir, headers: portalHeaders(app.url), host: '127.0.0.2' });
  const config = {
    version: 1,
    embed: { allowedOrigins: [portal.url], shareResults: true, shareAnswers: true },
    ...(packFile ? { programmePacks: [{ src: `packs/${packFile}`, mode: 'add' }] } : {}),
  };
  writeTo(appDir, 'aimm.config.json', JSON.stringify(config));
  if (packFile) writeTo(appDir, `packs/${packFile}`, readFileSync(join(EXAMPLES, packFile), 'utf8'));
  writeTo(portalDir, 'portal.js', PORTAL_JS);
  writeTo(portalDir, 'stranger.js', STRANGER_JS);
  writeTo(portalDir, 'stranger.html', '<!doctype html><html><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,"><script src="/stranger.js"></script></head><body></body></html>');
  writeTo(portalDir, 'portal.css', 'body { margin: 0 auto; max-width: 1100px; font-family: sans-serif; } header, footer { padding: 1rem; background: #004c97; color: #fff; }');
  writeTo(portalDir, 'declarative.html', portalHtml(app.url,
    `<div id="aimm" data-aimm-diagnosis data-src="${app.url}/index.html" data-lang="en" data-prefill-sector="${SECTOR}" data-prefill-province="${PROVINCE}"></div>`, 'en'));
  writeTo(portalDir, 'programmatic.html', portalHtml(app.url, '<div id="aimm"></div>'));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), portal?.close(), stranger?.close()]);
  for (const dir of [appDir, portalDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Collects CSP violations in every frame (an init script runs in each frame before its own scripts). */
async function openPortal(url: string, width = 1280): Promise<{ page: Page; problems: string[]; requests: { url: string; fromApp: boolean }[] }> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation in ${location.origin}: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.location().url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const requests: { url: string; fromApp: boolean }[] = [];
  page.on('request', (r) => {
    const frame = r.frame();
    const stranger = /\/stranger\.(html|js)/.test(r.url()) || frame.url().includes('/stranger.html');
    requests.push({ url: r.url(), fromApp: frame !== page.mainFrame() && !stranger });
  });
  await page.goto(url);
  return { page, problems, requests };
}

async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#aimm iframe', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no frame');
  return frame;
}

const log = (page: Page): Promise<PortalLog> => page.evaluate(() => (window as unknown as { __aimm: PortalLog }).__aimm);
const eventsOf = async (page: Page, type: string): Promise<PortalLog['events']> => (await log(page)).events.filter((e) => e.type === type);

async function walkToReport(frame: Frame, lang: 'zh-CN' | 'en'): Promise<void> {
  let n = 0;
  for (let steps = 0; ; steps++) {
    if ((await frame.locator('h1').first().textContent())?.trim() === T[lang].review) break;
    await frame.locator('#page-heading').waitFor();
    await answerPage(frame, (options) => n++ % Math.min(options, 4), { keepAnswered: true });
    await frame.getByRole('button', { name: T[lang].next }).click();
    await frame.waitForTimeout(30);
    if (steps > 80) throw new Error('the questionnaire never ended');
  }
  await frame.getByRole('button', { name: T[lang].toReport }).first().click();
  await frame.locator('.report h1').first().waitFor();
}

/** The frame's document is never taller than the frame: the host never shows a second scrollbar. */
async function heights(page: Page, frame: Frame): Promise<{ frame: number; content: number }> {
  const frameHeight = await page.locator('#aimm iframe').evaluate((f) => f.clientHeight);
  const content = await frame.evaluate(() => document.documentElement.scrollHeight);
  return { frame: frameHeight, content };
}
async function expectNoInnerScroll(page: Page, frame: Frame, where: string): Promise<number> {
  // The app measures after layout (ResizeObserver + rAF) and the host sets the height: give it a moment, until
  // the frame fits and its height holds still.
  let h = await heights(page, frame);
  for (let i = 0, last = -1; i < 40 && (h.content > h.frame + 1 || h.frame !== last); i++) {
    last = h.frame;
    await page.waitForTimeout(50);
    h = await heights(page, frame);
  }
  expect(h.content, `${where}: frame document ${h.content}px in a ${h.frame}px frame`).toBeLessThanOrEqual(h.frame + 1);
  return h.frame;
}

function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

describe('a portal on the allow-list embeds the diagnosis with embed.js', () => {
  let page: Page;
  let frame: Frame;
  let problems: string[];
  let requests: { url: string; fromApp: boolean }[];

  it('the declarative snippet frames the app, which says ready in the portal’s language', async () => {
    ({ page, problems, requests } = await openPortal(`${portal.url}/declarative.html`));
    frame = await appFrame(page);
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.events.some((e) => e.type === 'ready'), null, { timeout: 15000 });
    const [ready] = await eventsOf(page, 'ready');
    expect(ready).toMatchObject({ source: 'aimm', version: 1, lang: 'en' });
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('en');
    const iframe = page.locator('#aimm iframe');
    expect(await iframe.getAttribute('title')).toMatch(/maturity diagnosis/);
    // Embed mode: the app's own header and footer are gone, the portal's stay.
    expect(await frame.locator('.app-header').count()).toBe(0);
    expect(await frame.locator('.app-footer').count()).toBe(0);
  });

  it('ignores commands from a third origin and from a window that is not its parent, and obeys the portal', async () => {
    const embedId = await page.evaluate(() => new URL((document.querySelector('#aimm iframe') as HTMLIFrameElement).src).searchParams.get('embedId'));
    const ignoredBefore = Number(await frame.evaluate(() => document.documentElement.dataset['aimmIgnored'] ?? '0'));
    // The stranger (not allowed) and a page of the portal's own origin that is not the frame's parent.
    for (const origin of [stranger.url, portal.url]) {
      await page.evaluate(([src, id]) => {
        const f = document.createElement('iframe');
        f.src = `${src}/stranger.html#${id}`;
        f.className = 'stranger';
        document.body.append(f);
      }, [origin, embedId] as const);
    }
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLIFrameElement>('iframe.stranger')].length === 2);
    // Both strangers' six commands arrived and were counted as refused.
    await frame.waitForFunction((before) => Number(document.documentElement.dataset['aimmIgnored'] ?? '0') >= before + 12, ignoredBefore, { timeout: 15000 });
    await page.waitForTimeout(300);
    // Nothing was obeyed: still English, still the start page, no print dialogue, no restart…
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await eventsOf(page, 'started')).toEqual([]);
    // …and the portal's host script did not believe the forged messages.
    expect(await eventsOf(page, 'completed')).toEqual([]);
    expect(await page.locator('#aimm iframe').evaluate((f) => f.clientHeight)).toBeGreaterThan(5);
    await page.evaluate(() => document.querySelectorAll('iframe.stranger').forEach((f) => f.remove()));

    // The portal itself is obeyed (through the host script's commands).
    await page.evaluate(() => (window as unknown as { AIMM: { get: (e: Element) => { setLanguage: (l: string) => void } } }).AIMM.get(document.querySelector('#aimm') as Element).setLanguage('zh-CN'));
    await frame.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.evaluate(() => (window as unknown as { AIMM: { get: (e: Element) => { setLanguage: (l: string) => void } } }).AIMM.get(document.querySelector('#aimm') as Element).setLanguage('en'));
    await frame.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('drives a full quick scan: started, progress, question and resize reach the portal, completed carries a valid result', async () => {
    await frame.getByRole('button', { name: T.en.quick }).click();
    await frame.locator('#page-heading').waitFor();
    // The prefilled sector is chosen and kept.
    const sector = frame.locator('fieldset.question').filter({ has: frame.locator('input[type="search"]') });
    expect(await sector.locator('.chosen-line').textContent()).toContain(SECTOR);
    expect(await frame.locator('fieldset.question select').first().inputValue()).toBe(PROVINCE);
    await walkToReport(frame, 'en');
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.events.some((e) => e.type === 'completed'), null, { timeout: 10000 });

    const { events, raw } = await log(page);
    for (const e of events) expect(validateAppMessage(e), `${String(e.type)}: ${JSON.stringify(validateAppMessage.errors)}`).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const t of ['ready', 'started', 'progress', 'question', 'resize', 'completed']) expect(types, t).toContain(t);
    const [started] = await eventsOf(page, 'started');
    expect(started).toMatchObject({ depth: 'quick' });
    const progress = await eventsOf(page, 'progress');
    const last = progress.at(-1) as unknown as { answered: number; total: number };
    expect(last.answered).toBeGreaterThan(0);
    expect(last.answered).toBeLessThanOrEqual(last.total);
    expect(progress.map((p) => p['answered'] as number)).toContain(last.total);
    const questions = await eventsOf(page, 'question');
    expect(questions.length).toBeGreaterThan(1);
    const completed = await eventsOf(page, 'completed');
    expect(completed).toHaveLength(1);
    const { result, answers } = completed[0] as unknown as { result: unknown; answers: unknown };
    expect(validateResult(result), JSON.stringify(validateResult.errors?.slice(0, 3))).toBe(true);
    expect(validateAnswers(answers), JSON.stringify(validateAnswers.errors?.slice(0, 3))).toBe(true);
    // The result is this enterprise's: the prefilled sector.
    expect((result as { industryType: { sector: string | null } }).industryType.sector).toBe(SECTOR);
    // Every message the portal window got came from the frame, from the app's origin.
    expect(raw.filter((m) => m.fromFrame).every((m) => m.origin === app.url)).toBe(true);
  });

  it('the frame is as tall as its content, while the report’s sections open and close', async () => {
    const before = await expectNoInnerScroll(page, frame, 'report');
    const details = frame.locator('.report details');
    const n = Math.min(await details.count(), 6);
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await details.nth(i).locator('summary').first().click();
      await expectNoInnerScroll(page, frame, `section ${i} opened`);
    }
    const opened = await expectNoInnerScroll(page, frame, 'sections opened');
    expect(opened).toBeGreaterThan(before);
    for (let i = n - 1; i >= 0; i--) {
      await details.nth(i).locator('summary').first().click();
      await expectNoInnerScroll(page, frame, `section ${i} closed`);
    }
    const closed = await expectNoInnerScroll(page, frame, 'sections closed');
    expect(closed).toBeLessThan(opened);
    // The portal's page scrolls, not the frame: the report is taller than the window.
    expect(closed).toBeGreaterThan(800);
  });

  it.runIf(pack)('shows the deployment’s programme pack in the report', async () => {
    expect(packProgramme, 'the example pack has a programme for a region').toBeDefined();
    const text = await frame.locator('[data-test="policies"]').innerText();
    // Which of them the enterprise qualifies for is the engine's business (tested there); some must show, as the pack's.
    const shown = packProgrammes.filter((r) => text.includes(r.title['en'] as string));
    expect(shown.length, 'programmes of the pack in the report').toBeGreaterThan(0);
    expect(await frame.locator('[data-test="policies"]').getByText((pack as { publisher: Record<string, string> }).publisher['en'] as string, { exact: false }).count()).toBeGreaterThan(0);
  });

  it('ran under the strict CSP without a violation or a console error, asking only the app’s own origin', async () => {
    expect(problems).toEqual([]);
    const fromApp = requests.filter((r) => r.fromApp);
    expect(fromApp.length).toBeGreaterThan(3);
    expect(fromApp.filter((r) => !r.url.startsWith(`${app.url}/`) && !r.url.startsWith('data:'))).toEqual([]);
    // The portal page itself loads its own files and embed.js from the app, nothing else.
    expect(requests.filter((r) => !r.url.startsWith(`${app.url}/`) && !r.url.startsWith(`${portal.url}/`) && !r.url.startsWith(`${stranger.url}/`) && !r.url.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});

describe('the programmatic form', () => {
  it('createDiagnosis calls back onReady, and restart() starts a new diagnosis the portal hears of', async () => {
    const { page, problems } = await openPortal(`${portal.url}/programmatic.html?src=${encodeURIComponent(`${app.url}/index.html`)}&lang=zh-CN`, 360);
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.events.some((e) => e.type === 'ready'), null, { timeout: 15000 });
    expect((await eventsOf(page, 'ready'))[0]).toMatchObject({ lang: 'zh-CN' });
    await page.evaluate(() => (window as unknown as { __diagnosis: { restart: () => void } }).__diagnosis.restart());
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.events.some((e) => e.type === 'started'), null, { timeout: 10000 });
    const frame = await appFrame(page);
    await frame.locator('#page-heading').waitFor();
    const [started] = await eventsOf(page, 'started');
    expect(started).toMatchObject({ depth: 'quick' });
    // The frame fits the phone's width: nothing wider than the portal's column.
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.locator('#aimm iframe').evaluate((f) => f.clientWidth));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('where the app cannot or may not talk to the portal', () => {
  it('a portal not on the allow-list gets a working diagnosis but no message', async () => {
    const { page } = await openPortal(`${stranger.url}/programmatic.html?src=${encodeURIComponent(`${app.url}/index.html`)}&timeout=3000`);
    const frame = await appFrame(page);
    await frame.getByRole('button', { name: T['zh-CN'].quick }).click();
    await frame.locator('#page-heading').waitFor();
    await answerPage(frame, () => 1, { keepAnswered: true });
    await frame.getByRole('button', { name: T['zh-CN'].next }).click();
    await frame.locator('fieldset.question').first().waitFor();
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.errors.length > 0, null, { timeout: 8000 });
    const { events, raw, errors } = await log(page);
    expect(raw.filter((m) => m.fromFrame)).toEqual([]);
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ code: 'timeout' })]);
    // The frame stays (it works) under a notice with a way out.
    expect(await page.locator('#aimm iframe').isVisible()).toBe(true);
    expect(await page.locator('.aimm-fallback a').getAttribute('target')).toBe('_blank');
    await page.close();
  });

  it('a sandbox without allow-same-origin: the host script shows a readable fallback with a link after the timeout', async () => {
    const src = `${app.url}/index.html`;
    const { page } = await openPortal(`${portal.url}/programmatic.html?src=${encodeURIComponent(src)}&timeout=3000&sandbox=allow-scripts&lang=en`, 360);
    expect(await page.locator('#aimm iframe').getAttribute('sandbox')).toBe('allow-scripts');
    await page.locator('.aimm-fallback').waitFor({ timeout: 8000 });
    expect(await page.locator('.aimm-fallback').innerText()).toMatch(/security settings/);
    const link = page.locator('.aimm-fallback a');
    expect(await link.innerText()).toBe('Open the diagnosis in a new tab');
    expect(new URL((await link.getAttribute('href')) as string).origin).toBe(app.url);
    expect(await page.locator('#aimm iframe').isVisible()).toBe(false);
    expect((await log(page)).errors).toEqual([expect.objectContaining({ code: 'timeout' })]);
    await page.screenshot({ path: join(out, 'portal-fallback-360.png') });
    // The link opens the diagnosis, working, in a tab of its own.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.getByRole('button', { name: T.en.quick }).waitFor();
    await tab.close();
    await page.close();
  });
});

describe('a sandbox without allow-modals, allow-popups and allow-downloads', () => {
  const SANDBOX = 'allow-scripts allow-same-origin allow-forms';
  let page: Page;
  let frame: Frame;
  const pageErrors: string[] = [];
  const downloads: string[] = [];
  const popups: string[] = [];

  it('pressing print on the report says printing is blocked, with what to do instead', async () => {
    ({ page } = await openPortal(`${portal.url}/programmatic.html?src=${encodeURIComponent(`${app.url}/index.html`)}&sandbox=${encodeURIComponent(SANDBOX)}&lang=en`));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    page.on('popup', (p) => popups.push(p.url()));
    expect(await page.locator('#aimm iframe').getAttribute('sandbox')).toBe(SANDBOX);
    await page.waitForFunction(() => (window as unknown as { __aimm: PortalLog }).__aimm.events.some((e) => e.type === 'ready'), null, { timeout: 15000 });
    frame = await appFrame(page);
    await frame.getByRole('button', { name: T.en.quick }).click();
    await frame.locator('#page-heading').waitFor();
    await walkToReport(frame, 'en');
    const notice = frame.locator('.report .toolbar [data-test="print-blocked"]');
    // Nothing is said before the user tries: the sandbox's flags cannot be read.
    expect(await frame.locator('[data-test="print-blocked"]').count()).toBe(0);
    await frame.locator('.report [data-test="print"]').first().click();
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    // The advice: print the portal's page itself, or open the diagnosis in a window of its own.
    expect(await notice.innerText()).toMatch(/Print the portal page itself \(Ctrl\+P or ⌘P\)/);
    expect(await notice.locator('[data-test="popup-blocked"]').count()).toBe(0);

    // "Open in a new window" is blocked too (no allow-popups): the address to copy is shown instead.
    await notice.getByRole('button', { name: 'Open in a new window' }).click();
    await notice.locator('[data-test="popup-blocked"]').waitFor();
    expect(await notice.locator('[data-test="popup-blocked"]').innerText()).toMatch(/does not allow new windows/);
    const address = notice.getByLabel('Address of this diagnosis');
    expect(await address.inputValue()).toBe(frame.url());
    expect(new URL(await address.inputValue()).origin).toBe(app.url);
    expect(popups).toEqual([]);
  });

  it('the host’s print() command reaches the app, which tries to print', async () => {
    // Count the app's calls of window.print (tryPrint looks it up on each call).
    await frame.evaluate(() => {
      const w = window as unknown as { print: () => void; __prints: number };
      const print = w.print.bind(window);
      w.__prints = 0;
      w.print = () => {
        w.__prints += 1;
        print();
      };
    });
    await page.evaluate(() => (window as unknown as { __diagnosis: { print: () => void } }).__diagnosis.print());
    await frame.waitForFunction(() => (window as unknown as { __prints: number }).__prints === 1, null, { timeout: 5000 });
    expect(await frame.locator('.report .toolbar [data-test="print-blocked"]').isVisible()).toBe(true);
  });

  it('the download offers the file’s text to copy and points to the share link', async () => {
    await frame.locator('.report [data-test="download"]').first().click();
    const fallback = frame.locator('.report [data-test="download-fallback"]');
    await fallback.waitFor();
    expect(await fallback.innerText()).toMatch(/share link/);
    expect(await frame.locator('.report [data-test="share"]').count()).toBe(1);
    const text = await fallback.getByLabel(/Contents of this diagnosis/).inputValue();
    const file = JSON.parse(text) as { kind: string; diagnoses: unknown[] };
    expect(file.kind).toBe('aimm-diagnosis');
    expect(file.diagnoses).toHaveLength(1);
  });

  it('the Word download says the file may have been blocked and where else to get the report', async () => {
    await frame.locator('.report [data-test="download-docx"]').first().click();
    const note = frame.locator('.report [data-test="docx-frame-note"]');
    await note.waitFor({ timeout: 20000 });
    expect(await note.innerText()).toMatch(/new window.*share link/);
    expect(await frame.locator('.report .docx-error').count()).toBe(0);
    await frame.locator('.report .toolbar').first().screenshot({ path: join(out, 'sandbox-toolbar-1280.png') });
    // The same notices on a phone, in Chinese (for the eye: the screenshots are left in the output folder).
    await page.setViewportSize({ width: 360, height: 800 });
    await page.evaluate(() => (window as unknown as { __diagnosis: { setLanguage: (l: string) => void } }).__diagnosis.setLanguage('zh-CN'));
    await frame.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    // On a phone the Word button and its note sit behind "更多操作", as the user found them to press it.
    const more = frame.locator('.report [data-test="more-actions"]').first();
    await more.waitFor(); // the phone layout has applied: the button shows
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
    await frame.waitForFunction(() => document.querySelector('.report [data-test="more-actions"]')?.getAttribute('aria-expanded') === 'true');
    await frame.locator('.report [data-test="docx-frame-note"]').filter({ hasText: 'Word' }).waitFor();
    await page.waitForTimeout(300);
    await frame.locator('.report [data-test="docx-frame-note"]').screenshot({ path: join(out, 'sandbox-docx-note-360-zh.png') });
    // The sandbox did block both files: the notices are what the enterprise has.
    await page.waitForTimeout(500);
    expect(downloads).toEqual([]);
    expect(pageErrors).toEqual([]);
    console.log(`sandbox screenshots in ${out}`);
    await page.close();
  });
});

describe('printing', () => {
  it('the report prints to as many pages in embed mode as on the standalone page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/index.html?lang=zh-CN`);
    await page.getByRole('button', { name: T['zh-CN'].quick }).click();
    await page.locator('#page-heading').waitFor();
    await walkToReport(page.mainFrame(), 'zh-CN');
    await page.waitForTimeout(300);
    const standalone = join(out, 'standalone.pdf');
    writeFileSync(standalone, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    const hash = new URL(page.url()).hash;
    await page.goto(`${app.url}/index.html?embed=1&lang=zh-CN${hash}`);
    await page.locator('.report h1').first().waitFor();
    expect(await page.locator('.app-header').count()).toBe(0);
    await page.waitForTimeout(300);
    const embedded = join(out, 'embedded.pdf');
    writeFileSync(embedded, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    const pages = pdfPages(standalone);
    expect(pages).toBeGreaterThan(1);
    expect(pdfPages(embedded)).toBe(pages);
    await page.close();
  });
});
