import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Relative asset paths: the static files work from any folder of any web server or CDN.
  base: './',
  plugins: [vue()],
  optimizeDeps: { include: ['ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/equal.js'] },
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
});
