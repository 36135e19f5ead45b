import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const types = fileURLToPath(new URL('./src/embed-host/types.ts', import.meta.url));

/** dist/embed.d.ts: the public types of src/embed-host/types.ts, plus the global the script sets. */
function declarations(): Plugin {
  return {
    name: 'aimm-embed-declarations',
    generateBundle() {
      const source = `${readFileSync(types, 'utf8')}
/** The messages as DOM events on the container (they bubble), e.g. document.addEventListener('aimm:completed', …). */
export interface AimmEventMap {
  'aimm:ready': CustomEvent<AimmReadyMessage>;
  'aimm:started': CustomEvent<AimmStartedMessage>;
  'aimm:progress': CustomEvent<AimmProgressMessage>;
  'aimm:question': CustomEvent<AimmQuestionMessage>;
  'aimm:resize': CustomEvent<AimmResizeMessage>;
  'aimm:completed': CustomEvent<AimmCompletedMessage>;
}

declare global {
  /** Set by embed.js. */
  var AIMM: AimmApi;
  interface HTMLElementEventMap extends AimmEventMap {}
  interface DocumentEventMap extends AimmEventMap {}
}
`;
      this.emitFile({ type: 'asset', fileName: 'embed.d.ts', source });
    },
  };
}

// The portal's host script: one small IIFE with a stable name (dist/embed.js), built after the app into the same
// dist/ without emptying it, for the browsers portals still see (ES2018).
export default defineConfig({
  publicDir: false,
  plugins: [declarations()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2018',
    sourcemap: false,
    reportCompressedSize: false,
    minify: true,
    lib: {
      entry: fileURLToPath(new URL('./src/embed-host/index.ts', import.meta.url)),
      name: 'AIMM',
      formats: ['iife'],
      fileName: () => 'embed.js',
    },
  },
});
