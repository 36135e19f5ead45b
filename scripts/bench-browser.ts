/**
 * Browser timing benchmark (`npm run bench:browser`, after `npm run build`): a benchmark that prints figures, not
 * a test. It serves dist/ under the strict CSP, drives Debian's Chromium (playwright-core) and measures:
 * 1. landing page → first question of the quick scan: the rounds of requests the click waits on and the time,
 *    with every request delayed by an emulated round trip (RTT_MS), once the landing page has been idle;
 * 2. review → report: the summary painted and the radar chart drawn (the app's own performance marks
 *    `aimm:report-summary` and `aimm:chart-drawn`, set in a frame callback once drawn), at normal CPU;
 * 3. a questionnaire page of 100, 500 and 1,000 questions (a synthetic quick scan served in place of the real
 *    one): time to draw it and to show a click on one answer, to see that drawing grows no faster than linearly;
 * 4. layout shifts (the browser's layout-shift entries, those right after input included) over screen changes.
 * With `--lighthouse` it also runs Lighthouse 12.8.2 (mobile, performance) if `npx --no-install` finds it.
 * `--runs N` repeats the timings and prints the median (3 by default); `--only first,report,pages,shifts` runs
 * some of them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { cpus, tmpdir } from 'node:os';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launch, CHROMIUM } from '../tests/e2e/browser.ts';
import { serveDist, STRICT_CSP } from '../tests/e2e/serve.ts';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { extname } from 'node:path';
import type { AddressInfo } from 'node:net';

const RTT_MS = 150;
const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 3 : 3;
/** `--only first,report,pages,shifts`: some of the measurements. */
const ONLY = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : ['first', 'report', 'pages', 'shifts'];
const dist = new URL('../dist/', import.meta.url).pathname;
const example = readFileSync(new URL('../docs/examples/electronics-assembler.json', import.meta.url), 'utf8');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const ms = (n: number): string => `${Math.round(n)} ms`;

/** Every page records its layout shifts from the start (before the app's first render). */
const OBSERVE_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ value: e.value, input: e.hadRecentInput, at: e.startTime }); })
    .observe({ type: 'layout-shift', buffered: true });
`;

async function newPage(browser: Browser, width = 1280): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  await context.addInitScript(OBSERVE_SHIFTS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  return { context, page, cdp };
}

async function setRtt(cdp: CDPSession, rtt: number): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Requests seen by the browser, with start and end times (CDP monotonic seconds). */
function recordRequests(cdp: CDPSession): { list: { url: string; start: number; end: number }[] } {
  const byId = new Map<string, { url: string; start: number; end: number }>();
  const rec = { list: [] as { url: string; start: number; end: number }[] };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = { url: e.request.url, start: e.timestamp, end: Infinity };
    byId.set(e.requestId, r);
    rec.list.push(r);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.end = e.timestamp;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.end = e.timestamp;
  });
  return rec;
}

/** Rounds: a request is one round after the latest request that had finished before it started. */
function rounds(requests: { start: number; end: number }[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const round: number[] = [];
  sorted.forEach((r, i) => {
    let depth = 1;
    for (let j = 0; j < i; j++) if ((sorted[j] as { end: number }).end <= r.start) depth = Math.max(depth, (round[j] as number) + 1);
    round.push(depth);
  });
  return Math.max(0, ...round);
}

/** Waits until the landing page and what it fetches when idle have settled. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((r) => (window.requestIdleCallback ?? setTimeout)(() => r(null))));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/** Sets a mark when the first question's fieldset is in the page, in the frame that draws it. */
const MARK_FIRST_QUESTION = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('fieldset.question')) { obs.disconnect(); requestAnimationFrame(() => performance.mark('bench:first-question')); }
  }).observe(document.body, { childList: true, subtree: true });
`;

/** The summary in the page, and the chart's canvas sized by chart.js: marked in the frame that draws them. */
const MARK_REPORT_DOM = `
  new MutationObserver((_, obs) => {
    if (!window.__sum && document.querySelector('[data-test="summary"]')) { window.__sum = 1; requestAnimationFrame(() => performance.mark('bench:summary')); }
    const c = document.querySelector('.radar canvas');
    if (!window.__chart && c && c.style.width) { window.__chart = 1; requestAnimationFrame(() => performance.mark('bench:chart')); }
    if (window.__sum && window.__chart) obs.disconnect();
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
`;

async function clickMarked(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    el.addEventListener('click', () => performance.mark('bench:click'), { capture: true, once: true });
  }, selector);
  await page.click(selector);
}

async function markDelta(page: Page, name: string, timeout = 15_000): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout });
  return page.evaluate((n) => (performance.getEntriesByName(n)[0] as PerformanceEntry).startTime - (performance.getEntriesByName('bench:click').at(-1) as PerformanceEntry).startTime, name);
}

const shiftsOf = (page: Page): Promise<{ value: number; input: boolean }[]> => page.evaluate(() => (window as unknown as { __shifts: { value: number; input: boolean }[] }).__shifts);

// ---------- 1. Landing page → first question ----------
async function firstQuestion(browser: Browser, url: string, prefetchWait: boolean): Promise<{ rounds: number; time: number; requests: number }> {
  const { context, page, cdp } = await newPage(browser);
  await setRtt(cdp, RTT_MS);
  await page.goto(`${url}/`);
  if (prefetchWait) await settle(page);
  else await page.waitForSelector('.depth .btn-primary');
  const rec = recordRequests(cdp);
  await page.evaluate(MARK_FIRST_QUESTION);
  await clickMarked(page, '.depth .btn-primary');
  const time = await markDelta(page, 'bench:first-question');
  const clickAt = Math.min(...rec.list.map((r) => r.start));
  const before = rec.list.filter((r) => r.start >= clickAt && Number.isFinite(r.end));
  await context.close();
  return { rounds: rounds(before), time, requests: before.length };
}

// ---------- 2. Review → report ----------
async function importExample(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/`);
  // The pre-rendered landing page's file input is not live until the app has taken the page over.
  await page.locator('ul.depths button:not([disabled])').first().waitFor();
  await page.setInputFiles('input[type="file"]', { name: 'example.aimm.json', mimeType: 'application/json', buffer: Buffer.from(example) });
  await page.waitForURL(/#\/workspace/);
  await page.goto(`${url}/`);
  await page.click('.resume .btn-primary');
  await page.waitForURL(/#\/d\/[^/]+\//);
  return /#\/d\/([^/]+)\//.exec(page.url())?.[1] ?? '';
}

async function reviewToReport(browser: Browser, url: string, cpuRate: number): Promise<{ summary: number; chart: number; rest: number; shifts: number }> {
  const { context, page, cdp } = await newPage(browser);
  const id = await importExample(page, url);
  // A fresh load of the review screen, as after answering: nothing of the report has been loaded yet.
  const review = await context.newPage();
  await page.close();
  const rcdp = await context.newCDPSession(review);
  await review.goto(`${url}/#/d/${id}/review`);
  await review.waitForSelector('#review-title');
  await settle(review);
  if (cpuRate > 1) await rcdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  void cdp;
  // The same moments seen from outside, for a build without the app's marks (a before/after comparison).
  await review.evaluate(MARK_REPORT_DOM);
  await clickMarked(review, '.actions .btn-primary');
  const appMarks = await review.waitForFunction(() => performance.getEntriesByName('aimm:report-summary').length > 0, null, { timeout: 3000 }).then(() => true, () => false);
  const summary = await markDelta(review, appMarks ? 'aimm:report-summary' : 'bench:summary').catch(() => NaN);
  const chart = await markDelta(review, appMarks ? 'aimm:chart-drawn' : 'bench:chart').catch(() => NaN);
  const rest = appMarks ? await markDelta(review, 'aimm:report-rest').catch(() => NaN) : await markDelta(review, 'bench:summary').catch(() => NaN);
  if (!appMarks) console.log('  (no app marks in this build: times from the DOM observer)');
  const shifts = (await shiftsOf(review)).reduce((n, s) => n + s.value, 0);
  await context.close();
  return { summary, chart, rest, shifts };
}

// ---------- 3. Long questionnaire pages ----------
interface Q { id: string; type: string; [k: string]: unknown }
interface Questionnaire { sections: { id: string; kind: string; questions: Q[] }[]; [k: string]: unknown }

/** The quick scan with its first maturity section grown to n questions (copies of its first one). */
function synthetic(n: number): string {
  const q = JSON.parse(readFileSync(new URL('../questionnaires/quick.json', import.meta.url), 'utf8')) as Questionnaire;
  const section = q.sections.find((s) => s.kind === 'maturity');
  if (!section) throw new Error('no maturity section');
  const model = section.questions[0] as Q;
  // Every cell keeps its own question (the questionnaire check asks for one); copies of the first fill the page.
  section.questions = [...section.questions, ...Array.from({ length: n - section.questions.length }, (_, i) => ({ ...model, id: `${model.id}-${i}` }))];
  return `export default ${JSON.stringify(q)};`;
}

async function longPage(browser: Browser, url: string, n: number): Promise<{ draw: number; answer: number }> {
  const quickChunk = readdirSync(join(dist, 'assets')).find((f) => /^quick-[\w-]+\.js$/.test(f));
  const { context, page } = await newPage(browser);
  await page.route(`**/assets/${quickChunk}`, (route) => route.fulfill({ contentType: 'text/javascript', body: synthetic(n) }));
  await page.goto(`${url}/`);
  await page.click('.depth .btn-primary');
  await page.waitForSelector('fieldset.question');
  const firstId = (JSON.parse(readFileSync(new URL('../questionnaires/quick.json', import.meta.url), 'utf8')) as Questionnaire).sections.find((s) => s.kind === 'maturity')?.questions[0]?.id;
  const hash = /#\/d\/[^/]+\//.exec(page.url())?.[0] as string;
  // Written as a string: tsx would wrap named functions in a helper the page does not have.
  const target = `${hash.slice(1)}questions/${firstId}`;
  const draw = (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    location.hash = ${JSON.stringify(target)};
    const check = () => {
      if (document.querySelectorAll('fieldset.question').length >= ${n}) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      else requestAnimationFrame(check);
    };
    check();
  })`)) as number;
  // One answer on the long page: from the click to the frame that shows it.
  const answer = await page.evaluate(() => new Promise<number>((resolve) => {
    const inputs = document.querySelectorAll<HTMLInputElement>('fieldset.question input[type="radio"]');
    const input = inputs[Math.floor(inputs.length / 2)] as HTMLInputElement;
    const t0 = performance.now();
    input.click();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  }));
  await context.close();
  return { draw, answer };
}

// ---------- 4. Layout shifts over screen changes ----------
async function screenShifts(browser: Browser, url: string, width: number): Promise<{ all: number; withoutInput: number }> {
  const { context, page, cdp } = await newPage(browser, width);
  await setRtt(cdp, RTT_MS);
  await page.goto(`${url}/`);
  await settle(page);
  await page.click('.depth .btn-primary');
  await page.waitForSelector('fieldset.question');
  await page.waitForTimeout(500);
  await page.click('.jump .btn-link'); // the overview: the review screen
  await page.waitForSelector('#review-title');
  await settle(page);
  await page.click('.actions .btn-primary'); // the report
  await page.waitForSelector('article.report');
  await page.waitForTimeout(800);
  await page.click('.header-nav a'); // the workspace
  await page.waitForTimeout(800);
  await page.click('.brand'); // back to the landing page
  await page.waitForTimeout(800);
  const shifts = await shiftsOf(page);
  await context.close();
  return { all: shifts.reduce((n, s) => n + s.value, 0), withoutInput: shifts.filter((s) => !s.input).reduce((n, s) => n + s.value, 0) };
}

/**
 * dist/ as a static host serves it: gzip, and hashed assets cached for a year (Lighthouse measures the transfer;
 * the tests' server sends files as they are).
 */
async function serveCompressed(): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dist) || path.includes('..')) return void res.writeHead(403).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': STRICT_CSP,
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Lighthouse in a child process, awaited (not execFileSync: that would block this process, whose server answers
 * Lighthouse's requests). Flags from ../shared/toolchain.md, a fresh profile, and the new headless mode (with
 * plain --headless the page target closes).
 */
async function lighthouse(url: string): Promise<number | null> {
  const run = promisify(execFile);
  try {
    await run('npx', ['--no-install', 'lighthouse@12.8.2', '--version']);
  } catch {
    console.log('lighthouse: not installed (run `npx --yes lighthouse@12.8.2` once to fetch it); skipped');
    return null;
  }
  const profile = mkdtempSync(join(tmpdir(), 'aimm-lighthouse-'));
  try {
    const flags = `--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${profile}`;
    const { stdout } = await run('npx', ['--no-install', 'lighthouse@12.8.2', `${url}/`, '--only-categories=performance', '--form-factor=mobile', '--output=json', '--quiet', `--chrome-flags=${flags}`],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(stdout) as { categories: { performance: { score: number } }; audits: Record<string, { displayValue?: string }> };
    for (const a of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) console.log(`  ${a}: ${report.audits[a]?.displayValue ?? '?'}`);
    return Math.round(report.categories.performance.score * 100);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const server = await serveDist();
const browser = await launch();
try {
  console.log(`aimm bench:browser — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Chromium ${browser.version()}, ${RUNS} runs, median`);

  if (ONLY.includes('first')) {
  const warm: { rounds: number; time: number; requests: number }[] = [];
  const cold: { rounds: number; time: number; requests: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    warm.push(await firstQuestion(browser, server.url, true));
    cold.push(await firstQuestion(browser, server.url, false));
  }
  console.log(`landing → first question (RTT ${RTT_MS} ms), landing page idle first: ${median(warm.map((r) => r.rounds))} rounds, ${median(warm.map((r) => r.requests))} requests, ${ms(median(warm.map((r) => r.time)))}`);
  console.log(`landing → first question (RTT ${RTT_MS} ms), clicked at once:         ${median(cold.map((r) => r.rounds))} rounds, ${median(cold.map((r) => r.requests))} requests, ${ms(median(cold.map((r) => r.time)))}`);

  }

  if (ONLY.includes('report')) {
  for (const rate of [1, 4]) {
    const runs: { summary: number; chart: number; rest: number; shifts: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await reviewToReport(browser, server.url, rate));
    const best = (xs: number[]): string => `${ms(median(xs))} (best ${ms(Math.min(...xs))})`;
    console.log(`review → report (${rate === 1 ? 'normal CPU' : `CPU ÷${rate}`}): summary painted ${best(runs.map((r) => r.summary))}, chart drawn ${best(runs.map((r) => r.chart))}, whole report ${best(runs.map((r) => r.rest))}, layout shifts ${Math.max(...runs.map((r) => r.shifts)).toFixed(4)}`);
  }

  }

  if (ONLY.includes('pages')) {
  const sizes = [100, 500, 1000];
  const pages: Record<number, { draw: number; answer: number }> = {};
  for (const n of sizes) {
    const runs: { draw: number; answer: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await longPage(browser, server.url, n));
    pages[n] = { draw: median(runs.map((r) => r.draw)), answer: median(runs.map((r) => r.answer)) };
  }
  const p100 = pages[100] as { draw: number; answer: number };
  for (const n of sizes) {
    const p = pages[n] as { draw: number; answer: number };
    console.log(`questionnaire page of ${String(n).padStart(4)} questions: drawn in ${ms(p.draw).padStart(7)} (${(p.draw / p100.draw / (n / 100)).toFixed(2)} × linear from 100), an answer shown in ${ms(p.answer)}`);
  }

  }

  if (ONLY.includes('shifts')) {
  for (const width of [1280, 360]) {
    const s = await screenShifts(browser, server.url, width);
    console.log(`layout shifts over landing → questions → review → report → workspace → landing at ${width} px: ${s.all.toFixed(4)} (${s.withoutInput.toFixed(4)} without those right after input, as CLS counts)`);
  }

  }

  if (args.includes('--lighthouse')) {
    const host = await serveCompressed();
    const score = await lighthouse(host.url);
    await host.close();
    if (score !== null) console.log(`lighthouse 12.8.2 mobile performance: ${score}`);
  }
} finally {
  await browser.close();
  await server.close();
}
