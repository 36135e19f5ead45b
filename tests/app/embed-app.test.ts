// @vitest-environment happy-dom
/**
 * Embed mode on the real store: the URL's prefill reaches a new diagnosis without overwriting answers, the
 * bridge reports started/progress/completed to an allowed parent only, and a pack's programme is labelled with
 * its publisher in the report. The parent is a fake window whose postMessage is a spy.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { applyProgrammePack, diagnose, type Policy, type ProgrammePack } from '../../src/engine/index.ts';
import { loadKnowledgeBase, loadQuestionnaire } from '../../src/knowledge/browser.ts';
import { resetRuntimeConfig, defaultConfig } from '../../src/embed/config.ts';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { useView } from '../../src/composables/useView.ts';
import { checkResult } from '../../src/schemas/result.ts';
import { validateAppMessage } from '../../src/schemas/generated/embed-message.validator.js';
import PoliciesSection from '../../src/components/report/PoliciesSection.vue';
import exampleJson from '../../docs/examples/electronics-assembler.json';
import { freshPinia, makeI18n } from './harness.ts';

const PORTAL = 'https://portal.example.gov.cn';

afterEach(() => {
  resetRuntimeConfig(null);
  vi.restoreAllMocks();
});

describe('embed mode in the app', () => {
  it('prefills a new diagnosis, keeps given answers, and reports to the allowed parent only', async () => {
    const kb = await loadKnowledgeBase();
    const sector = kb.sectors.find((s) => s.id.length === 5)?.id as string;
    const province = kb.regions.find((r) => r.parent === undefined)?.id as string;
    window.history.replaceState(null, '', `/?embed=1&embedId=t1&prefill.sector=${sector}&prefill.province=${province}&prefill.company=ACME&prefill.bogus=1`);
    const config = defaultConfig();
    config.embed = { allowedOrigins: [PORTAL], shareResults: true, shareAnswers: false, logoOrigins: [] };
    resetRuntimeConfig(Promise.resolve({ status: 'loaded', config }));
    const postMessage = vi.fn<(m: unknown, origin: string) => void>();
    const parent = { postMessage };
    vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window);

    freshPinia();
    const store = useAssessmentStore();
    const { startEmbed } = await import('../../src/embed/app.ts');
    await startEmbed({ embed: true, debug: false });
    // No ancestorOrigins under happy-dom: silent until the parent's hello.
    expect(postMessage).not.toHaveBeenCalled();
    const hello = (origin: string, source: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data: { source: 'aimm-host', version: 1, type: 'hello', embedId: 't1' }, origin, source: source as Window }));
    hello('https://evil.example', parent);
    hello(PORTAL, window);
    expect(postMessage).not.toHaveBeenCalled();
    expect(document.documentElement.dataset.aimmIgnored).toBe('2');
    hello(PORTAL, parent);
    expect(postMessage.mock.calls.map(([m]) => (m as { type: string }).type)).toContain('ready');

    expect(await store.start('quick')).toBe(true);
    await flushPromises();
    await nextTick();
    expect(store.profile['sector']).toBe(sector);
    expect(store.profile['province']).toBe(province);
    expect(store.meta.company).toBe('ACME');

    // A prefill command after the user answered changes nothing the user gave.
    store.setAnswer('province', '44');
    window.dispatchEvent(new MessageEvent('message', { data: { source: 'aimm-host', version: 1, type: 'prefill', province, company: 'Other' }, origin: PORTAL, source: parent as unknown as Window }));
    await nextTick();
    expect(store.profile['province']).toBe('44');
    expect(store.meta.company).toBe('ACME');

    // Answer everything as the example does, then reach the report: completed, once.
    const example = exampleJson as unknown as { profile: Record<string, unknown>; answers: Record<string, unknown> };
    const q = await loadQuestionnaire('quick');
    for (const s of q.sections) for (const question of s.questions) {
      const value = (example.profile[question.id] ?? example.answers[question.id]) as never;
      if (value !== undefined && question.id !== 'sector' && question.id !== 'province') store.setAnswer(question.id, value);
    }
    await nextTick();
    expect(store.complete).toBe(true);
    const { go } = useView();
    go('report', { id: store.id });
    await nextTick();
    go('review', { id: store.id });
    await nextTick();
    go('report', { id: store.id });
    await flushPromises();
    await vi.waitFor(() => expect(store.diagnosis).not.toBeNull());
    await nextTick();

    const sent = postMessage.mock.calls;
    for (const [message, origin] of sent) {
      expect(origin).toBe(PORTAL);
      expect(validateAppMessage(message), JSON.stringify(validateAppMessage.errors)).toBe(true);
      expect(message).toMatchObject({ source: 'aimm', version: 1, embedId: 't1' });
    }
    const types = sent.map(([m]) => (m as { type: string }).type);
    expect(types).toContain('started');
    expect(types).toContain('progress');
    // A host that counts progress per diagnosis hears of the diagnosis first.
    expect(types.indexOf('started')).toBeLessThan(types.indexOf('progress'));
    expect(types.filter((t) => t === 'completed')).toHaveLength(1);
    const completed = sent.find(([m]) => (m as { type: string }).type === 'completed')?.[0] as { result: unknown; answers?: unknown };
    expect(checkResult(completed.result).ok).toBe(true);
    expect(completed.answers).toBeUndefined(); // shareAnswers is false
    const last = sent.filter(([m]) => (m as { type: string }).type === 'progress').at(-1)?.[0] as { answered: number; total: number };
    expect(last.answered).toBe(last.total);
    await store.flush();
  });
});

describe('programmes from a portal\'s pack in the report', () => {
  it('carry a small label naming the pack\'s publisher; built-in ones none', async () => {
    const kb = await loadKnowledgeBase();
    const q = await loadQuestionnaire('quick');
    const example = exampleJson as unknown as { profile: Record<string, unknown>; answers: Record<string, unknown> };
    const input = { profile: example.profile, answers: example.answers } as never;
    // A programme the built-in data already offers this company, copied under a new id into the pack.
    const offered = diagnose({ questionnaire: q, knowledgeBase: kb, answers: input }, { date: '2026-12-01' }).policies.find((p) => p.group === 'programme');
    const seed = kb.policies.find((p) => p.id === offered?.id) as Policy;
    const pack: ProgrammePack = {
      kind: 'programme-pack', id: 'p', version: '1.0.0', name: { 'zh-CN': '包', en: 'Pack' },
      publisher: { 'zh-CN': '某省门户', en: 'Provincial portal' }, records: [{ ...seed, id: 'portal-copy' }],
    };
    const merged = applyProgrammePack(kb, pack, 'add');
    const d = diagnose({ questionnaire: q, knowledgeBase: merged, answers: input }, { date: '2026-12-01' });
    expect(d.policies.map((p) => p.id)).toContain('portal-copy');
    const w = mount(PoliciesSection, { props: { policies: d.policies, before: null, knowledge: merged }, global: { plugins: [makeI18n('en')] } });
    const labels = w.findAll('[data-test="policy-pack"]');
    expect(labels).toHaveLength(1);
    expect(labels[0]?.text()).toBe('From the programme pack “Pack” (Provincial portal)');
    expect(w.find('[data-policy="portal-copy"] [data-test="policy-pack"]').exists()).toBe(true);
    w.unmount();
  });
});
