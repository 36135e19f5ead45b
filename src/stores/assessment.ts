import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  AnswerMap, AnswersFile, AnswerValue, Diagnosis, KnowledgeBase, Questionnaire, QuestionKnowledge,
} from '../engine/index.ts';
import type { ValidationIssue } from '../schemas/issues.ts';
import type { DiagnosisRecord } from '../persistence/index.ts';
import { today } from '../composables/today.ts';
import type { Depth } from '../knowledge/browser.ts';
import { useWorkspaceStore } from './workspace.ts';

/**
 * The engine, the validators and the data load with the first questionnaire, not with the landing page:
 * a phone on a slow network sees the start screen sooner. The questions need only part of the knowledge base
 * (`questionKnowledge`); the rest, which only scoring and the report use, loads while the user answers
 * (`loadKnowledge`). `prefetch` fetches the code ahead, so that starting costs one round of data requests.
 */
type Engine = typeof import('../engine/index.ts');
const loadEngine = (): Promise<Engine> => import('../engine/index.ts');
const loadData = () => import('../knowledge/browser.ts');
const loadAnswerCheck = () => import('../schemas/answers.ts');
type Persistence = typeof import('../persistence/index.ts');
let persistence: Persistence | null = null;
const loadPersistence = async (): Promise<Persistence> => (persistence ??= await import('../persistence/index.ts'));

/** Answers are written this long after the last change (and at once when the page is hidden or left). */
export const SAVE_DELAY_MS = 250;

export interface Meta {
  company: string;
  assessor: string;
  organization: string;
}

export type Problem =
  | { kind: 'questionnaire'; issues: ValidationIssue[] }
  /** The questionnaire changed since the draft was saved: the answers that no longer fit were set aside. */
  | { kind: 'draft-outdated'; issues: ValidationIssue[] }
  | { kind: 'import'; issues: ValidationIssue[] }
  | { kind: 'not-found' };

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'memory' | 'failed';

const META_KEYS = ['company', 'assessor', 'organization'] as const;

/** The diagnosis open on screen: questionnaire, answers, autosave through the workspace, the live diagnosis. */
export const useAssessmentStore = defineStore('assessment', () => {
  const workspace = useWorkspaceStore();
  const id = ref<string | null>(null);
  const depth = ref<Depth | null>(null);
  const questionnaire = shallowRef<Questionnaire | null>(null);
  /** Sectors, industry types, regions: what the question screens draw from. */
  const questionKnowledge = shallowRef<QuestionKnowledge | null>(null);
  /** The whole knowledge base: null until loaded (after the first question has been drawn, or for the report). */
  const knowledge = shallowRef<KnowledgeBase | null>(null);
  const profile = ref<AnswerMap>({});
  const answers = ref<AnswerMap>({});
  const meta = ref<Meta>({ company: '', assessor: '', organization: '' });
  const position = ref<string | null>(null);
  const savedAt = ref<number | null>(null);
  const saveState = ref<SaveState>('idle');
  const problem = ref<Problem | null>(null);
  const loading = ref(false);
  /** Answers another tab gave to this diagnosis, merged in since the user last looked. */
  const mergedFromOtherTab = ref(0);
  const engine = shallowRef<Engine | null>(null);
  /** The record as last loaded or saved (ids, dates, the stamps of each answer's last change). */
  const base = shallowRef<DiagnosisRecord | null>(null);
  let stamps: Record<string, number> = {};
  let answersChanged = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const saveFailed = computed(() => saveState.value === 'failed');
  const persistent = computed(() => workspace.persistent !== false);

  const file = computed<AnswersFile | null>(() => {
    if (!questionnaire.value) return null;
    const m: NonNullable<AnswersFile['meta']> = {};
    if (meta.value.company) m.company = meta.value.company;
    if (meta.value.assessor) m.assessor = meta.value.assessor;
    if (meta.value.organization) m.organization = meta.value.organization;
    return {
      questionnaire: { id: questionnaire.value.id, version: questionnaire.value.version },
      profile: profile.value,
      answers: answers.value,
      ...(Object.keys(m).length ? { meta: m } : {}),
    };
  });

  const visible = computed(() =>
    engine.value && questionnaire.value && questionKnowledge.value
      ? engine.value.visibleQuestions(questionnaire.value, { profile: profile.value, answers: answers.value }, questionKnowledge.value)
      : [],
  );
  const answeredCount = computed(() => {
    const e = engine.value;
    if (!e) return 0;
    return visible.value.filter((q) => e.isAnswered(q, e.answerOf(q, { profile: profile.value, answers: answers.value }))).length;
  });
  const complete = computed(() => visible.value.length > 0 && answeredCount.value === visible.value.length);
  // The questionnaire's own estimate, shared out over its questions: the same figure the landing page promises.
  const minutesLeft = computed(() => {
    const total = visible.value.length;
    if (!questionnaire.value || total === 0) return 0;
    return Math.ceil((questionnaire.value.estimatedMinutes * (total - answeredCount.value)) / total);
  });

  const diagnosis = computed<Diagnosis | null>(() =>
    engine.value && questionnaire.value && knowledge.value
      ? engine.value.diagnose({ questionnaire: questionnaire.value, knowledgeBase: knowledge.value, answers: { profile: profile.value, answers: answers.value } }, { date: today() })
      : null,
  );

  /** The record as it stands on screen, with the time of each change. */
  function current(): DiagnosisRecord | null {
    const b = base.value;
    const f = file.value;
    if (!b || !f || !depth.value) return null;
    const d = diagnosis.value;
    const completedAt = complete.value ? (answersChanged || b.completedAt === null ? Date.now() : b.completedAt) : null;
    return {
      ...b,
      updatedAt: Date.now(),
      depth: depth.value,
      file: JSON.parse(JSON.stringify(f)) as AnswersFile,
      stamps: { ...stamps },
      position: position.value,
      completedAt,
      knowledgeVersion: knowledge.value?.version ?? questionKnowledge.value?.version ?? b.knowledgeVersion,
      summary: {
        answered: answeredCount.value,
        total: visible.value.length,
        status: d?.status ?? null,
        score: d?.overall.score ?? null,
        stage: d?.overall.stage ?? null,
      },
    };
  }

  /** Takes another tab's answers into the screen, unless this tab changed the same answer later. */
  function adopt(record: DiagnosisRecord, keys: string[]): number {
    let n = 0;
    for (const key of keys) {
      const at = record.stamps[key] ?? 0;
      if ((stamps[key] ?? 0) > at) continue;
      stamps[key] = at;
      const dot = key.indexOf('.');
      const group = key.slice(0, dot);
      const name = key.slice(dot + 1);
      if (group === 'profile' || group === 'answers') {
        const target = group === 'profile' ? profile : answers;
        const next = { ...target.value };
        const value = record.file[group][name];
        if (value === undefined) delete next[name];
        else next[name] = value;
        target.value = next;
        n++;
      } else if (group === 'meta' && (META_KEYS as readonly string[]).includes(name)) {
        meta.value = { ...meta.value, [name]: (record.file.meta as Record<string, string> | undefined)?.[name] ?? '' };
        n++;
      }
    }
    base.value = { ...record, stamps: { ...stamps } };
    return n;
  }

  function schedule(): void {
    if (!base.value) return;
    saveState.value = 'pending';
    // At once, synchronously: a tab closed within the debounce still has the change on its next start.
    const now = persistence ? current() : null;
    if (now && persistence) {
      try {
        workspace.journal(persistence.checked(now));
      } catch {
        // The journal is a safety net; the debounced write below is the save.
      }
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  /** Writes what is pending now; resolves once it is written (or has failed). */
  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (saveState.value !== 'pending') return writing;
    const record = current();
    if (!record) return writing;
    answersChanged = false;
    saveState.value = 'saving';
    writing = writing.then(async () => {
      const { checked } = await loadPersistence();
      const result = await workspace.save(checked(record));
      if (id.value !== record.id) return;
      if (!result.ok) {
        // Never shown as saved: the answers stay on screen, the next change tries again.
        saveState.value = 'failed';
        return;
      }
      const n = adopt(result.record, result.theirs);
      if (n > 0) mergedFromOtherTab.value += n;
      if (saveState.value === 'saving') saveState.value = workspace.persistent ? 'saved' : 'memory';
      savedAt.value = Date.now();
      void workspace.requestPersistence();
    });
    return writing;
  }

  if (typeof window !== 'undefined') {
    // A tab being closed or sent to the background writes at once: the debounce must not cost an answer.
    window.addEventListener('pagehide', () => void flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush();
    });
  }
  workspace.onExternalChange((changed) => {
    if (changed !== id.value || !base.value) return;
    const stored = workspace.records.find((r) => r.id === changed);
    if (!stored) return;
    void loadPersistence().then(({ mergeRecords }) => {
      const mine = current();
      if (!mine) return;
      const { theirs } = mergeRecords(stored, mine);
      const n = adopt({ ...stored, stamps: { ...stored.stamps } }, theirs);
      if (n > 0) mergedFromOtherTab.value += n;
      if (stored.deletedAt !== null && (base.value?.deletedAt ?? null) !== null) workspace.notify({ kind: 'trashed-elsewhere' });
    });
  });

  /** The question screens' code and loaders, fetched ahead (from the landing page, when the browser is idle). */
  function prefetch(): Promise<unknown> {
    return Promise.all([loadData(), loadEngine()]).catch(() => undefined);
  }

  /**
   * The whole knowledge base, for scoring and the report; loaded once. Until it is there the diagnosis is null
   * (the questions do not need it); a record saved meanwhile gets its score with the next save.
   */
  async function loadKnowledge(): Promise<KnowledgeBase | null> {
    if (knowledge.value) return knowledge.value;
    try {
      knowledge.value = await (await loadData()).loadKnowledgeBase();
      // A diagnosis completed before the knowledge base was there: save it again, now with its score.
      if (base.value && complete.value && base.value.summary.status === null) schedule();
    } catch {
      // Offline while it loads: the screens that need it say so; the next call tries again.
    }
    return knowledge.value;
  }

  async function loadQuestionnaire(d: Depth): Promise<boolean> {
    loading.value = true;
    const data = await loadData();
    try {
      // One round: the questionnaire and the questions' knowledge files, in parallel (the code is prefetched).
      const [q, qk, e] = await Promise.all([data.loadQuestionnaire(d), data.loadQuestionKnowledge(), loadEngine()]);
      engine.value = e;
      questionnaire.value = q;
      questionKnowledge.value = qk;
      depth.value = d;
      return true;
    } catch (e) {
      problem.value = { kind: 'questionnaire', issues: e instanceof data.QuestionnaireError ? e.issues : [{ path: '', message: { 'zh-CN': String(e), en: String(e) } }] };
      return false;
    } finally {
      loading.value = false;
    }
  }

  function show(record: DiagnosisRecord): void {
    id.value = record.id;
    base.value = record;
    stamps = { ...record.stamps };
    answersChanged = false;
    profile.value = { ...record.file.profile };
    answers.value = { ...record.file.answers };
    meta.value = { company: record.file.meta?.company ?? '', assessor: record.file.meta?.assessor ?? '', organization: record.file.meta?.organization ?? '' };
    position.value = record.position;
    savedAt.value = record.updatedAt;
    saveState.value = 'saved';
    mergedFromOtherTab.value = 0;
  }

  /**
   * Opens a diagnosis of the workspace. Answers that no longer fit the questionnaire (an update retired a
   * question or an option) are kept aside, the rest stay: nothing is thrown away.
   */
  async function open(diagnosisId: string): Promise<boolean> {
    await flush();
    await workspace.init();
    const record = workspace.records.find((r) => r.id === diagnosisId && r.deletedAt === null);
    if (!record) {
      problem.value = { kind: 'not-found' };
      return false;
    }
    if (id.value === diagnosisId && questionnaire.value?.depth === record.depth) return true;
    const [opened, { checkAnswers }] = await Promise.all([loadQuestionnaire(record.depth), loadAnswerCheck()]);
    if (!opened) return false;
    const q = questionnaire.value as Questionnaire;
    const kb = questionKnowledge.value as QuestionKnowledge;
    const kept = { profile: {} as AnswerMap, answers: {} as AnswerMap };
    let dropped: ValidationIssue[] = [];
    for (const group of ['profile', 'answers'] as const) {
      for (const [key, value] of Object.entries(record.file[group])) {
        const one = checkAnswers({ questionnaire: { id: q.id, version: q.version }, profile: {}, answers: {}, [group]: { [key]: value } }, q, kb);
        if (one.ok) kept[group][key] = value;
        else dropped = dropped.concat(one.issues);
      }
    }
    if (dropped.length > 0) await workspace.keepAside(JSON.stringify(record), 'partial');
    show({ ...record, file: { ...record.file, questionnaire: { id: q.id, version: q.version }, ...kept } });
    problem.value = dropped.length > 0 ? { kind: 'draft-outdated', issues: dropped } : null;
    if (dropped.length > 0) {
      for (const [group, map] of [['profile', record.file.profile], ['answers', record.file.answers]] as const) {
        for (const key of Object.keys(map)) if (!(key in kept[group])) stamps[`${group}.${key}`] = Date.now();
      }
      schedule();
      await flush();
    }
    return true;
  }

  /**
   * Starts a new diagnosis; it never touches another one. `carry` takes the open one's answers along (a
   * quick scan going on to the full diagnosis, a re-assessment), keeping only what the new questionnaire asks.
   */
  async function start(d: Depth, carry = false, options: { reassess?: boolean } = {}): Promise<boolean> {
    await flush();
    await workspace.init();
    const from = carry ? current() : null;
    if (!(await loadQuestionnaire(d))) return false;
    const { emptyRecord, checked } = await loadPersistence();
    const q = questionnaire.value as Questionnaire;
    const index = (engine.value as Engine).indexQuestionnaire(q);
    const at = Date.now();
    const record = emptyRecord(d, { id: q.id, version: q.version }, at, from?.companyId);
    if (from) {
      record.previousId = options.reassess ? from.id : from.previousId;
      record.title = '';
      for (const group of ['profile', 'answers'] as const) {
        for (const [key, value] of Object.entries(from.file[group])) {
          if (!index.byId.has(key)) continue;
          record.file[group][key] = value;
          record.stamps[`${group}.${key}`] = at;
        }
      }
      if (from.file.meta) {
        record.file.meta = { ...from.file.meta };
        delete record.file.meta.date;
        for (const k of Object.keys(record.file.meta)) record.stamps[`meta.${k}`] = at;
      }
    }
    show(checked(record));
    problem.value = null;
    saveState.value = 'pending';
    answersChanged = true;
    await flush();
    return true;
  }

  /** Starts a new diagnosis of the same company from the last answers: the report then shows what moved. */
  async function reassess(fromId: string): Promise<boolean> {
    if (!(await open(fromId))) return false;
    return start(depth.value as Depth, true, { reassess: true });
  }

  function setAnswer(questionId: string, value: AnswerValue | undefined): void {
    const entry = questionnaire.value && engine.value ? engine.value.indexQuestionnaire(questionnaire.value).byId.get(questionId) : undefined;
    if (!entry) return;
    const group = entry.inProfile ? 'profile' : 'answers';
    const target = entry.inProfile ? profile : answers;
    const next = { ...target.value };
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') delete next[questionId];
    else next[questionId] = value;
    target.value = next;
    stamps[`${group}.${questionId}`] = Math.max(Date.now(), (stamps[`${group}.${questionId}`] ?? 0) + 1);
    answersChanged = true;
    schedule();
  }

  function setPosition(questionId: string | null): void {
    if (position.value === questionId) return;
    position.value = questionId;
    schedule();
  }

  function setMeta(next: Partial<Meta>): void {
    meta.value = { ...meta.value, ...next };
    for (const k of Object.keys(next)) stamps[`meta.${k}`] = Date.now();
    schedule();
  }

  /** Moves the open diagnosis to the trash (with 撤销 offered) and closes it. */
  async function discard(): Promise<void> {
    const current = id.value;
    await flush();
    close();
    if (current) await workspace.moveToTrash([current]);
  }

  function close(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    id.value = null;
    base.value = null;
    depth.value = null;
    questionnaire.value = null;
    profile.value = {};
    answers.value = {};
    position.value = null;
    savedAt.value = null;
    saveState.value = 'idle';
  }

  function dismissProblem(): void {
    problem.value = null;
  }

  return {
    id, depth, questionnaire, questionKnowledge, knowledge, profile, answers, meta, position, savedAt, saveState, saveFailed, problem, loading,
    mergedFromOtherTab, base, file, visible, answeredCount, complete, minutesLeft, diagnosis, persistent,
    prefetch, loadKnowledge, open, start, reassess, setAnswer, setPosition, setMeta, discard, close, flush, dismissProblem,
  };
});
