// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { freshPinia, makeI18n } from './harness.ts';
import LandingView from '../../src/views/LandingView.vue';
import { DRAFT_KEY, useAssessmentStore } from '../../src/stores/assessment.ts';
import { useView } from '../../src/composables/useView.ts';
import type { Questionnaire } from '../../src/engine/index.ts';
import quick from '../../questionnaires/quick.json';
import full from '../../questionnaires/full.json';
import example from '../../docs/examples/electronics-assembler.json';

function mountLanding(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = freshPinia();
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
  await flushPromises();
}

/** Questions every company sees (conditional ones aside). */
const questionCount = (q: unknown): number =>
  (q as Questionnaire).sections.reduce((n, s) => n + s.questions.filter((x) => x.visibleIf === undefined).length, 0);
/** Every question, conditional ones included: the most a company can be asked ("about N"). */
const allQuestions = (q: unknown): number => (q as Questionnaire).sections.reduce((n, s) => n + s.questions.length, 0);

describe('landing screen', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('offers both depths with honest durations and says that answers stay in the browser', () => {
    const { wrapper } = mountLanding();
    const text = wrapper.text();
    expect(text).toContain('开始快速扫描');
    expect(text).toContain('开始完整诊断');
    // The quick scan has no conditional questions: everyone gets exactly its count. The durations are the files' own.
    expect(questionCount(quick)).toBe(allQuestions(quick));
    expect(text).toContain(`约 ${quick.estimatedMinutes} 分钟 · ${questionCount(quick)} 题`);
    expect(text).toContain(`约 ${full.estimatedMinutes} 分钟 · 约 ${allQuestions(full)} 题`);
    expect(text).toContain('不上传');
    expect(wrapper.find('[role="region"]').exists()).toBe(false);
  });

  it('offers to continue a saved draft and continues it', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    first.wrapper.unmount();

    const { wrapper, store } = mountLanding('en');
    const region = wrapper.find('[role="region"]');
    expect(region.text()).toContain('Quick scan');
    expect(region.text()).toContain('one answer');
    await region.findAll('button')[0]?.trigger('click');
    await vi.waitFor(() => expect(useView().view.value).toBe('questions'));
    expect(store.profile['sector']).toBe('C33');
  });

  it('asks in the page before a new diagnosis replaces the draft, and keeps it when the user says no', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    first.wrapper.unmount();
    const { wrapper, store } = mountLanding();
    const button = (label: string) => wrapper.findAll('button').find((b) => b.text() === label);
    await button('开始完整诊断')?.trigger('click');
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('覆盖未完成的草稿');
    expect(document.activeElement?.textContent).toBe('覆盖并开始');
    await button('保留草稿')?.trigger('click');
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false);
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY) ?? '{}').file.profile.sector).toBe('C33');

    await button('开始完整诊断')?.trigger('click');
    await button('覆盖并开始')?.trigger('click');
    await vi.waitFor(() => expect(store.questionnaire?.id).toBe('aimm-full'));
    expect(store.profile['sector']).toBeUndefined();
    expect(useView().view.value).toBe('questions');
  });

  it('takes a finished quick scan on into the full diagnosis with its answers', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    const maturity = first.store.visible.find((q) => q.section.kind === 'maturity');
    if (!maturity) throw new Error('no maturity question');
    first.store.setAnswer('sector', 'C33');
    first.store.setAnswer(maturity.question.id, 'l2');
    first.wrapper.unmount();

    const { wrapper, store } = mountLanding();
    await wrapper.findAll('button').find((b) => b.text().startsWith('接着做完整诊断'))?.trigger('click');
    await vi.waitFor(() => expect(store.questionnaire?.id).toBe('aimm-full'));
    expect(store.profile['sector']).toBe('C33');
    expect(store.answers[maturity.question.id]).toBe('l2');
    expect(useView().view.value).toBe('questions');
  });

  it('says clearly when the saved draft is damaged', () => {
    localStorage.setItem(DRAFT_KEY, '{ not json');
    const { wrapper } = mountLanding();
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('草稿已损坏');
    expect(localStorage.getItem('aimm:draft:damaged')).toBe('{ not json');
  });

  it('asks before an import replaces a draft', async () => {
    const first = mountLanding();
    await first.store.start('quick');
    first.store.setAnswer('sector', 'C33');
    first.wrapper.unmount();
    const { wrapper, store } = mountLanding();
    await pickFile(wrapper, JSON.stringify(example));
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('覆盖未完成的草稿');
    expect(store.profile['sector']).toBeUndefined();
    await wrapper.findAll('button').find((b) => b.text() === '覆盖并开始')?.trigger('click');
    await vi.waitFor(() => expect(store.profile['sector']).toBe(example.profile.sector));
  });

  it('imports an answers file and goes to the review', async () => {
    const { wrapper, store } = mountLanding();
    await pickFile(wrapper, JSON.stringify(example));
    expect(store.problem).toBeNull();
    expect(store.profile['sector']).toBe(example.profile.sector);
    expect(useView().view.value).toBe('review');
  });

  it('refuses a wrong import file with the place of the problem, in the user language', async () => {
    const { wrapper, store } = mountLanding('en');
    const broken = { ...example, answers: { ...example.answers, 'fm-programs': 'l9' } };
    await pickFile(wrapper, JSON.stringify(broken));
    expect(store.problem?.kind).toBe('import');
    await flushPromises();
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('This file cannot be imported');
    expect(alert.text()).toContain('answers.fm-programs: has no option "l9"');
  });
});
