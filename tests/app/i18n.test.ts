import { describe, expect, it } from 'vitest';
import { initialLocale } from '../../src/i18n/index.ts';
import zh from '../../src/i18n/locales/zh-CN.json';
import en from '../../src/i18n/locales/en.json';
import reportZh from '../../src/i18n/locales/report.zh-CN.json';
import reportEn from '../../src/i18n/locales/report.en.json';
import embedZh from '../../src/i18n/locales/embed.zh-CN.json';
import embedEn from '../../src/i18n/locales/embed.en.json';

/** Message keys; a compiled message (a function, or an AST node with a `type`) is a leaf. */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'function') return [prefix];
  if (typeof obj !== 'object' || obj === null || 'type' in obj) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('languages', () => {
  it('?lang=en chooses English, and Chinese is the default', () => {
    expect(initialLocale('?lang=en')).toBe('en');
    expect(initialLocale('?lang=en-US')).toBe('en');
    expect(initialLocale('?lang=zh-CN')).toBe('zh-CN');
    expect(initialLocale('')).toBe('zh-CN');
    expect(initialLocale('?lang=xx')).toBe('zh-CN');
  });

  it('both languages have exactly the same message keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    expect(keys(reportEn).sort()).toEqual(keys(reportZh).sort());
    expect(keys(embedEn).sort()).toEqual(keys(embedZh).sort());
  });
});
