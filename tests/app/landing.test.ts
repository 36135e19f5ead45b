// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { freshPinia, makeI18n } from './harness.ts';
import LandingView from '../../src/views/LandingView.vue';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { useWorkspaceStore } from '../../src/stores/workspace.ts';
import { MemoryBackend } from '../../src/persistence/index.ts';
import legacyDraft from '../fixtures/legacy/complete-quick-draft-2.0.json';
import legacyDraft1x from '../fixtures/legacy/complete-quick-draft.json';
import { useView } from '../../src/composables/useView.ts';
import type { Questionnaire } from '../../src/engine/index.ts';
import quick from '../../questionnaires/quick.json';
import full from '../../questionnaires/full.json';
import example from '../../docs/examples/electronics-assembler.json';

let backend = new MemoryBackend(true);
function mountLanding(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = freshPinia(backend);
  const wrapper = mount(LandingView, { global: { plugins: [pinia, makeI18n(locale)] }, attachTo: document.body });
  return { wrapper, store: useAssessmentStore() };
}

async function pickFile(wrapper: ReturnType<typeof mountLanding>['wrapper'], text: string): Promise<void> {
  const input = wrapper.find('input[type="file"]');
  const file = new File([text], 'answers.json', { type: 'application/json' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await vi.waitFor(async () => {
    await flushPromises();
    expect(useAssessmentStore().loading).toBe(false);
  });
  await new Promise((r) => setTimeout(r, 20));
  await flushPromises();
}

/** Questions every company sees (conditional ones aside). */
const questionCount = (q: unknown): number =>
  (q as Questionnaire).sections.reduce((n, s) => n + s.questions.filter((x) => x.visibleIf === undefined).length, 0);
/** Every question, conditional ones included: the most a company can be asked ("about N"). */
const allQuestions = (q: unknown): number => (q as Questionnaire).sections.reduce((n, s) => n + s.questions.length, 0);

describe('landing screen', () => {
  beforeEach(() => {
    localStorage.clear();
    backend = new MemoryBackend(true);
  });
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('offers both depths with honest durations and says that answers stay in the browser', () => {
    const { wrapper } = mountLanding();
    const text = wrapper.text();
    expect(text).toContain('开始快速扫描');
    expect(text).toContain('开始完整诊断');
    // The quick scan asks everyone its unconditional questions, and the optional city only in a province with city
    // programmes: the range is exact. The durations are the files' own.
    expect(allQuestions(quick) - questionCount(quick)).toBe(1);
    expect(text).toContain(`约 ${quick.estimatedMinutes} 分钟 · ${questionCount(quick)}–${allQuestions(quick)} 题`);
    expect(text).toContain(`约 ${full.estimatedMinutes} 分钟 · 约 ${allQuestions(full)} 题`);
    expect(text).toContain('不上传');
    expect(wrapper.find('[role="region"]').exists()).toBe(false);
  });

  it('offers to continue an open diagnosis, with the count of answered questions out of all', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    await first.store.flush();
    first.wrapper.unmount();

    const { wrapper, store } = mountLanding('en');
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').exists()).toBe(true));
    const region = wrapper.find('[role="region"]');
    expect(region.text()).toContain('Quick scan');
    // The sector answers the industry type too: 2 of the 15 questions.
    expect(region.text()).toContain(`2 of ${questionCount(quick)} answered`);
    await region.findAll('button')[0]?.trigger('click');
    await vi.waitFor(() => expect(useView().view.value).toBe('questions'));
    expect(store.profile['sector']).toBe('C33');
  });

  it('a new diagnosis never touches another one', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    await first.store.flush();
    const firstId = first.store.id;
    first.wrapper.unmount();
    const { wrapper, store } = mountLanding();
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').exists()).toBe(true));
    await wrapper.findAll('button').find((b) => b.text() === '开始完整诊断')?.trigger('click');
    await vi.waitFor(() => expect(store.questionnaire?.id).toBe('aimm-full'));
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false);
    expect(store.profile['sector']).toBeUndefined();
    expect(store.id).not.toBe(firstId);
    expect(((await backend.get(firstId ?? '')) as { file: { profile: Record<string, string> } }).file.profile['sector']).toBe('C33');
    expect(useWorkspaceStore().active).toHaveLength(2);
  });

  it('takes a finished quick scan on into the full diagnosis with its answers', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    const maturity = first.store.visible.find((q) => q.section.kind === 'maturity');
    if (!maturity) throw new Error('no maturity question');
    first.store.setAnswer('sector', 'C33');
    first.store.setAnswer(maturity.question.id, 'l2');
    await first.store.flush();
    first.wrapper.unmount();

    const { wrapper, store } = mountLanding();
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').exists()).toBe(true));
    await wrapper.findAll('button').find((b) => b.text().startsWith('接着做完整诊断'))?.trigger('click');
    await vi.waitFor(() => expect(store.questionnaire?.id).toBe('aimm-full'));
    expect(store.profile['sector']).toBe('C33');
    expect(store.answers[maturity.question.id]).toBe('l2');
    expect(useView().view.value).toBe('questions');
  });

  it('migrates a complete draft of the single-draft version: every answer carried, the new city question open', async () => {
    localStorage.setItem('aimm:draft', JSON.stringify(legacyDraft));
    const { wrapper } = mountLanding();
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').exists()).toBe(true));
    // Counted by the engine once the summary is computed, not by the stored keys. The draft (Guangdong) was
    // complete for 2.0; 2.1 adds the optional city for a province with city programmes, so one is open.
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').text()).toContain(`${questionCount(quick)} / ${questionCount(quick) + 1} 题`));
    expect(localStorage.getItem('aimm:draft')).toBeNull();
    await wrapper.findAll('button').find((b) => b.text() === '从上次停下的地方继续')?.trigger('click');
    await vi.waitFor(() => expect(useView().view.value).toBe('questions'));
    const store = useAssessmentStore();
    await vi.waitFor(() => expect(store.meta.company).toBe('华南精密五金有限公司'));
    expect(store.profile['city']).toBeUndefined();
    expect(store.profile['province']).toBe('44');
  });

  it('migrates a complete draft of questionnaire 1.x: what still fits carries over, the rest is listed', async () => {
    localStorage.setItem('aimm:draft', JSON.stringify(legacyDraft1x));
    const { wrapper } = mountLanding();
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').exists()).toBe(true));
    const kept = Object.keys(legacyDraft1x.file.answers).filter((id) => (quick as unknown as Questionnaire).sections.some((s) => s.questions.some((q) => q.id === id)));
    const profile = Object.keys(legacyDraft1x.file.profile).length;
    // …and the industry type, which the sector answers when left alone.
    // The draft's province (Guangdong) has city programmes, so the optional city question is shown too.
    expect(legacyDraft1x.file.profile.province).toBe('44');
    await vi.waitFor(() => expect(wrapper.find('[role="region"]').text()).toContain(`${kept.length + profile + 1} / ${questionCount(quick) + 1} 题`));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(Object.keys(legacyDraft1x.file.answers).length);
    expect(localStorage.getItem('aimm:draft')).toBeNull();
  });

  it('keeps a damaged draft of the single-draft version aside, and says so', async () => {
    localStorage.setItem('aimm:draft', '{ not json');
    const { wrapper } = mountLanding();
    const workspace = useWorkspaceStore();
    await workspace.init();
    await flushPromises();
    expect(workspace.notices.map((n) => n.kind)).toContain('set-aside');
    expect(workspace.aside.map((a) => a.text)).toContain('{ not json');
    expect(wrapper.find('[role="region"]').exists()).toBe(false);
  });

  it('imports an answers file as a new diagnosis beside the others and goes to the workspace', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    await first.store.flush();
    first.wrapper.unmount();
    const { wrapper } = mountLanding();
    await pickFile(wrapper, JSON.stringify(example));
    await vi.waitFor(() => expect(useView().view.value).toBe('workspace'));
    const workspace = useWorkspaceStore();
    expect(workspace.active).toHaveLength(2);
    expect(workspace.active.map((r) => r.file.profile['sector']).sort()).toEqual(['C33', example.profile.sector].sort());
  });

  it('refuses a wrong import file with every problem and its place, in the user language', async () => {
    const { wrapper } = mountLanding('en');
    const broken = { ...example, profile: { ...example.profile, employees: -5 }, answers: { ...example.answers, 'fm-programs': 'l9', 'em-production-plan': 'l8' } };
    await pickFile(wrapper, JSON.stringify(broken));
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true));
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('This file cannot be imported');
    expect(alert.text()).toContain('answers.fm-programs: has no option "l9"');
    expect(alert.text()).toContain('answers.em-production-plan: has no option "l8"');
    expect(alert.text()).toContain('profile.employees: must be 1–1000000 (got -5)');
    expect(useWorkspaceStore().active).toHaveLength(0);
  });
});
