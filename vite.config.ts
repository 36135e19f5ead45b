import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import { fileURLToPath } from 'node:url';

/**
 * The English messages are requested only once the start-up code has chosen the language (`?lang=en` or the
 * user's choice): a `<link rel=modulepreload>` in index.html fetches them with the entry instead (2.9 KB gzip).
 * The Chinese ones are part of the entry chunk (src/i18n/index.ts).
 */
function preloadOtherLocale(): Plugin {
  return {
    name: 'aimm-preload-locale',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && /[\\/]i18n[\\/]locales[\\/]en\.json$/.test(c.facadeModuleId ?? ''));
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }] : [];
      },
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
    preloadOtherLocale(),
  ],
  optimizeDeps: { include: ['ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/equal.js'] },
  // The manifest (dist/.vite/manifest.json) gives `npm run size` the import graph: chunks, static and dynamic imports.
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false, manifest: true },
});
