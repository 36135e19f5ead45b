/**
 * Entry of dist/embed.js (an IIFE that sets the global `AIMM`): initialises every `[data-aimm-diagnosis]`
 * element once the document is parsed. See docs/embedding.md.
 */
import { api, init } from './core.ts';

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => init(), { once: true });
else init();

export const { version, createDiagnosis, get } = api;
export { init };
