/**
 * Bundle-size check: what the landing page loads (entry script, its static imports, CSS) must stay
 * under the budget, gzip-compressed. Run after `vite build`; exits 1 over budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 70;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** Files the landing page fetches before it can render: the entry, its static imports, the stylesheets. */
const initial = new Set<string>();
for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\.?\/?([^"]+\.(?:js|css))"/g)) if (m[1]) initial.add(m[1]);
// Static imports of the entry chunk that the HTML does not list (Vite lists them as modulepreload, but be sure).
const queue = [...initial].filter((f) => f.endsWith('.js'));
while (queue.length) {
  const file = queue.pop() as string;
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    const dep = `assets/${m[1]}`;
    if (!initial.has(dep)) {
      initial.add(dep);
      queue.push(dep);
    }
  }
}

// The default language's messages are fetched before the first render, so they count too.
for (const f of readdirSync(join(dist, 'assets'))) if (/^zh-CN-[\w-]+\.js$/.test(f)) initial.add(`assets/${f}`);

let total = 0;
console.log('Landing page (gzip):');
for (const file of [...initial].sort()) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(48)} ${kb(size).padStart(7)} KB`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(7)} KB  (budget ${BUDGET_KB} KB)`);

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
if (over) process.exit(1);
