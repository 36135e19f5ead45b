import { vi } from 'vitest';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import type { Locale } from '../../src/engine/index.ts';
import { DATETIME_FORMATS } from '../../src/i18n/index.ts';
import { MemoryBackend, Repository, useRepository, type Backend } from '../../src/persistence/index.ts';
import { createSafeStorage } from '../../src/composables/safeStorage.ts';
import zh from '../../src/i18n/locales/zh-CN.json';
import en from '../../src/i18n/locales/en.json';
import reportZh from '../../src/i18n/locales/report.zh-CN.json';
import reportEn from '../../src/i18n/locales/report.en.json';
import workspaceZh from '../../src/i18n/locales/workspace.zh-CN.json';
import workspaceEn from '../../src/i18n/locales/workspace.en.json';
import embedZh from '../../src/i18n/locales/embed.zh-CN.json';
import embedEn from '../../src/i18n/locales/embed.en.json';

/** An i18n instance with every message set, as the app has once all screens were visited. */
export function makeI18n(locale: Locale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': { ...zh, ...reportZh, ...workspaceZh, ...embedZh }, en: { ...en, ...reportEn, ...workspaceEn, ...embedEn } } as never,
    datetimeFormats: DATETIME_FORMATS,
  });
}

/**
 * A new Pinia, as on a page load, over a storage backend: a fresh one (the default) or the one given, to see
 * what a reload finds. Legacy keys are read from happy-dom's localStorage, as the app does.
 */
export function freshPinia(backend: Backend = new MemoryBackend(true)): Pinia {
  useRepository(new Repository(backend, createSafeStorage()));
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/**
 * The report date the app tests run on. The screens date a report today (which decides the programmes that are
 * open), so tests that compare with a direct engine call fix "today" to it and pass it as `{ date }`.
 */
export const REPORT_DATE = '2026-12-01';

/** Makes "today" REPORT_DATE (noon, local time) for Date only: timers keep running for vi.waitFor. */
export function fixToday(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  const [y, m, d] = REPORT_DATE.split('-').map(Number) as [number, number, number];
  vi.setSystemTime(new Date(y, m - 1, d, 12, 0, 0));
}
