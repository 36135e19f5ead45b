import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import { fileURLToPath } from 'node:url';

/**
 * Modules the entry imports dynamically yet needs at once, fetched with index.html instead of after the entry
 * has run: the app (src/start.ts, started by src/main.ts after the first paint) with its static imports and
 * styles (render-blocking, as the pre-rendered page needs them), and the English messages (2.9 KB gzip), for
 * `?lang=en` or a user who chose English. The Chinese ones are part of the app's chunk (src/i18n/index.ts).
 */
const WITH_ENTRY = [/[\\/]src[\\/]start\.ts$/, /[\\/]i18n[\\/]locales[\\/]en\.json$/];

function preloadWithEntry(): Plugin {
  return {
    name: 'aimm-preload-with-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string): void => {
          const chunk = byName.get(fileName);
          if (!chunk || js.has(fileName)) return;
          js.add(fileName);
          // Imports' styles first, as evaluating the modules would apply them.
          chunk.imports.forEach(visit);
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
        };
        for (const pattern of WITH_ENTRY) {
          const chunk = chunks.find((c) => pattern.test(c.facadeModuleId ?? ''));
          if (!chunk) throw new Error(`aimm-preload-with-entry: no chunk for ${pattern}`);
          visit(chunk.fileName);
        }
        const present = (file: string): boolean => html.includes(`/${file}"`);
        return [
          ...[...css].filter((f) => !present(f)).map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
          // Low priority: the page paints from the HTML and the stylesheet; the code is needed only after that.
          ...[...js].filter((f) => !present(f)).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, fetchpriority: 'low', href: `./${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * dist/.vite/modules.json: which chunk holds each source module. The manifest names a chunk by its source only
 * when the chunk is that module's own; `npm run size` needs to find a module merged into a shared chunk too.
 */
function moduleMap(): Plugin {
  return {
    name: 'aimm-module-map',
    apply: 'build',
    generateBundle(_options, bundle) {
      const root = fileURLToPath(new URL('.', import.meta.url));
      const map: Record<string, string> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of chunk.moduleIds) if (id.startsWith(root)) map[id.slice(root.length)] = chunk.fileName;
      }
      this.emitFile({ type: 'asset', fileName: '.vite/modules.json', source: JSON.stringify(map) });
    },
  };
}

export default defineConfig({
  // Relative asset paths: the static files work from any folder of any web server or CDN.
  base: './',
  plugins: [
    vue(),
    VueI18nPlugin({
      // Locale files are precompiled to functions: no message compiler, no eval, in the browser.
      include: [fileURLToPath(new URL('./src/i18n/locales/**', import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      dropMessageCompiler: true,
      strictMessage: true,
    }),
    preloadWithEntry(),
    moduleMap(),
  ],
  optimizeDeps: { include: ['ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/equal.js'] },
  // The manifest (dist/.vite/manifest.json) gives `npm run size` the import graph: chunks, static and dynamic imports.
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false, manifest: true },
});
