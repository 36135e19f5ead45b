/**
 * Bundle-size check (`npm run size`, after `vite build`):
 * - what the landing page loads (the HTML's scripts, modulepreloads and stylesheets with their static imports),
 *   gzip-compressed, must stay under the budget: exits 1 over it;
 * - the way from the landing page to the quick scan's first question, from the build's import graph
 *   (dist/.vite/manifest.json): the chunks it needs, how many rounds of requests the click waits on, and the
 *   bytes. A dynamic import fetches its chunk and that chunk's static imports in parallel (Vite's preload helper),
 *   so a round is one hop along a dynamic import; a chunk already loaded (landing) or fetched ahead when the
 *   browser was idle costs none. Exits 1 when the click waits on more than one round.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 70;
const MAX_ROUNDS = 1;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

interface Chunk { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean }
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const byFile = new Map(Object.entries(manifest).map(([key, c]) => [c.file, key]));
/** Source module → the chunk holding it (vite.config.ts writes it): a module merged into a shared chunk has no key of its own. */
const modules = JSON.parse(readFileSync(join(dist, '.vite/modules.json'), 'utf8')) as Record<string, string>;
const keyOf = (source: string): string => (manifest[source] ? source : byFile.get(modules[source] ?? '') ?? source);

/** A chunk's file, its static imports' files and their stylesheets: what one import of it fetches. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const c = manifest[key];
  if (!c || into.has(c.file)) return into;
  into.add(c.file);
  for (const css of c.css ?? []) into.add(css);
  for (const dep of c.imports ?? []) closure(dep, into);
  return into;
}

// ---------- The landing page ----------
/** Files the landing page fetches before it can render: what index.html names, with their static imports. */
const initial = new Set<string>();
for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\.?\/?([^"]+\.(?:js|css))"/g)) {
  const file = m[1] as string;
  initial.add(file);
  const key = byFile.get(file);
  if (key) closure(key, initial);
}
// The English messages are preloaded for `?lang=en` but not needed in Chinese: listed, not counted.
const optional = new Set([...initial].filter((f) => /^assets\/en-[\w-]+\.js$/.test(f)));

let total = 0;
console.log('Landing page (gzip):');
for (const file of [...initial].sort()) {
  const size = gz(file);
  if (!optional.has(file)) total += size;
  console.log(`  ${file.padEnd(48)} ${kb(size).padStart(7)} KB${optional.has(file) ? '  (preloaded for ?lang=en, not counted)' : ''}`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(7)} KB  (budget ${BUDGET_KB} KB)`);

// ---------- Landing page → first question ----------
/**
 * What the app fetches ahead from the landing page when the browser is idle (App.vue: the question and review
 * screens; the assessment store's `prefetch`: the data loaders and the engine).
 */
const PREFETCHED = ['src/views/QuestionnaireView.vue', 'src/views/ReviewView.vue', 'src/knowledge/browser.ts', 'src/engine/index.ts'].map(keyOf);
/** What the quick scan's first question needs: its screen, the engine, the questionnaire and the questions' knowledge files. */
const NEEDED_SOURCES = [
  'src/views/QuestionnaireView.vue', 'src/knowledge/browser.ts', 'src/engine/index.ts', 'questionnaires/quick.json',
  'seeds/industry-types.json', 'seeds/sectors.json', 'seeds/regions.json',
];
const NEEDED = NEEDED_SOURCES.map(keyOf);
for (const key of [...PREFETCHED, ...NEEDED]) if (!manifest[key]) throw new Error(`${key} is not a chunk of the build: update scripts/size.ts`);

/** Rounds to load each chunk: the fewest dynamic imports on the way from what is already there (relaxed to a fixpoint). */
function roundsFrom(available: Set<string>): Map<string, number> {
  const rounds = new Map<string, number>();
  for (const k of Object.keys(manifest)) if (available.has(manifest[k]?.file ?? '')) rounds.set(k, 0);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [k, r] of [...rounds]) {
      const c = manifest[k];
      const edges: [string, number][] = [...(c?.imports ?? []).map((d): [string, number] => [d, r]), ...(c?.dynamicImports ?? []).map((d): [string, number] => [d, r + 1])];
      for (const [d, at] of edges) {
        if ((rounds.get(d) ?? Infinity) <= at) continue;
        rounds.set(d, at);
        changed = true;
      }
    }
  }
  return rounds;
}

const landed = new Set(initial);
const prefetched = new Set(landed);
for (const k of PREFETCHED) closure(k, prefetched);
const cold = roundsFrom(landed);
const warm = roundsFrom(prefetched);
const neededFiles = new Set<string>();
for (const k of NEEDED) closure(k, neededFiles);
const fetchedAhead = [...neededFiles].filter((f) => prefetched.has(f) && !landed.has(f));
const onClick = [...neededFiles].filter((f) => !prefetched.has(f));
const sum = (files: string[]): number => files.reduce((n, f) => n + gz(f), 0);
const roundsOf = (map: Map<string, number>): number => Math.max(...NEEDED.map((k) => map.get(k) ?? Infinity));

console.log('Landing page → first question of the quick scan (gzip):');
console.log(`  fetched ahead when idle: ${fetchedAhead.length} files, ${kb(sum(fetchedAhead))} KB`);
console.log(`  fetched on the click:    ${onClick.length} files, ${kb(sum(onClick))} KB (${onClick.map((f) => f.replace(/^assets\//, '')).join(', ')})`);
console.log(`  bytes after the landing page: ${kb(sum([...fetchedAhead, ...onClick]))} KB`);
console.log(`  request rounds the click waits on: ${roundsOf(warm)} with the code fetched ahead, ${roundsOf(cold)} if the click comes first`);
NEEDED.forEach((k, i) => console.log(`    ${(NEEDED_SOURCES[i] ?? k).padEnd(36)} round ${warm.get(k) ?? '?'} (cold ${cold.get(k) ?? '?'})`));

console.log('Loaded later (gzip):');
for (const file of readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => !initial.has(f) && /\.(js|css)$/.test(f)).sort()) {
  console.log(`  ${file.padEnd(48)} ${kb(gz(file)).padStart(7)} KB`);
}
let over = false;
if (total > BUDGET_KB * 1024) {
  console.error(`Over budget: the landing page loads ${kb(total)} KB gzip, more than ${BUDGET_KB} KB.`);
  over = true;
}

// The portal's host script (dist/embed.js) sits in the portal's own page: it must stay small.
const EMBED_BUDGET_KB = 4;
const embed = gz('embed.js');
console.log(`Host script (gzip):\n  ${'embed.js'.padEnd(48)} ${kb(embed).padStart(7)} KB  (budget ${EMBED_BUDGET_KB} KB)`);
if (embed > EMBED_BUDGET_KB * 1024) {
  console.error(`Over budget: embed.js is ${kb(embed)} KB gzip, more than ${EMBED_BUDGET_KB} KB.`);
  over = true;
}
if (roundsOf(warm) > MAX_ROUNDS) {
  console.error(`The first question waits on ${roundsOf(warm)} rounds of requests after the click, more than ${MAX_ROUNDS}.`);
  over = true;
}
if (over) process.exit(1);
