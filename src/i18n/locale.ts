import type { Locale } from '../engine/index.ts';

/**
 * Which language a page load starts in. Pure (no vue-i18n, no storage access): the landing page's start-up
 * guard (src/shell/guard.ts) decides with it whether the Chinese static shell may show.
 */
export const SUPPORTED_LOCALES: readonly Locale[] = ['zh-CN', 'en'];
/** Where the user's choice of language is remembered (localStorage). */
export const LOCALE_STORAGE_KEY = 'aimm:locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** `?lang=en` wins, then the user's last choice (`stored`); otherwise Chinese, the product's language, whatever the browser says. */
export function chooseLocale(search: string, stored: string | null): Locale {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLocale(fromQuery)) return fromQuery;
  if (fromQuery?.toLowerCase().startsWith('en')) return 'en';
  if (fromQuery?.toLowerCase().startsWith('zh')) return 'zh-CN';
  return isLocale(stored) ? stored : 'zh-CN';
}
