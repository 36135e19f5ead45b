/**
 * After `vite build`: writes the landing page, pre-rendered in Chinese, into dist/index.html, so that a phone
 * paints it as soon as the HTML and the stylesheet are there instead of after the whole start-up script.
 * - The app itself is rendered with Vue's server renderer (an SSR build of src/shell/render.ts in a temporary
 *   folder): the shell is the app's own markup and scoped styles, not a copy that could drift.
 * - A tiny classic script (src/shell/guard.ts, hashed into assets/) runs before the first paint and hides the
 *   shell when the app will start elsewhere (another screen, English, a frame, embed mode).
 * - The app starts once the shell has painted and takes its markup over (hydration: src/main.ts, src/start.ts).
 */
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const indexPath = join(dist, 'index.html');
const MOUNT = '<div id="app"></div>';

async function renderApp(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'aimm-shell-'));
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      publicDir: false,
      // Bundled whole: the packages' browser builds rely on the bundler's compile-time flags.
      ssr: { noExternal: true },
      build: { ssr: join(root, 'src/shell/render.ts'), outDir: out, emptyOutDir: true, manifest: false, copyPublicDir: false },
    });
    const { renderShell } = (await import(pathToFileURL(join(out, 'render.js')).href)) as { renderShell: () => Promise<string> };
    return await renderShell();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function guardScript(): Promise<string> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      target: 'es2018',
      minify: true,
      lib: { entry: join(root, 'src/shell/guard.ts'), formats: ['iife'], name: 'aimmShellGuard', fileName: () => 'guard.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((r) => r.output).find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('shell: the guard script was not built');
  return chunk.code;
}

const html = readFileSync(indexPath, 'utf8');
if (!html.includes(MOUNT)) throw new Error(`shell: ${indexPath} has no empty ${MOUNT} (already pre-rendered?)`);
const [rendered, guard] = await Promise.all([renderApp(), guardScript()]);
// The server renderer writes an unset :style as style="": under the strict CSP any style attribute is refused.
const app = rendered.replaceAll(' style=""', '');
if (/\sstyle=/.test(app)) throw new Error('shell: the pre-rendered page has a style attribute, which the strict CSP refuses');
const name = `assets/shell-${createHash('sha256').update(guard).digest('base64url').slice(0, 8)}.js`;
writeFileSync(join(dist, name), guard);
writeFileSync(
  indexPath,
  html
    .replace('</head>', `  <script src="./${name}"></script>\n  </head>`)
    .replace(MOUNT, `<div id="app">${app}</div>`),
);
console.log(`shell: dist/index.html pre-rendered (${app.length} characters), ${name}`);
