// @vitest-environment happy-dom
/**
 * The printed report's running header and footer (print.css @page margin boxes) read their texts from custom
 * properties the cover sets on the root element: quoted CSS strings, in the report's language, from the
 * company, the consultant's branding and the report date; taken away when the report closes.
 * (tests/e2e/print.test.ts checks that they reach every printed page.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { AnswersFile, Locale } from '../../src/engine/index.ts';
import exampleJson from '../../docs/examples/electronics-assembler.json';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { BRANDING_KEY, useBrandingStore } from '../../src/stores/branding.ts';
import ReportView from '../../src/views/ReportView.vue';
import { fixToday, freshPinia, makeI18n } from './harness.ts';

const example = exampleJson as unknown as AnswersFile;
let wrapper: VueWrapper | null = null;
/** The Pinia the report was mounted with. */
let reportPinia: ReturnType<typeof freshPinia> | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  localStorage.clear();
});

async function mountReport(locale: Locale, company: string): Promise<VueWrapper> {
  fixToday();
  const pinia = freshPinia();
  reportPinia = pinia;
  const store = useAssessmentStore();
  expect(await store.start('full')).toBe(true);
  store.profile = { ...example.profile };
  store.answers = { ...example.answers };
  store.setMeta({ company });
  const mounted = mount(ReportView, { global: { plugins: [pinia, makeI18n(locale)] }, attachTo: document.body });
  wrapper = mounted;
  // The report's messages load on mount (a dynamic import the first time).
  // The report draws in steps (summary first): aria-busy goes false once every section is there.
  await vi.waitFor(() => expect(mounted.find('article.report[aria-busy="false"]').exists()).toBe(true), { timeout: 10_000 });
  await flushPromises();
  return mounted;
}

const root = (name: string): string => document.documentElement.style.getPropertyValue(`--aimm-print-${name}`).trim();

describe('running header and footer of the printed report', () => {
  it('names the client, the consultant and the pages in English, as CSS strings', async () => {
    localStorage.setItem(BRANDING_KEY, JSON.stringify({ name: 'Li Wei', organization: 'Pearl "River" Consulting' }));
    const view = await mountReport('en', 'Acme \\ Tools\nLtd');
    // A quote, a backslash and a line break in the data cannot break out of the CSS string.
    expect(JSON.parse(root('client'))).toBe('Acme \\ Tools Ltd');
    expect(JSON.parse(root('consultant'))).toBe('Prepared by Li Wei · Pearl "River" Consulting');
    expect(JSON.parse(root('date'))).toMatch(/^Report of \w+ \d+, \d{4}$/);
    expect([JSON.parse(root('page-before')), JSON.parse(root('page-between')), JSON.parse(root('page-after'))]).toEqual(['Page ', ' of ', '']);
    expect(root('logo')).toBe('none');
    // The cover says who prepared it, not "self-diagnosis".
    expect(view.find('[data-test="kicker"]').text()).toContain('prepared by Li Wei');
    expect(view.find('[data-test="kicker"]').text()).not.toMatch(/self-diagnosis/);
    view.unmount();
    wrapper = null;
    expect(root('client')).toBe('');
  });

  it('speaks Chinese in a Chinese report, and a self-diagnosis says so without a consultant', async () => {
    const view = await mountReport('zh-CN', '甲公司');
    expect(JSON.parse(root('client'))).toBe('甲公司');
    expect(JSON.parse(root('consultant'))).toBe('“人工智能+制造”成熟度诊断');
    expect(JSON.parse(root('date'))).toMatch(/^报告日期：\d{4}年\d+月\d+日$/);
    expect([JSON.parse(root('page-before')), JSON.parse(root('page-between')), JSON.parse(root('page-after'))]).toEqual(['第 ', ' 页，共 ', ' 页']);
    expect(view.find('[data-test="kicker"]').text()).toContain('自我诊断');
    // Branding set later is taken up at once.
    // The report's own store: a callback left over from an earlier test may have made another Pinia the active one.
  useBrandingStore(reportPinia).set({ name: '王芳' });
    await flushPromises();
    expect(JSON.parse(root('consultant'))).toBe('由 王芳 编制');
    expect(view.find('[data-test="kicker"]').text()).toContain('由 王芳 编制');
  });
});
