// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { freshPinia, makeI18n } from './harness.ts';
import WorkspaceView from '../../src/views/WorkspaceView.vue';
import QuestionnaireView from '../../src/views/QuestionnaireView.vue';
import StatusToasts from '../../src/components/StatusToasts.vue';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { UNDO_MS, useWorkspaceStore } from '../../src/stores/workspace.ts';
import { readBranding, BRANDING_KEY } from '../../src/stores/branding.ts';
import { createSafeStorage } from '../../src/composables/safeStorage.ts';
import { useView } from '../../src/composables/useView.ts';
import { parseHash } from '../../src/composables/address.ts';
import { checked, edit, emptyRecord, MemoryBackend, type Backend } from '../../src/persistence/index.ts';
import example from '../../docs/examples/electronics-assembler.json';
import { diagnose } from '../../src/engine/index.ts';
import { today } from '../../src/composables/today.ts';
import { knowledgeBase, loadQuestionnaire } from '../engine/scenario.ts';

const loadFull = () => loadQuestionnaire('full');
const loadQuick = () => loadQuestionnaire('quick');

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
}

let lastPinia: ReturnType<typeof freshPinia> | null = null;
function mountWith<T>(component: T, backend: Backend, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = freshPinia(backend);
  lastPinia = pinia;
  return mount(component as never, { global: { plugins: [pinia, makeI18n(locale)] }, attachTo: document.body });
}

beforeEach(() => {
  localStorage.clear();
  useView().go('landing', { replace: true });
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('the workspace screen', () => {
  it('lists diagnoses by company, finds them by search, renames, duplicates and deletes with undo, then a trash', async () => {
    const backend = new MemoryBackend(true);
    const wrapper = mountWith(WorkspaceView, backend);
    const workspace = useWorkspaceStore();
    await workspace.init();
    expect((await workspace.importText(JSON.stringify(example))).ok).toBe(true);
    const other = { ...example, meta: { company: '宁波模具厂' } };
    expect((await workspace.importText(JSON.stringify(other))).ok).toBe(true);
    await settle();
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(2);
    expect(wrapper.text()).toContain('华南电子组装示例公司');
    const score = diagnose({ questionnaire: loadFull(), knowledgeBase: knowledgeBase(), answers: example }, { date: today() }).overall.score;
    expect(wrapper.text()).toContain(`总分 ${Math.round(score ?? -1)}`);

    await wrapper.find('input[type="search"]').setValue('宁波');
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(1);
    await wrapper.find('input[type="search"]').setValue('');

    const first = workspace.active[0];
    if (!first) throw new Error('no diagnosis');
    expect(await workspace.rename(first.id, '2026 年春季诊断')).toBe(true);
    await settle();
    expect(wrapper.text()).toContain('2026 年春季诊断');
    const copy = await workspace.duplicate(first.id);
    expect(copy?.file).toEqual(first.file);
    expect(copy?.id).not.toBe(first.id);
    await settle();
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(3);

    await wrapper.find('[data-test="delete"]').trigger('click');
    await settle();
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(2);
    expect(workspace.undo?.ids).toHaveLength(1);
    expect(wrapper.find('[data-test="trash"]').exists()).toBe(true);
    // Still in storage, only marked: the trash keeps it until emptied.
    const trashedId = workspace.undo?.ids[0] ?? '';
    expect(((await backend.get(trashedId)) as { deletedAt: number | null }).deletedAt).not.toBeNull();
    await workspace.undoLast();
    await settle();
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(3);

    await wrapper.find('[data-test="delete"]').trigger('click');
    await settle();
    await wrapper.find('[data-test="restore"]').trigger('click');
    await settle();
    expect(wrapper.findAll('[data-test="diagnosis"]')).toHaveLength(3);

    await wrapper.find('[data-test="delete"]').trigger('click');
    await settle();
    await wrapper.findAll('[data-test="trash"] button').find((b) => b.text() === '清空回收站')?.trigger('click');
    await wrapper.findAll('[role="alertdialog"] button').find((b) => b.text() === '清空回收站')?.trigger('click');
    await settle();
    expect(await backend.get(trashedId === '' ? 'none' : workspace.records.find((r) => r.deletedAt !== null)?.id ?? 'gone')).toBeUndefined();
    expect(wrapper.find('[data-test="trash"]').exists()).toBe(false);
    expect((await backend.readAll()).length).toBe(2);
  });

  it('offers 撤销 for at least 10 seconds after a delete', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const backend = new MemoryBackend(true);
    mountWith(StatusToasts, backend);
    const workspace = useWorkspaceStore();
    const r = checked(emptyRecord('quick', { id: 'aimm-quick', version: '1.0.0' }, Date.now()));
    await backend.putAll([{ key: r.id, value: r }]);
    const init = workspace.init();
    await vi.runAllTimersAsync();
    await init;
    await workspace.moveToTrash([r.id]);
    expect(UNDO_MS).toBeGreaterThanOrEqual(10_000);
    vi.advanceTimersByTime(9_900);
    expect(workspace.undo).not.toBeNull();
    expect(document.body.textContent).toContain('撤销');
    vi.advanceTimersByTime(UNDO_MS);
    expect(workspace.undo).toBeNull();
    // Gone from the toast, kept in the trash.
    expect(workspace.trash.map((x) => x.id)).toEqual([r.id]);
  });

  it('importing a full-diagnosis file while a quick scan is open adds a diagnosis and leaves the quick scan as it was (§5)', async () => {
    const backend = new MemoryBackend(true);
    freshPinia(backend);
    const store = useAssessmentStore();
    await store.start('quick');
    store.setAnswer('sector', 'C17');
    await store.flush();
    const quickId = store.id;
    const result = await useWorkspaceStore().importText(JSON.stringify(example));
    expect(result.ok).toBe(true);
    expect(store.id).toBe(quickId);
    expect(store.questionnaire?.id).toBe('aimm-quick');
    expect(store.profile).toEqual({ sector: 'C17' });
    const quick = (await backend.get(quickId ?? '')) as { depth: string; file: { profile: object } };
    expect(quick.depth).toBe('quick');
    expect(quick.file.profile).toEqual({ sector: 'C17' });
  });

  it('a refused import writes nothing and leaves the open diagnosis alone (§5)', async () => {
    const backend = new MemoryBackend(true);
    freshPinia(backend);
    const store = useAssessmentStore();
    await store.start('quick');
    store.setAnswer('sector', 'C17');
    await store.flush();
    const before = JSON.stringify(await backend.readAll());
    const result = await useWorkspaceStore().importText(JSON.stringify({ ...example, profile: { ...example.profile, employees: -5 } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(await backend.readAll())).toBe(before);
    expect(store.profile).toEqual({ sector: 'C17' });
  });

  it('a stored answer nested 10,000 levels deep costs that answer only; the next change saves all the others (§5)', async () => {
    const backend = new MemoryBackend(true);
    freshPinia(backend);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    let r = emptyRecord('quick', { id: 'aimm-quick', version: loadQuick().version }, 1000);
    for (const [k, v] of Object.entries({ 'fp-batch-record': 'l1', 'fm-equipment-data': 'l2', 'fs-safety': 'l1', 'ep-design-data': 'l0' })) r = edit(r, `answers.${k}`, v, 1000);
    r = edit(r, 'profile.sector', 'C33', 1000);
    const raw = { ...r, file: { ...r.file, answers: { ...r.file.answers, 'em-production-plan': deep } } };
    backend.rawSet(r.id, raw);
    const workspace = useWorkspaceStore();
    await workspace.init();
    const store = useAssessmentStore();
    expect(await store.open(r.id)).toBe(true);
    expect(Object.keys(store.answers)).toHaveLength(4);
    store.setAnswer('es-customer-data', 'l1');
    await store.flush();
    const saved = (await backend.get(r.id)) as { file: { answers: Record<string, unknown>; profile: Record<string, unknown> } };
    expect(Object.keys(saved.file.answers)).toHaveLength(5);
    expect(saved.file.profile['sector']).toBe('C33');
    // The deep value is not lost: it was kept aside, as it was.
    expect(workspace.aside.length).toBeGreaterThan(0);
  });

  it('asks the browser to keep the data once there is a second diagnosis, and shows the storage used', async () => {
    const persist = vi.fn(async () => true);
    const estimate = vi.fn(async () => ({ usage: 2.5 * 1024 * 1024, quota: 100 * 1024 * 1024 }));
    vi.stubGlobal('navigator', { ...navigator, storage: { persist, estimate, persisted: async () => false } });
    try {
      const backend = new MemoryBackend(true);
      const wrapper = mountWith(WorkspaceView, backend);
      const store = useAssessmentStore();
      await store.start('quick');
      await store.flush();
      expect(persist).not.toHaveBeenCalled();
      await store.start('full');
      await store.flush();
      await settle();
      expect(persist).toHaveBeenCalledTimes(1);
      expect(wrapper.find('[data-test="usage"]').text()).toContain('2.5 MB');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('storage blocked or failing', () => {
  it('works in memory, says so once with an export, and never calls the answers saved', async () => {
    const backend = new MemoryBackend(false);
    const toasts = mountWith(StatusToasts, backend);
    const store = useAssessmentStore();
    await store.start('quick');
    const view = mount(QuestionnaireView, { global: { plugins: [lastPinia as never, makeI18n()] }, attachTo: document.body });
    await settle();
    store.setAnswer('sector', 'C39');
    await store.flush();
    await settle();
    expect(view.find('[data-test="save-state"]').text()).toContain('仅保存在内存中');
    expect(view.find('[data-test="save-state"]').text()).not.toContain('已自动保存');
    expect(toasts.find('[data-test="memory-notice"]').text()).toContain('导出');
    await toasts.findAll('[data-test="memory-notice"] button').find((b) => b.text() === '知道了')?.trigger('click');
    store.setAnswer('employees', 50);
    await store.flush();
    await settle();
    expect(toasts.find('[data-test="memory-notice"]').exists()).toBe(false);
  });

  it('a write that fails (storage full) is shown as not saved, with an export offered', async () => {
    const backend = new MemoryBackend(true);
    const toasts = mountWith(StatusToasts, backend);
    const store = useAssessmentStore();
    await store.start('quick');
    const view = mount(QuestionnaireView, { global: { plugins: [lastPinia as never, makeI18n()] }, attachTo: document.body });
    await settle();
    backend.update = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    store.setAnswer('sector', 'C39');
    await store.flush();
    await settle();
    expect(store.saveState).toBe('failed');
    expect(view.find('[data-test="save-state"]').text()).toContain('保存失败');
    expect(toasts.find('[data-test="notice-save-failed"]').text()).toContain('导出');
    // The answer is still on screen, and the next change tries again.
    expect(store.profile['sector']).toBe('C39');
  });
});

describe('addresses', () => {
  it('a malformed % escape names nothing instead of throwing (§5)', () => {
    expect(parseHash('#/questions/%')).toEqual({ view: 'questions', id: null, question: null, other: null });
    expect(parseHash('#/d/%E0%A4%A/report')).toEqual({ view: 'workspace', id: null, question: null, other: null });
    expect(parseHash('#/d/abc123/questions/fm-equipment-data')).toEqual({ view: 'questions', id: 'abc123', question: 'fm-equipment-data', other: null });
    expect(parseHash('#/compare/a1/b2')).toEqual({ view: 'compare', id: 'a1', question: null, other: 'b2' });
    expect(parseHash('#main')).toBeNull();
  });
});

describe('branding kept in storage', () => {
  it('says when it was damaged, and refuses a 4 MB bogus image (§5)', () => {
    const storage = createSafeStorage(() => localStorage);
    localStorage.setItem(BRANDING_KEY, JSON.stringify({ name: '王顾问', organization: 42, logoDataUrl: `data:image/png;base64,${'A'.repeat(4 * 1024 * 1024)}` }));
    const read = readBranding(storage);
    expect(read).toEqual({ name: '王顾问', organization: '', logoDataUrl: '', damaged: true });
    localStorage.setItem(BRANDING_KEY, '{ not json');
    expect(readBranding(storage).damaged).toBe(true);
    localStorage.setItem(BRANDING_KEY, JSON.stringify({ name: '王顾问', organization: '某咨询公司', logoDataUrl: '' }));
    expect(readBranding(storage)).toEqual({ name: '王顾问', organization: '某咨询公司', logoDataUrl: '', damaged: false });
  });
});

describe('a shared link', () => {
  it('from an older questionnaire version still opens, read-only, leaving out what no longer fits, and saves to the workspace', async () => {
    const { encodeShare } = await import('../../src/persistence/share.ts');
    const { default: SharedView } = await import('../../src/views/SharedView.vue');
    const old = { ...example, questionnaire: { id: 'aimm-full', version: '0.9.0' }, answers: { ...example.answers, 'retired-question': 'l2' } };
    const payload = await encodeShare({ depth: 'full', file: old, completedAt: Date.UTC(2026, 2, 2) });
    useView().go('shared', { other: payload });
    const backend = new MemoryBackend(true);
    const wrapper = mountWith(SharedView, backend);
    await vi.waitFor(() => expect(wrapper.find('.report-cover').exists()).toBe(true), { timeout: 5000 });
    expect(wrapper.find('[data-test="shared-dropped"]').text()).toContain('answers.retired-question');
    expect(wrapper.find('[data-test="answered-on"]').text()).toBe('2026年3月2日');
    // Read-only: no company field, no re-assess, no share of its own.
    expect(wrapper.find('.cover-form').exists()).toBe(false);
    expect(wrapper.find('[data-test="reassess"]').exists()).toBe(false);
    await wrapper.find('[data-test="save-shared"]').trigger('click');
    await settle();
    const saved = (await backend.readAll()).map((x) => x.value as { file: AnswersFileLike; completedAt: number | null });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.file.answers['retired-question']).toBeUndefined();
    expect(saved[0]?.file.answers['fm-programs']).toBe(example.answers['fm-programs']);
    expect(saved[0]?.completedAt).toBe(Date.UTC(2026, 2, 2));
  });
});
type AnswersFileLike = { answers: Record<string, unknown> };
