/**
 * The report's messages: every key the report's sources use exists in both languages, both files hold the same
 * keys, and the English messages contain no Chinese.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import reportZh from '../../src/i18n/locales/report.zh-CN.json';
import reportEn from '../../src/i18n/locales/report.en.json';
import { makeI18n } from './harness.ts';

const SOURCES = [
  new URL('../../src/views/ReportView.vue', import.meta.url),
  new URL('../../src/composables/useReportText.ts', import.meta.url),
  new URL('../../src/composables/reportText.ts', import.meta.url),
  ...readdirSync(new URL('../../src/export/', import.meta.url)).map((name) => new URL(`../../src/export/${name}`, import.meta.url)),
  ...readdirSync(new URL('../../src/components/report/', import.meta.url)).map(
    (name) => new URL(`../../src/components/report/${name}`, import.meta.url),
  ),
];

function keys(obj: unknown, prefix = ''): string[] {
  // Compiled messages are functions or AST nodes (objects with a "type"): those are the leaves.
  if (typeof obj === 'function' || typeof obj !== 'object' || obj === null || 'type' in obj) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const used = [...new Set(SOURCES.flatMap((url) => [...readFileSync(url, 'utf8').matchAll(/'(report\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1] as string)))].sort();
/** Just what these checks need of a composer (its full message typing is too deep for the checker here). */
interface Messages {
  t(key: string, named?: Record<string, unknown>, options?: { locale: string }): string;
  te(key: string, locale?: string): boolean;
}
const zh = makeI18n('zh-CN').global as unknown as Messages;
const en = makeI18n('en').global as unknown as Messages;

describe('report messages', () => {
  it('finds the keys the report uses', () => {
    expect(used.length).toBeGreaterThan(100);
  });

  it('has every key the report uses, in both languages', () => {
    expect(used.filter((k) => !zh.te(k, 'zh-CN'))).toEqual([]);
    expect(used.filter((k) => !en.te(k, 'en'))).toEqual([]);
  });

  it('has the same keys in both files, and no unused ones', () => {
    const zhKeys = keys(reportZh).sort();
    expect(keys(reportEn).sort()).toEqual(zhKeys);
    expect(zhKeys.filter((k) => !used.includes(k))).toEqual([]);
  });

  it('says nothing in Chinese in English', () => {
    const chinese = used.filter((k) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(en.t(k, {}, { locale: 'en' })));
    expect(chinese).toEqual([]);
  });
});
