// @vitest-environment happy-dom
/**
 * The report on a phone: the table of contents at its top and the sections that a narrow screen shows as their
 * summary with "show more". Screen width comes from a matchMedia stand-in, as the app reads it (useMediaQuery).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { AnswersFile, Locale } from '../../src/engine/index.ts';
import { loadKnowledgeBase, loadQuestionnaire } from '../../src/knowledge/browser.ts';
import exampleJson from '../../docs/examples/electronics-assembler.json';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import ReportView from '../../src/views/ReportView.vue';
import { fixToday, freshPinia, makeI18n } from './harness.ts';

const example = exampleJson as unknown as AnswersFile;
beforeAll(async () => {
  // Warm the loaders once, so each test's report mounts quickly.
  await Promise.all([loadKnowledgeBase(), loadQuestionnaire('full')]);
});

/** A screen `width` px wide, for max-width/min-width queries; `resize` moves it and tells the listeners. */
function screenOf(width: number) {
  const queries: { query: string; listeners: ((e: { matches: boolean }) => void)[] }[] = [];
  const state = { width };
  const test = (query: string): boolean => {
    const max = /max-width:\s*(\d+)px/.exec(query);
    const min = /min-width:\s*(\d+)px/.exec(query);
    return (!max || state.width <= Number(max[1])) && (!min || state.width >= Number(min[1])) && !/reduce/.test(query);
  };
  window.matchMedia = ((query: string) => {
    const entry = { query, listeners: [] as ((e: { matches: boolean }) => void)[] };
    queries.push(entry);
    return {
      get matches() { return test(query); }, media: query,
      addEventListener: (_: string, cb: (e: { matches: boolean }) => void) => entry.listeners.push(cb),
      removeEventListener: () => undefined,
    };
  }) as unknown as typeof window.matchMedia;
  return {
    resize(next: number): void {
      state.width = next;
      for (const q of queries) for (const cb of q.listeners) cb({ matches: test(q.query) });
    },
  };
}

let wrapper: VueWrapper | null = null;
let opened: ReturnType<typeof useAssessmentStore> | null = null;
const realMatchMedia = window.matchMedia;
beforeEach(() => fixToday());
afterEach(async () => {
  await opened?.flush();
  opened = null;
  wrapper?.unmount();
  wrapper = null;
  window.matchMedia = realMatchMedia;
  localStorage.clear();
  vi.useRealTimers();
});

async function mountReport(locale: Locale = 'zh-CN'): Promise<VueWrapper> {
  const pinia = freshPinia();
  const store = useAssessmentStore();
  opened = store;
  expect(await store.start('full')).toBe(true);
  store.profile = { ...example.profile };
  store.answers = { ...example.answers };
  const mounted = mount(ReportView, { global: { plugins: [pinia, makeI18n(locale)] }, attachTo: document.body });
  wrapper = mounted;
  // The report draws in steps (summary first): aria-busy goes false once every section is there.
  await vi.waitFor(() => expect(mounted.find('article.report[aria-busy="false"]').exists()).toBe(true), { timeout: 10_000 });
  await flushPromises();
  return mounted;
}

describe('the table of contents', () => {
  it('links to every section by a stable id, in page order, and moves the focus to its heading without a route change', async () => {
    screenOf(360);
    const w = await mountReport();
    const links = w.findAll('[data-test="toc"] a');
    expect(links.length).toBeGreaterThanOrEqual(10);
    const ids = links.map((a) => (a.attributes('href') ?? '').replace(/^#/, ''));
    // Every link names a section present once, and the list follows the page.
    const positions = ids.map((id) => {
      const all = document.querySelectorAll(`[id="${id}"]`);
      expect(all.length, id).toBe(1);
      return [...document.querySelectorAll('[id^="report-"]')].indexOf(all[0] as Element);
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The labels are the section names of the chosen language, not ids.
    expect(links[0]?.text()).toBe('摘要');
    const before = window.location.hash;
    for (const [i, link] of links.entries()) {
      const target = document.getElementById(ids[i] as string) as HTMLElement;
      const scrolled = vi.fn();
      target.scrollIntoView = scrolled;
      await link.trigger('click');
      const focused = document.activeElement as HTMLElement;
      expect(target === focused || target.contains(focused), ids[i]).toBe(true);
      expect(focused.tagName, ids[i]).toMatch(/^H[23]$/);
      expect(focused.getAttribute('tabindex')).toBe('-1');
      expect(scrolled).toHaveBeenCalledOnce();
      expect(window.location.hash).toBe(before);
    }
  });

  it('speaks English in English', async () => {
    screenOf(1280);
    const w = await mountReport('en');
    expect(w.find('[data-test="toc"]').text()).toContain('In this report');
    expect(w.findAll('[data-test="toc"] a')[0]?.text()).toBe('Summary');
  });
});

describe('sections on a narrow screen', () => {
  it('start as their summary, each with a "展开全部" button that controls its section and opens it', async () => {
    screenOf(360);
    const w = await mountReport();
    const wrappers = w.findAll('[data-collapsible]');
    expect(wrappers.length).toBeGreaterThanOrEqual(8);
    for (const c of wrappers) {
      expect(c.attributes('data-collapsed')).toBe('');
      const button = c.find('[data-test="collapse-toggle"]');
      expect(button.attributes('aria-expanded')).toBe('false');
      const controlled = document.getElementById(button.attributes('aria-controls') ?? '');
      // The button controls the section it follows, which has a heading that names it.
      expect(controlled && c.element.contains(controlled)).toBe(true);
      expect(controlled?.querySelector('h2')).not.toBeNull();
      expect(button.text()).toContain('展开全部');
    }
    const first = wrappers[0]!;
    const button = first.find('[data-test="collapse-toggle"]');
    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(first.attributes('data-collapsed')).toBeUndefined();
    expect(button.text()).toContain('收起');
    // Only that one opened.
    expect(wrappers.slice(1).every((c) => c.attributes('data-collapsed') === '')).toBe(true);
    await button.trigger('click');
    expect(first.attributes('data-collapsed')).toBe('');
  });

  it('are whole, without buttons, on a wide screen, and follow the screen when it turns', async () => {
    const screen = screenOf(1280);
    const w = await mountReport('en');
    expect(w.findAll('[data-collapsed]')).toHaveLength(0);
    expect(w.findAll('[data-test="collapse-toggle"]')).toHaveLength(0);
    screen.resize(360);
    await flushPromises();
    const buttons = w.findAll('[data-test="collapse-toggle"]');
    expect(buttons.length).toBeGreaterThanOrEqual(8);
    expect(buttons[0]?.text()).toContain('Show more');
    screen.resize(800);
    await flushPromises();
    expect(w.findAll('[data-collapsed]')).toHaveLength(0);
  });
});
