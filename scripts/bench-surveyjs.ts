/**
 * AIMM beside SurveyJS (`npm run bench:surveyjs`): a benchmark that prints figures, not a test, and not part of
 * `npm test` or CI. The same quick scan (questionnaires/quick.json, converted by bench/surveyjs/convert.ts) in
 * AIMM's dist/ and in a SurveyJS page (bench/surveyjs: survey-core + survey-vue3-ui, default theme, bundled by
 * Vite here), in one Chromium run, on one machine. For each, the median of RUNS runs, AIMM and SurveyJS taking
 * turns, with (a) no throttling and (b) CPU 4× slower and every request delayed by a 150 ms round trip:
 * - JS, CSS and HTML requested before the first question is in the page, gzip (level 9, as `npm run size`) of
 *   the files (served uncompressed here; only the round trips are emulated, as in bench-browser.ts);
 * - first contentful paint (AIMM: its landing page; SurveyJS opens on the survey itself);
 * - the first question visible: its text and control in the page, and the frame that draws them done; AIMM from
 *   the click on 开始快速扫描 once the landing page is idle (a person reads it first), and from navigation with
 *   the button clicked as soon as it is there; SurveyJS from navigation;
 * - interactive: from the same start to the end of the last long task (over 50 ms) that follows the first
 *   question within 500 ms of quiet, i.e. when a tap on the question would be handled at once.
 * 1280 px wide, where AIMM shows a section per page as SurveyJS shows a page. AIMM is served under the strict CSP
 * (tests/e2e/serve.ts); SurveyJS too, unless it breaks it: then the violations are printed and it is measured
 * under the policy relaxed just enough.
 * Needs `npm ci --prefix bench/surveyjs` once (its .npmrc sets legacy-peer-deps: vue stays the root's); builds dist/ (`npm run build`) if missing.
 * `--runs N` (5 by default); `--screenshots DIR` also saves the first page of each at 360 and 1280 px (and
 * SurveyJS's under the strict CSP, if it breaks it); `--files` lists the files counted.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../tests/e2e/browser.ts';
import { serveDist, STRICT_CSP } from '../tests/e2e/serve.ts';
import { writeSurvey } from '../bench/surveyjs/convert.ts';

const RTT_MS = 150;
const CPU_RATE = 4;
const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 5 : 5;
const SHOTS = args.includes('--screenshots') ? args[args.indexOf('--screenshots') + 1] : undefined;
const here = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));
const AIMM_DIST = here('dist/');
const BENCH = here('bench/surveyjs/');
const SJS_DIST = here('bench/surveyjs/dist/');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const version = (dir: string, pkg: string): string => (JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

// ---------- Build both ----------
if (!existsSync(join(BENCH, 'node_modules/survey-core/package.json'))) {
  console.error('SurveyJS is not installed: run `npm ci --prefix bench/surveyjs` first.');
  process.exit(1);
}
if (!existsSync(join(AIMM_DIST, 'index.html'))) {
  console.log('dist/ is missing: npm run build');
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
const notes = writeSurvey();
await build({
  root: BENCH,
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [vue()],
  build: { outDir: SJS_DIST, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
});

const quick = JSON.parse(readFileSync(here('questionnaires/quick.json'), 'utf8')) as { sections: { questions: { text: Record<string, string> }[] }[] };
const FIRST_TEXT = quick.sections[0]?.questions[0]?.text['zh-CN'] ?? '';

// ---------- In the page ----------
interface App { name: string; title: string; control: string }
const AIMM: App = { name: 'AIMM', title: 'fieldset.question legend', control: 'fieldset.question input' };
const SJS: App = { name: 'SurveyJS', title: '.sd-question__title', control: '.sd-question input, .sd-question .sd-dropdown' };

/**
 * Before the page's own scripts: CSP violations, long tasks, and marks when the first question (its text in the
 * title element, and its control) is in the page, and once the frame that draws it is done (a task after it). A string: tsx would wrap functions in a helper
 * the page does not have.
 */
const initScript = (app: App): string => `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '').replace(/^.*\\//, '') + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + JSON.stringify(e.sample)));
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.startTime + e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  const seen = () => [...document.querySelectorAll(${JSON.stringify(app.title)})].some((el) => el.textContent.includes(${JSON.stringify(FIRST_TEXT)}))
    && document.querySelector(${JSON.stringify(app.control)});
  const watch = () => new MutationObserver((_, obs) => {
    if (!seen()) return;
    obs.disconnect();
    performance.mark('bench:first-question-dom');
    requestAnimationFrame(() => setTimeout(() => performance.mark('bench:first-question'), 0));
  }).observe(document, { childList: true, subtree: true });
  watch();
`;

interface Run { fcp: number; clickAt: number; visible: number; interactive: number; js: number; css: number; html: number; requests: number; csp: string[]; files: string[] }

const gzCache = new Map<string, number>();
/** gzip size of a requested file, read from the folder served. */
function gzipOf(root: string, url: string): number {
  const path = decodeURIComponent(new URL(url).pathname);
  const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
  let n = gzCache.get(file);
  if (n === undefined) {
    n = existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
    gzCache.set(file, n);
  }
  return n;
}

async function measure(browser: Browser, app: App, url: string, root: string, throttled: boolean, mode: 'navigation' | 'idle-click' | 'click-at-once'): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(initScript(app));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  if (mode === 'idle-click') {
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => (window.requestIdleCallback ?? setTimeout)(() => r(null))));
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  }
  if (mode !== 'navigation') {
    await page.waitForSelector('.depth .btn-primary');
    await page.evaluate(() => (document.querySelector('.depth .btn-primary') as HTMLElement).addEventListener('click', () => performance.mark('bench:click'), { capture: true, once: true }));
    await page.click('.depth .btn-primary');
  }
  await page.waitForFunction(() => performance.getEntriesByName('bench:first-question').length > 0, null, { timeout: 60_000 });
  // Long tasks that follow the first question are part of getting to it.
  await page.waitForTimeout(throttled ? 3000 : 1500);
  // A string: tsx would wrap the named helpers in a function the page does not have.
  const t = (await page.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? 0;
    const visible = at('bench:first-question');
    const resources = performance.getEntriesByType('resource').filter((r) => r.startTime < at('bench:first-question-dom')).map((r) => r.name);
    return { fcp: at('first-contentful-paint'), clickAt: at('bench:click'), visible, long: window.__long, csp: window.__csp, resources, doc: location.href };
  })()`)) as { fcp: number; clickAt: number; visible: number; long: [number, number][]; csp: string[]; resources: string[]; doc: string };
  let interactive = t.visible;
  for (const [start, end] of [...t.long].sort((a, b) => a[0] - b[0])) {
    if (end <= interactive) continue;
    if (start > interactive + 500) break;
    interactive = end;
  }
  const from = mode === 'idle-click' ? t.clickAt : 0;
  const files = [...new Set([t.doc.replace(/#.*$/, ''), ...t.resources])];
  const size = (re: RegExp): number => files.filter((f) => re.test(new URL(f).pathname)).reduce((n, f) => n + gzipOf(root, f), 0);
  await context.close();
  return {
    fcp: t.fcp, clickAt: t.clickAt, visible: t.visible - from, interactive: interactive - from,
    js: size(/\.m?js$/), css: size(/\.css$/), html: size(/(\/|\.html)$/), requests: files.length, csp: t.csp,
    files: files.map((f) => `${new URL(f).pathname} ${(gzipOf(root, f) / 1024).toFixed(1)} KB`),
  };
}

// ---------- CSP: SurveyJS under the strict policy, relaxed only if it must be ----------
async function probe(browser: Browser, url: string): Promise<{ violations: string[]; rendered: boolean }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(initScript(SJS));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/`);
  const rendered = await page.waitForFunction(() => performance.getEntriesByName('bench:first-question').length > 0, null, { timeout: 15_000 }).then(() => true, () => false);
  // Use it a little: open the dropdown, answer, go to the next page, so that lazily used code runs too.
  if (rendered) {
    await page.click('.sd-question .sd-dropdown').catch(() => undefined);
    await page.waitForTimeout(500);
    await page.keyboard.press('Escape');
    await page.click('.sd-navigation__next-btn, input[value="下一页"]').catch(() => undefined);
    await page.waitForTimeout(500);
  }
  const violations = (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).concat(errors.map((e) => `page error: ${e}`));
  await context.close();
  return { violations: [...new Set(violations)], rendered };
}

/**
 * The strict policy with 'unsafe-inline' allowed only for the directives SurveyJS broke, each on its own
 * (script-src-attr: inline event handlers; style-src-elem: <style> elements; style-src-attr: style attributes),
 * so that script-src and style-src stay 'self' for everything else.
 */
function relaxed(violations: string[]): string {
  const directives = new Set<string>();
  for (const v of violations) {
    const [directive = '', blocked = ''] = v.split(' ');
    if (blocked === 'inline' && /^(script|style)-src-(elem|attr)$/.test(directive)) directives.add(directive);
    else if (blocked === 'eval') directives.add('script-src-eval');
  }
  const extra = [...directives].sort().map((d) => (d === 'script-src-eval' ? "script-src 'self' 'unsafe-eval'" : d.endsWith('-elem') ? `${d} 'self' 'unsafe-inline'` : `${d} 'unsafe-inline'`));
  return [STRICT_CSP, ...extra].join('; ');
}

/** The strict policy asking for a sample of what it blocks ('report-sample' allows nothing more). */
const STRICT_WITH_SAMPLES = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'report-sample'").replace("style-src 'self'", "style-src 'self' 'report-sample'");

// ---------- Run ----------
const aimm = await serveDist();
const sjsStrict = await serveDist({ root: SJS_DIST, headers: { 'content-security-policy': STRICT_WITH_SAMPLES } });
let sjs = sjsStrict;
const browser = await launch();
let sjsCsp = 'strict CSP';
try {
  const strict = await probe(browser, sjs.url);
  if (strict.violations.length || !strict.rendered) {
    console.log(`SurveyJS under the strict CSP: ${strict.rendered ? 'renders' : 'does NOT render'}; violations (directive, what, where, sample):\n  ${strict.violations.join('\n  ')}`);
    const policy = relaxed(strict.violations);
    sjs = await serveDist({ root: SJS_DIST, headers: { 'content-security-policy': policy } });
    const again = await probe(browser, sjs.url);
    sjsCsp = `relaxed CSP: ${policy}`;
    console.log(`SurveyJS measured under ${sjsCsp} (${again.violations.length} violations left${again.rendered ? '' : ', still not rendered'})`);
  } else console.log('SurveyJS under the strict CSP: no violation (opened, dropdown used, next page)');

  const vue = version(here(''), 'vue');
  console.log(`aimm bench:surveyjs — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Chromium ${browser.version()}, ` +
    `survey-core ${version(BENCH, 'survey-core')} + survey-vue3-ui ${version(BENCH, 'survey-vue3-ui')}, vue ${vue}, median of ${RUNS} runs, 1280 px, load average ${loadavg()[0]?.toFixed(1)}`);
  console.log('Content differences (bench/surveyjs/convert.ts):');
  for (const n of notes) console.log(`  - ${n}`);

  const rows: { label: string; cond: string; r: Run }[] = [];
  for (const throttled of [false, true]) {
    const cond = throttled ? `CPU ${CPU_RATE}× slower, RTT ${RTT_MS} ms` : 'no throttling';
    const out: Record<string, Run[]> = { idle: [], once: [], sjs: [] };
    for (let i = 0; i < RUNS; i++) {
      const turn = [
        async () => out['idle']?.push(await measure(browser, AIMM, aimm.url, AIMM_DIST, throttled, 'idle-click')),
        async () => out['sjs']?.push(await measure(browser, SJS, sjs.url, SJS_DIST, throttled, 'navigation')),
        async () => out['once']?.push(await measure(browser, AIMM, aimm.url, AIMM_DIST, throttled, 'click-at-once')),
      ];
      for (const step of i % 2 ? [...turn].reverse() : turn) await step();
    }
    const med = (runs: Run[]): Run => ({
      fcp: median(runs.map((r) => r.fcp)), clickAt: median(runs.map((r) => r.clickAt)), visible: median(runs.map((r) => r.visible)), interactive: median(runs.map((r) => r.interactive)),
      js: median(runs.map((r) => r.js)), css: median(runs.map((r) => r.css)), html: median(runs.map((r) => r.html)),
      requests: median(runs.map((r) => r.requests)), csp: [...new Set(runs.flatMap((r) => r.csp))], files: runs.at(-1)?.files ?? [],
    });
    rows.push({ label: 'AIMM, landing idle → click → 1st question', cond, r: med(out['idle'] ?? []) });
    rows.push({ label: 'AIMM, navigation → click at once → 1st q.', cond, r: med(out['once'] ?? []) });
    rows.push({ label: 'SurveyJS, navigation → 1st question', cond, r: med(out['sjs'] ?? []) });
  }

  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const msf = (n: number): string => `${Math.round(n)} ms`;
  const head = ['', 'condition', 'JS gzip', 'CSS gzip', 'HTML gzip', 'files', 'first paint (FCP)', '1st question visible', '1st question interactive'];
  const table = rows.map(({ label, cond, r }) => [label, cond, kb(r.js), kb(r.css), kb(r.html), String(r.requests), msf(r.fcp), msf(r.visible), msf(r.interactive)]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log('FCP: AIMM\'s is its landing page (from navigation), SurveyJS\'s the survey page. "1st question" times: AIMM idle → from the click; the other two from navigation start.');
  for (const x of rows.filter((r) => r.label.includes('at once'))) console.log(`AIMM clicked at once (${x.cond}): the button could be clicked ${msf(x.r.clickAt)} after navigation.`);
  console.log(`AIMM under the strict CSP; SurveyJS under the ${sjsCsp}. Load average at the end ${loadavg()[0]?.toFixed(1)}.`);
  const leftover = rows.flatMap((x) => x.r.csp.map((c) => `${x.label}: ${c}`));
  if (args.includes('--files')) for (const x of rows) console.log(`${x.label}, ${x.cond}, last run:\n  ${x.r.files.join('\n  ')}`);
  if (leftover.length) console.log(`CSP violations during the runs:\n  ${leftover.join('\n  ')}`);

  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [360, 1280]) {
      const shot = async (app: App, url: string, click: boolean, suffix = ''): Promise<void> => {
        const page: Page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(`${url}/`);
        if (click) await page.click('.depth .btn-primary');
        await page.waitForSelector(app.control);
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(SHOTS, `${app.name.toLowerCase()}${suffix}-${width}.png`), fullPage: false });
        await page.close();
      };
      await shot(AIMM, aimm.url, true);
      await shot(SJS, sjs.url, false);
      if (sjs !== sjsStrict) await shot(SJS, sjsStrict.url, false, '-strict-csp');
    }
    console.log(`screenshots in ${SHOTS}`);
  }
} finally {
  await browser.close();
  await aimm.close();
  if (sjs !== sjsStrict) await sjs.close();
  await sjsStrict.close();
}
