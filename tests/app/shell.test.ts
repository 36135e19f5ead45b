// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { showsShell, type PageLoad } from '../../src/shell/shows.ts';
import { renderShell } from '../../src/shell/render.ts';
import { startApp } from '../../src/start.ts';
import { parseHash } from '../../src/composables/address.ts';
import { chooseLocale } from '../../src/i18n/locale.ts';
import { pageFlags } from '../../src/embed/mode.ts';
import { defaultConfig, resetRuntimeConfig } from '../../src/embed/config.ts';
import { MemoryBackend, Repository, useRepository } from '../../src/persistence/index.ts';
import { createSafeStorage } from '../../src/composables/safeStorage.ts';
import { i18n, setLocale } from '../../src/i18n/index.ts';

const load = (over: Partial<PageLoad> = {}): PageLoad => ({ search: '', hash: '', storedLocale: null, framed: false, ...over });

describe('the static shell shows only where the app starts on the Chinese landing page', () => {
  it('shows for a first visit, the home address and an in-page anchor', () => {
    for (const hash of ['', '#', '#/', '#main']) expect(showsShell(load({ hash })), hash).toBe(true);
    expect(showsShell(load({ search: '?lang=zh' }))).toBe(true);
    expect(showsShell(load({ storedLocale: 'zh-CN' }))).toBe(true);
  });

  it('hides for another screen, English, a frame, embed mode and the operator notices', () => {
    for (const hash of ['#/workspace', '#/d/abc/report', '#/questions/q1', '#/compare/a/b', '#/s/xyz']) expect(showsShell(load({ hash })), hash).toBe(false);
    expect(showsShell(load({ search: '?lang=en' }))).toBe(false);
    expect(showsShell(load({ search: '?lang=en-GB' }))).toBe(false);
    expect(showsShell(load({ storedLocale: 'en' }))).toBe(false);
    expect(showsShell(load({ framed: true }))).toBe(false);
    expect(showsShell(load({ search: '?embed=1' }))).toBe(false);
    expect(showsShell(load({ search: '?debug=1' }))).toBe(false);
  });

  it('never shows where the app would draw anything but the Chinese landing page in a top window', () => {
    const hash = fc.oneof(fc.constantFrom('', '#/', '#main', '#/workspace', '#/d/x1/questions/q', '#/s/abc', '#/report', '#/compare/a/b'), fc.string().map((s) => `#${s}`));
    const search = fc.record({ lang: fc.constantFrom(null, 'en', 'zh-CN', 'zh', 'EN-us', 'xx'), embed: fc.constantFrom(null, '1', '0'), debug: fc.constantFrom(null, '1') })
      .map((q) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(q) as [string, string | null][]) if (v !== null) params.set(k, v);
        return `?${params.toString()}`;
      });
    fc.assert(fc.property(hash, search, fc.constantFrom(null, 'en', 'zh-CN', 'fr'), fc.boolean(), (h, s, stored, framed) => {
      // What the app reads at start-up, with the app's own functions.
      const landing = (parseHash(h)?.view ?? 'landing') === 'landing';
      const flags = pageFlags(s);
      const appDrawsChineseLanding = landing && chooseLocale(s, stored) === 'zh-CN' && !framed && !flags.embed && !flags.debug;
      expect(showsShell({ hash: h, search: s, storedLocale: stored, framed })).toBe(appDrawsChineseLanding);
    }), { numRuns: 300 });
  });
});

describe('the start-up guard in the page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.documentElement.removeAttribute('data-shell');
    location.hash = '';
  });

  it('survives a storage that throws (a blocked frame), deciding as the app does without a remembered language', async () => {
    vi.stubGlobal('localStorage', { getItem: () => { throw new DOMException('blocked', 'SecurityError'); } });
    vi.resetModules();
    await import('../../src/shell/guard.ts');
    expect(document.documentElement.hasAttribute('data-shell')).toBe(false);
    location.hash = '#/workspace';
    vi.resetModules();
    await import('../../src/shell/guard.ts');
    expect(document.documentElement.getAttribute('data-shell')).toBe('off');
  });
});

describe('the app takes the pre-rendered landing page over', () => {
  let container: HTMLElement;
  beforeEach(async () => {
    useRepository(new Repository(new MemoryBackend(true), createSafeStorage()));
    resetRuntimeConfig(Promise.resolve({ status: 'missing', config: defaultConfig() }));
    await setLocale('zh-CN');
    container = document.createElement('div');
    container.id = 'app';
    document.body.append(container);
  });
  afterEach(() => {
    container.remove();
    document.documentElement.removeAttribute('data-shell');
    resetRuntimeConfig();
    useRepository(null);
  });

  it('renders the landing page in Chinese with its start buttons busy, and no inline style (strict CSP)', async () => {
    const html = await renderShell();
    container.innerHTML = html;
    expect(container.querySelector('h1')?.textContent).toBe(i18n.global.t('landing.title'));
    const starts = [...container.querySelectorAll('ul.depths button')] as HTMLButtonElement[];
    expect(starts).toHaveLength(2);
    expect(starts.every((b) => b.disabled)).toBe(true);
    expect(container.querySelector('header a.brand')?.textContent).toBe('AI+制造 成熟度诊断');
  });

  it('keeps the painted elements (hydration, no redraw), without a mismatch, and comes alive', async () => {
    container.innerHTML = await renderShell();
    const lead = container.querySelector('p.lead');
    const h1 = container.querySelector('h1');
    expect(lead).not.toBeNull();
    await startApp(container, true);
    await vi.waitFor(() => expect([...container.querySelectorAll('ul.depths button')].every((b) => !(b as HTMLButtonElement).disabled)).toBe(true));
    // The very nodes the browser painted are still there: the app did not draw the page again.
    expect(container.querySelector('p.lead')).toBe(lead);
    expect(container.querySelector('h1')).toBe(h1);
    // Live: the language switch re-renders the taken-over page.
    (container.querySelector('button[lang="en"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('en'));
    const englishTitle = i18n.global.t('landing.title');
    expect(englishTitle).toMatch(/factory/);
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe(englishTitle));
    await setLocale('zh-CN');
  });

  it('draws itself when the guard hid the shell, and lifts the guard’s mark', async () => {
    container.innerHTML = await renderShell();
    const lead = container.querySelector('p.lead');
    document.documentElement.setAttribute('data-shell', 'off');
    await startApp(container, false);
    await vi.waitFor(() => expect(container.querySelector('p.lead')).not.toBeNull());
    expect(container.querySelector('p.lead')).not.toBe(lead);
    expect(container.querySelectorAll('h1')).toHaveLength(1);
    expect(document.documentElement.hasAttribute('data-shell')).toBe(false);
  });
});
