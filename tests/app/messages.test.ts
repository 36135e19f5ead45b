/**
 * Every message the app's screens use exists in both languages; the workspace's files hold the same keys;
 * English says nothing in Chinese. (The report's own messages are checked in report-i18n.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import workspaceZh from '../../src/i18n/locales/workspace.zh-CN.json';
import workspaceEn from '../../src/i18n/locales/workspace.en.json';
import { makeI18n } from './harness.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'engine' || name === 'generated' ? [] : files(path);
    return /\.(vue|ts)$/.test(name) ? [path] : [];
  });
}
const NAMESPACES = /^(app|landing|depth|problem|question|questions|review|toast|workspace|compare|shared|share)\./;
const used = [...new Set(files(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g)].map((m) => m[1] as string)))]
  .filter((k) => NAMESPACES.test(k))
  .sort();

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'function' || typeof obj !== 'object' || obj === null || 'type' in obj) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

interface Messages {
  t(key: string, named?: Record<string, unknown>, options?: { locale: string }): string;
  te(key: string, locale?: string): boolean;
}
const zh = makeI18n('zh-CN').global as unknown as Messages;
const en = makeI18n('en').global as unknown as Messages;

describe('app messages', () => {
  it('finds the keys the screens use, the workspace\'s among them', () => {
    expect(used.filter((k) => k.startsWith('workspace.')).length).toBeGreaterThan(30);
    expect(used).toContain('toast.undo');
  });

  it('has every key used, in both languages', () => {
    expect(used.filter((k) => !zh.te(k, 'zh-CN'))).toEqual([]);
    expect(used.filter((k) => !en.te(k, 'en'))).toEqual([]);
  });

  it('the workspace files hold the same keys', () => {
    expect(keys(workspaceEn).sort()).toEqual(keys(workspaceZh).sort());
  });

  it('says nothing in Chinese in English', () => {
    const all = keys(workspaceEn);
    const chinese = [...used, ...all].filter((k) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(en.t(k, { n: 2, total: 3 }, { locale: 'en' })));
    expect(chinese).toEqual([]);
  });
});
