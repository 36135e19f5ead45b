import { LOCALE_STORAGE_KEY } from '../i18n/locale.ts';
import { isEmbedded } from '../components/report/embedded.ts';
import { showsShell } from './shows.ts';

/**
 * Runs before the first paint (a classic script in index.html's head, built by scripts/shell.ts): hides the
 * static shell when the app will start on another screen or in another language. Every access is guarded; when
 * in doubt the shell stays hidden and the page simply waits for the app, as it did without a shell.
 */
function storedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

try {
  if (!showsShell({ search: location.search, hash: location.hash, storedLocale: storedLocale(), framed: isEmbedded() })) document.documentElement.setAttribute('data-shell', 'off');
} catch {
  document.documentElement.setAttribute('data-shell', 'off');
}
