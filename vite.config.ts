import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import { fileURLToPath } from 'node:url';

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
  ],
  optimizeDeps: { include: ['ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/equal.js'] },
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
});
