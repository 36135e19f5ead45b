import { vi } from 'vitest';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import type { Locale } from '../../src/engine/index.ts';
import { DATETIME_FORMATS } from '../../src/i18n/index.ts';
import zh from '../../src/i18n/locales/zh-CN.json';
import en from '../../src/i18n/locales/en.json';
import reportZh from '../../src/i18n/locales/report.zh-CN.json';
import reportEn from '../../src/i18n/locales/report.en.json';

/** An i18n instance with every message set, as the app has once all screens were visited. */
export function makeI18n(locale: Locale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': { ...zh, ...reportZh }, en: { ...en, ...reportEn } } as never,
    datetimeFormats: DATETIME_FORMATS,
  });
}

export function freshPinia(): Pinia {
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
