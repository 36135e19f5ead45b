import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AsideItem, Checked, DiagnosisRecord, LoadResult, Repository } from '../persistence/index.ts';

const loadPersistence = () => import('../persistence/index.ts');

/** How long 撤销 stays offered after a destructive action (the trash keeps it afterwards). */
export const UNDO_MS = 12_000;

export interface Undo {
  /** What was done, for the toast's text. */
  action: 'trash' | 'empty';
  ids: string[];
  until: number;
}

export type WorkspaceNotice =
  | { kind: 'set-aside'; n: number }
  | { kind: 'aside-failed'; n: number }
  | { kind: 'migrated' }
  | { kind: 'save-failed' }
  | { kind: 'other-tab'; n: number }
  | { kind: 'trashed-elsewhere' };

/** All diagnoses in this browser: the list, the trash, what was set aside, and where they are kept. */
export const useWorkspaceStore = defineStore('workspace', () => {
  const records = shallowRef<DiagnosisRecord[]>([]);
  const aside = shallowRef<AsideItem[]>([]);
  const ready = ref(false);
  /** null until known; false: everything lives in memory for this visit. */
  const persistent = ref<boolean | null>(null);
  const memoryNoticeDismissed = ref(false);
  const notices = ref<WorkspaceNotice[]>([]);
  const undo = ref<Undo | null>(null);
  const usage = ref<{ used: number; quota: number } | null>(null);
  const persisted = ref<boolean | null>(null);
  let repo: Repository | null = null;
  let loading: Promise<Repository> | null = null;
  let undoTimer: ReturnType<typeof setTimeout> | null = null;
  const externalListeners: ((id: string) => void)[] = [];

  const active = computed(() => records.value.filter((r) => r.deletedAt === null).sort((a, b) => b.updatedAt - a.updatedAt));
  const trash = computed(() => records.value.filter((r) => r.deletedAt !== null).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)));
  /** The most recently changed diagnosis still open: the landing page offers to continue it. */
  const latestOpen = computed(() => active.value.find((r) => r.completedAt === null) ?? null);

  function put(record: DiagnosisRecord): void {
    const others = records.value.filter((r) => r.id !== record.id);
    records.value = [...others, record];
  }
  function drop(ids: string[]): void {
    records.value = records.value.filter((r) => !ids.includes(r.id));
  }

  function notify(n: WorkspaceNotice): void {
    notices.value = [...notices.value.filter((x) => x.kind !== n.kind), n];
  }
  function dismiss(kind: WorkspaceNotice['kind']): void {
    notices.value = notices.value.filter((x) => x.kind !== kind);
  }

  /** Opens the repository once: migrates today's draft, sets aside what cannot be read, lists the rest. */
  function init(): Promise<Repository> {
    loading ??= (async () => {
      const { openRepository } = await loadPersistence();
      const r = await openRepository();
      const result: LoadResult = await r.load();
      repo = r;
      records.value = result.records;
      aside.value = result.aside;
      persistent.value = r.persistent;
      if (result.setAside > 0) notify({ kind: 'set-aside', n: result.setAside + result.partial });
      else if (result.partial > 0) notify({ kind: 'set-aside', n: result.partial });
      if (result.asideFailed > 0) notify({ kind: 'aside-failed', n: result.asideFailed });
      r.onExternalChange((id) => void externalChange(id));
      ready.value = true;
      if (result.records.some((x) => x.summary.total === 0)) void refreshSummaries();
      void estimate();
      return r;
    })();
    return loading;
  }

  /** Counts and scores for diagnoses saved without them (a draft migrated from the single-draft app). */
  async function refreshSummaries(): Promise<void> {
    const [{ loadScoring }, { checked }] = await Promise.all([import('../knowledge/scoring.ts'), loadPersistence()]);
    const scoring = await loadScoring();
    for (const r of records.value.filter((x) => x.summary.total === 0)) {
      try {
        const summary = scoring.summarize(r.file, r.depth);
        const complete = summary.total > 0 && summary.answered === summary.total;
        await save(checked({ ...r, summary, completedAt: complete ? r.completedAt ?? r.updatedAt : null }));
      } catch {
        // Answers the questionnaire no longer fits: counted when the diagnosis is opened and checked.
      }
    }
  }

  /**
   * Imports a file: checked in full against the questionnaires and the knowledge base before anything is
   * written; then all of its diagnoses are added, or none.
   */
  async function importText(text: string): Promise<{ ok: true; added: DiagnosisRecord[]; alreadyThere: number } | { ok: false; issues: import('../schemas/issues.ts').ValidationIssue[] }> {
    await init();
    const [{ loadScoring }, { parseImport }] = await Promise.all([import('../knowledge/scoring.ts'), import('../persistence/exchange.ts')]);
    const scoring = await loadScoring();
    const result = parseImport(text, { ...scoring, existing: records.value });
    if (!result.ok) return result;
    if (result.records.length && !(await add(result.records))) {
      return { ok: false, issues: [{ path: '', message: { 'zh-CN': '无法保存到本浏览器（存储已满或被禁用），没有导入任何内容', en: 'could not be saved in this browser (storage full or blocked): nothing was imported' } }] };
    }
    return { ok: true, added: result.records, alreadyThere: result.alreadyThere };
  }

  async function externalChange(id: string): Promise<void> {
    if (!repo) return;
    const record = await repo.get(id);
    if (record) put(record);
    else drop([id]);
    aside.value = await repo.asideItems();
    for (const l of externalListeners) l(id);
  }
  function onExternalChange(listener: (id: string) => void): void {
    externalListeners.push(listener);
  }

  async function repository(): Promise<Repository> {
    return repo ?? init();
  }

  /** Writes a record through the repository and keeps the list in step; false when it could not be saved. */
  async function save(record: Checked<DiagnosisRecord>): Promise<{ ok: boolean; record: DiagnosisRecord; theirs: string[] }> {
    const r = await repository();
    const result = await r.save(record);
    if (!result.ok) {
      put(record);
      notify({ kind: 'save-failed' });
      return { ok: false, record, theirs: [] };
    }
    put(result.record);
    dismiss('save-failed');
    return { ok: true, record: result.record, theirs: result.theirs };
  }

  /** Notes the open diagnosis's latest state synchronously, before its debounced write (see Repository.journal). */
  function journal(record: Checked<DiagnosisRecord>): void {
    repo?.journal(record);
  }

  async function edit(id: string, key: string, value: string | number | null): Promise<boolean> {
    const { edit: change, checked } = await loadPersistence();
    const current = records.value.find((r) => r.id === id);
    if (!current) return false;
    return (await save(checked(change(current, key, value, Date.now())))).ok;
  }

  function offerUndo(action: Undo['action'], ids: string[]): void {
    if (undoTimer) clearTimeout(undoTimer);
    undo.value = { action, ids, until: Date.now() + UNDO_MS };
    undoTimer = setTimeout(() => {
      undo.value = null;
    }, UNDO_MS);
  }

  /** To the trash, with 撤销 offered; nothing is removed until the trash is emptied. */
  async function moveToTrash(ids: string[]): Promise<void> {
    const at = Date.now();
    for (const id of ids) await edit(id, 'deletedAt', at);
    offerUndo('trash', ids);
  }
  async function restore(ids: string[]): Promise<void> {
    for (const id of ids) await edit(id, 'deletedAt', null);
    if (undo.value && ids.every((id) => undo.value?.ids.includes(id))) undo.value = null;
  }
  async function undoLast(): Promise<void> {
    const u = undo.value;
    if (!u) return;
    undo.value = null;
    if (u.action === 'trash') await restore(u.ids);
  }

  /** Empties the trash: the one removal for good, asked for in the page before. */
  async function emptyTrash(): Promise<boolean> {
    const ids = trash.value.map((r) => r.id);
    const r = await repository();
    if (!(await r.purge(ids))) return false;
    drop(ids);
    return true;
  }

  async function rename(id: string, title: string): Promise<boolean> {
    return edit(id, 'title', title.trim().slice(0, 200));
  }

  /** A copy with its own id (same company), e.g. to try other answers without touching the original. */
  async function duplicate(id: string): Promise<DiagnosisRecord | null> {
    const { checked, newId } = await loadPersistence();
    const source = records.value.find((r) => r.id === id);
    if (!source) return null;
    const at = Date.now();
    const copy = checked({ ...structuredClone(source), id: newId(), createdAt: at, updatedAt: at, deletedAt: null, stamps: { ...source.stamps, deletedAt: 0 } });
    if (!(await (await repository()).insert([copy]))) {
      notify({ kind: 'save-failed' });
      return null;
    }
    put(copy);
    return copy;
  }

  /** Adds checked records (an import, a shared link saved): all or none. */
  async function add(list: Checked<DiagnosisRecord>[]): Promise<boolean> {
    if (!(await (await repository()).insert(list))) {
      notify({ kind: 'save-failed' });
      return false;
    }
    for (const r of list) put(r);
    void requestPersistence();
    return true;
  }

  async function removeAside(key: number): Promise<void> {
    const r = await repository();
    await r.removeAside(key);
    aside.value = await r.asideItems();
  }

  /** The history of one company, oldest first. */
  function history(companyId: string): DiagnosisRecord[] {
    return active.value.filter((r) => r.companyId === companyId).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The diagnosis of the same company just before this one (what a re-assessment compares with). */
  function previousOf(record: DiagnosisRecord): DiagnosisRecord | null {
    const byId = record.previousId ? records.value.find((r) => r.id === record.previousId && r.deletedAt === null) : undefined;
    if (byId) return byId;
    const earlier = history(record.companyId).filter((r) => r.createdAt < record.createdAt);
    return earlier[earlier.length - 1] ?? null;
  }

  async function estimate(): Promise<void> {
    const s = globalThis.navigator?.storage;
    if (!s?.estimate) return;
    try {
      const e = await s.estimate();
      usage.value = { used: e.usage ?? 0, quota: e.quota ?? 0 };
      if (s.persisted) persisted.value = await s.persisted();
    } catch {
      usage.value = null;
    }
  }

  /**
   * Once there is more than one diagnosis, asks the browser to keep this site's data even when space runs low
   * (browsers may grant it silently, or ask, or refuse).
   */
  async function requestPersistence(): Promise<void> {
    const s = globalThis.navigator?.storage;
    if (!persistent.value || active.value.length < 2 || !s?.persist || persisted.value) return;
    try {
      persisted.value = await s.persist();
    } catch {
      persisted.value = false;
    }
    void estimate();
  }

  /** Keeps a text aside (answers that no longer fit the questionnaire), to download from the workspace. */
  async function keepAside(text: string, reason: AsideItem['reason']): Promise<void> {
    const r = await repository();
    await r.setAside({ at: Date.now(), reason, text });
    aside.value = await r.asideItems();
  }

  return {
    records, aside, ready, persistent, memoryNoticeDismissed, notices, undo, usage, persisted,
    active, trash, latestOpen,
    init, save, journal, put, moveToTrash, restore, undoLast, emptyTrash, rename, duplicate, add, removeAside,
    history, previousOf, estimate, requestPersistence, dismiss, notify, onExternalChange, keepAside, repository, importText, refreshSummaries,
  };
});
