// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { freshPinia, makeI18n } from './harness.ts';
import QuestionnaireView from '../../src/views/QuestionnaireView.vue';
import ReviewView from '../../src/views/ReviewView.vue';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { useWorkspaceStore } from '../../src/stores/workspace.ts';
import { MemoryBackend } from '../../src/persistence/index.ts';
import { useView } from '../../src/composables/useView.ts';

// A view left mounted keeps reacting to the shared address; each test gets only its own.
enableAutoUnmount(afterEach);

async function startQuick(backend = new MemoryBackend(true)) {
  const pinia = freshPinia(backend);
  const store = useAssessmentStore();
  expect(await store.start('quick')).toBe(true);
  return { pinia, store };
}

/** happy-dom's own window: its viewport decides the media queries (one question per page below 768 px). */
function setViewport(width: number): void {
  (window as unknown as { happyDOM: { setViewport: (v: { width: number; height: number }) => void } }).happyDOM.setViewport({ width, height: 800 });
}

function mountView(component: typeof QuestionnaireView | typeof ReviewView, pinia: ReturnType<typeof freshPinia>, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(component, { global: { plugins: [pinia, makeI18n(locale)] }, attachTo: document.body });
}

describe('questionnaire screen', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
    setViewport(360);
    // The address is shared state: each test starts from the landing page.
    useView().go('landing', { replace: true });
  });

  it('shows a whole section per page on a wide screen', async () => {
    setViewport(1280);
    const { pinia, store } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const firstSection = store.visible.filter((q) => q.section.id === store.visible[0]?.section.id);
    expect(wrapper.findAll('fieldset.question')).toHaveLength(firstSection.length);
    // Nothing left pending for the next test to replay.
    await store.flush();
  });

  it('shows one question per page on a phone, finds a sector by code and autosaves it', async () => {
    const { pinia, store } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    expect(wrapper.findAll('fieldset.question')).toHaveLength(1);
    expect(wrapper.text()).toContain(store.questionnaire?.sections[0]?.questions[0]?.text['zh-CN']);

    // A division's code lists the division first, then every group and class under it.
    await wrapper.find('input[type="search"]').setValue('39');
    const listed = wrapper.findAll('input[type="radio"]').map((r) => r.attributes('value'));
    expect(listed[0]).toBe('C39');
    expect(listed.every((id) => id?.startsWith('C39'))).toBe(true);
    expect(listed).toHaveLength(store.questionKnowledge?.sectors.filter((s) => s.id.startsWith('C39')).length ?? -1);
    expect(listed.length).toBeGreaterThan(1);
    // A class's full code finds that class alone.
    await wrapper.find('input[type="search"]').setValue('3990');
    const radios = wrapper.findAll('input[type="radio"]');
    expect(radios.length).toBe(1);
    await radios[0]?.setValue(true);
    expect(store.profile['sector']).toBe('C3990');
    expect(wrapper.text()).toContain('劳动密集型');
    expect(wrapper.find('[data-test="save-state"]').text()).toBe('正在保存…');
    await store.flush();
    await flushPromises();
    const stored = (await useWorkspaceStore().repository()).get(store.id ?? '');
    expect((await stored)?.file.profile['sector']).toBe('C3990');
    expect(wrapper.find('[data-test="save-state"]').text()).toMatch(/已自动保存/);
  });

  it('asks for the province from the provinces only, not the cities the programmes name', async () => {
    setViewport(1280);
    const { pinia, store } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const options = wrapper.findAll('select option').map((o) => o.attributes('value')).filter((v) => v);
    const provinces = store.questionKnowledge?.regions.filter((r) => r.parent === undefined).map((r) => r.id) ?? [];
    expect(options).toEqual(provinces);
    expect(options).toHaveLength(34);
    expect(options).not.toContain('4419');
    await store.flush();
  });

  it('asks for the city only in a province with city programmes, listing its cities and "another city"', async () => {
    setViewport(1280);
    const { pinia, store } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    expect(wrapper.findAll('select')).toHaveLength(1);
    await wrapper.findAll('select')[0]?.setValue('44');
    await flushPromises();
    const selects = wrapper.findAll('select');
    expect(selects).toHaveLength(2);
    const cities = store.questionKnowledge?.regions.filter((r) => r.parent === '44').map((r) => r.id) ?? [];
    expect(cities.length).toBeGreaterThan(0);
    const listed = selects[1]?.findAll('option').map((o) => o.attributes('value')).filter((v) => v) ?? [];
    expect(listed).toEqual([...cities, 'other']);
    expect(selects[1]?.text()).toContain('东莞市');
    expect(selects[1]?.text()).toContain('其他城市');
    await selects[1]?.setValue('4419');
    expect(store.profile['city']).toBe('4419');
    // A province whose cities run no programme of their own: no city question.
    const withoutCities = store.knowledge?.regions.find((r) => r.parent === undefined && !store.knowledge?.regions.some((c) => c.parent === r.id))?.id ?? '';
    await wrapper.findAll('select')[0]?.setValue(withoutCities);
    await flushPromises();
    expect(wrapper.findAll('select')).toHaveLength(1);
    await store.flush();
  });

  it('searches sectors by Chinese and English names too', async () => {
    const { pinia } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const found = () => wrapper.findAll('input[type="radio"]').map((r) => r.attributes('value') ?? '');
    // The division whose name holds the word comes first; its classes that hold it follow, and nothing else.
    await wrapper.find('input[type="search"]').setValue('汽车');
    expect(found()[0]).toBe('C36');
    expect(found().filter((id) => !id.startsWith('C36'))).toEqual([]);
    await wrapper.find('input[type="search"]').setValue('textile');
    expect(wrapper.findAll('input[type="radio"]').map((r) => r.attributes('value'))).toContain('C17');
  });

  it('finds a sector by the everyday word an owner would type', async () => {
    const { pinia } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const found = () => wrapper.findAll('input[type="radio"]').map((r) => r.attributes('value') ?? '');
    await wrapper.find('input[type="search"]').setValue('五金');
    expect(found()[0]).toBe('C33');
    expect(found().filter((id) => !id.startsWith('C33'))).toEqual([]);
    await wrapper.find('input[type="search"]').setValue('plastics');
    expect(found()[0]).toBe('C29');
    expect(found().filter((id) => !id.startsWith('C29'))).toEqual([]);
    // The example company's words find its class first.
    await wrapper.find('input[type="search"]').setValue('电子组装');
    expect(found()[0]).toBe('C3990');
  });

  it('goes on with Next and with Enter, and back with Back, remembering the position', async () => {
    const { pinia, store } = await startQuick();
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const first = wrapper.find('legend').text();
    await wrapper.find('[data-test="next"]').trigger('click');
    const second = wrapper.find('legend').text();
    expect(second).not.toBe(first);
    expect(store.position).toBe(store.visible[1]?.question.id);
    await wrapper.find('fieldset input[type="radio"]').trigger('keydown', { key: 'Enter' });
    expect(store.position).toBe(store.visible[2]?.question.id);
    const back = wrapper.findAll('button').find((b) => b.text() === '上一步');
    await back?.trigger('click');
    expect(wrapper.find('legend').text()).toBe(second);
  });

  it('limits a multiple choice to its maximum', async () => {
    const { pinia, store } = await startQuick();
    const index = store.visible.findIndex((q) => q.question.type === 'multi');
    store.setPosition(store.visible[index]?.question.id ?? null);
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    const max = store.visible[index]?.question.maxSelect ?? 0;
    expect(max).toBeGreaterThan(0);
    const boxes = wrapper.findAll('input[type="checkbox"]');
    for (let i = 0; i < max; i++) await boxes[i]?.setValue(true);
    expect(store.profile['painPoints']).toHaveLength(max);
    expect(wrapper.findAll('input[type="checkbox"]:disabled')).toHaveLength(boxes.length - max);
  });

  it('renders HTML in question texts as text', async () => {
    const { pinia, store } = await startQuick();
    const q = store.questionnaire;
    const first = q?.sections[0]?.questions[0];
    if (!q || !first) throw new Error('no questionnaire');
    first.text = { 'zh-CN': '<img src=x onerror="alert(1)">行业', en: '<b>Sector</b>' };
    const wrapper = mountView(QuestionnaireView, pinia);
    await flushPromises();
    expect(wrapper.find('legend img').exists()).toBe(false);
    expect(wrapper.find('legend').text()).toContain('<img src=x');
  });
});

describe('review screen', () => {
  beforeEach(() => localStorage.clear());

  it('lists the unanswered questions and jumps back to one', async () => {
    const { pinia, store } = await startQuick();
    store.setAnswer('sector', 'C39');
    const wrapper = mountView(ReviewView, pinia);
    await flushPromises();
    // The sector is answered, and the industry type is answered by the sector.
    const open = store.visible.length - store.answeredCount;
    expect(open).toBe(store.visible.length - 2);
    expect(wrapper.text()).toContain(`还有 ${open} 题未回答`);
    expect(wrapper.findAll('li.open')).toHaveLength(open);
    const firstOpen = store.visible.find((q) => !['sector', 'industryType'].includes(q.question.id))?.question.id;
    await wrapper.findAll('li.open button')[0]?.trigger('click');
    expect(useView().view.value).toBe('questions');
    expect(store.position).toBe(firstOpen);
    expect(useView().question.value).toBe(firstOpen);
  });
});

describe('diagnoses kept in the workspace', () => {
  beforeEach(() => localStorage.clear());

  it('resumes a saved diagnosis where it stopped, after a reload', async () => {
    const backend = new MemoryBackend(true);
    const { store } = await startQuick(backend);
    store.setAnswer('sector', 'C17');
    store.setPosition(store.visible[3]?.question.id ?? null);
    await store.flush();
    freshPinia(backend);
    const workspace = useWorkspaceStore();
    await workspace.init();
    const again = useAssessmentStore();
    expect(workspace.latestOpen?.depth).toBe('quick');
    expect(await again.open(workspace.latestOpen?.id ?? '')).toBe(true);
    expect(again.profile['sector']).toBe('C17');
    expect(again.position).toBe(again.visible[3]?.question.id);
  });

  it('keeps the answers that still fit when the questionnaire changed, and the others aside', async () => {
    const backend = new MemoryBackend(true);
    const { store } = await startQuick(backend);
    store.setAnswer('sector', 'C17');
    await store.flush();
    const id = store.id ?? '';
    const raw = (await backend.get(id)) as { file: { answers: Record<string, string>; profile: Record<string, string> } };
    raw.file.answers['retired-question'] = 'l2';
    raw.file.profile['province'] = '99';
    backend.rawSet(id, raw);
    freshPinia(backend);
    const again = useAssessmentStore();
    expect(await again.open(id)).toBe(true);
    expect(again.profile['sector']).toBe('C17');
    expect(again.answers['retired-question']).toBeUndefined();
    expect(again.profile['province']).toBeUndefined();
    expect(again.problem?.kind).toBe('draft-outdated');
    const aside = await backend.aside();
    expect(aside.map((a) => a.text).join()).toContain('retired-question');
    expect((await backend.get(id)) as object).not.toHaveProperty('file.answers.retired-question');
  });

  it('carries quick-scan answers into a new full diagnosis, and keeps the quick scan', async () => {
    const { store } = await startQuick();
    const quickId = store.id;
    const maturity = store.visible.find((q) => q.section.kind === 'maturity');
    if (!maturity) throw new Error('no maturity question');
    store.setAnswer('sector', 'C17');
    store.setAnswer(maturity.question.id, 'l2');
    expect(await store.start('full', true)).toBe(true);
    expect(store.questionnaire?.id).toBe('aimm-full');
    expect(store.id).not.toBe(quickId);
    expect(store.profile['sector']).toBe('C17');
    expect(store.answers[maturity.question.id]).toBe('l2');
    const workspace = useWorkspaceStore();
    expect(workspace.active.map((r) => r.id)).toContain(quickId);
    expect(workspace.active.find((r) => r.id === quickId)?.file.answers[maturity.question.id]).toBe('l2');
  });
});
