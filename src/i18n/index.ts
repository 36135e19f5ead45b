import { createI18n } from 'vue-i18n';
import type { Locale } from '../engine/index.ts';
import { appStorage } from '../composables/safeStorage.ts';
// The default language is part of the entry chunk: the first render does not wait for another request.
import zhCN from './locales/zh-CN.json';

export const SUPPORTED_LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'aimm:locale';

export const DATETIME_FORMATS = {
  'zh-CN': { short: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }, date: { year: 'numeric', month: 'long', day: 'numeric' } },
  en: { short: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, date: { year: 'numeric', month: 'long', day: 'numeric' } },
} as const;

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: {},
  datetimeFormats: DATETIME_FORMATS,
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

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** `?lang=en` wins, then the user's last choice; otherwise Chinese, the product's language, whatever the browser says. */
export function initialLocale(search: string = globalThis.location?.search ?? ''): Locale {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLocale(fromQuery)) return fromQuery;
  if (fromQuery?.toLowerCase().startsWith('en')) return 'en';
  if (fromQuery?.toLowerCase().startsWith('zh')) return 'zh-CN';
  const stored = appStorage.get(STORAGE_KEY);
  return isLocale(stored) ? stored : 'zh-CN';
}

export async function setLocale(locale: Locale, remember = false): Promise<void> {
  await ensureLoaded(locale);
  i18n.global.locale.value = locale;
  if (remember) appStorage.set(STORAGE_KEY, locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18n.global.t('app.title');
  }
}
