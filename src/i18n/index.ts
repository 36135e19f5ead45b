import { toRaw } from 'vue';
import { createI18n, type PathValue } from 'vue-i18n';
import type { Locale } from '../engine/index.ts';
import { appStorage } from '../composables/safeStorage.ts';
// The default language is part of the entry chunk: the first render does not wait for another request.
import zhCN from './locales/zh-CN.json';

import { chooseLocale, LOCALE_STORAGE_KEY } from './locale.ts';

export { isLocale, SUPPORTED_LOCALES } from './locale.ts';

export const DATETIME_FORMATS = {
  'zh-CN': { short: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }, date: { year: 'numeric', month: 'long', day: 'numeric' } },
  en: { short: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, date: { year: 'numeric', month: 'long', day: 'numeric' } },
} as const;

/**
 * Reads a message (`a.b.c`) from the plain objects rather than through the reactive proxies vue-i18n keeps them
 * in: a translation then costs a few property reads instead of a chain of proxy traps (the landing page's
 * 35 took ~10 ms on this machine, a long task at a phone's speed). Nothing is lost: messages never change once
 * merged, every screen renders after its set is merged (activateNamespace), and a change of language re-renders
 * through the locale, which stays reactive.
 */
function readMessage(messages: unknown, path: string): PathValue {
  let node: unknown = toRaw(messages);
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return (node ?? null) as PathValue;
}

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: {},
  datetimeFormats: DATETIME_FORMATS,
  messageResolver: readMessage,
});
i18n.global.setLocaleMessage('zh-CN', zhCN as never);

type Messages = { default: Record<string, unknown> };

// The other language's messages load when chosen (precompiled by @intlify/unplugin-vue-i18n); index.html
// preloads them (vite.config.ts), so `?lang=en` costs no extra round either.
const loaders: Record<Locale, () => Promise<Messages>> = {
  'zh-CN': () => Promise.resolve({ default: zhCN as Record<string, unknown> }),
  en: () => import('./locales/en.json'),
};

/** Message sets that only some screens need (the report's), loaded with the first such screen. */
const namespaces: Record<string, Record<Locale, () => Promise<Messages>>> = {
  report: {
    'zh-CN': () => import('./locales/report.zh-CN.json'),
    en: () => import('./locales/report.en.json'),
  },
  workspace: {
    'zh-CN': () => import('./locales/workspace.zh-CN.json'),
    en: () => import('./locales/workspace.en.json'),
  },
  embed: {
    'zh-CN': () => import('./locales/embed.zh-CN.json'),
    en: () => import('./locales/embed.en.json'),
  },
};
const activeNamespaces = new Set<string>();
const loaded = new Set<string>(['zh-CN']);

async function ensureLoaded(locale: Locale): Promise<void> {
  if (!loaded.has(locale)) {
    const messages = await loaders[locale]();
    i18n.global.mergeLocaleMessage(locale, messages.default as never);
    loaded.add(locale);
  }
  for (const ns of activeNamespaces) {
    const key = `${ns}:${locale}`;
    const load = namespaces[ns]?.[locale];
    if (loaded.has(key) || !load) continue;
    i18n.global.mergeLocaleMessage(locale, (await load()).default as never);
    loaded.add(key);
  }
}

/** Loads a screen's own messages for the current language (and for any language chosen later). */
export async function activateNamespace(ns: string): Promise<void> {
  activeNamespaces.add(ns);
  await ensureLoaded(i18n.global.locale.value as Locale);
}

/** `?lang=en` wins, then the user's last choice; otherwise Chinese (see chooseLocale). */
export function initialLocale(search: string = globalThis.location?.search ?? ''): Locale {
  return chooseLocale(search, appStorage.get(LOCALE_STORAGE_KEY));
}

export async function setLocale(locale: Locale, remember = false): Promise<void> {
  await ensureLoaded(locale);
  i18n.global.locale.value = locale;
  if (remember) appStorage.set(LOCALE_STORAGE_KEY, locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18n.global.t('app.title');
  }
}
