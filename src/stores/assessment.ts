import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  AnswerMap, AnswersFile, AnswerValue, Diagnosis, KnowledgeBase, Questionnaire,
} from '../engine/index.ts';
import type { ValidationIssue } from '../schemas/issues.ts';
import { appStorage, type SafeStorage } from '../composables/safeStorage.ts';
import { today } from '../composables/today.ts';
import type { Depth } from '../knowledge/browser.ts';

/**
 * The engine, the validators and the data load with the first questionnaire, not with the landing page:
 * a phone on a slow network sees the start screen sooner.
 */
type Engine = typeof import('../engine/index.ts');
const loadEngine = (): Promise<Engine> => import('../engine/index.ts');
const loadData = () => import('../knowledge/browser.ts');
const loadAnswerCheck = () => import('../schemas/answers.ts');

export const DRAFT_KEY = 'aimm:draft';
const DAMAGED_KEY = 'aimm:draft:damaged';

export interface Meta {
  company: string;
  assessor: string;
  organization: string;
}

interface Draft {
  format: 'aimm-draft';
  depth: Depth;
  file: AnswersFile;
  position: string | null;
  savedAt: number;
}

export type Problem =
  | { kind: 'questionnaire'; issues: ValidationIssue[] }
  | { kind: 'draft-damaged' }
  /** The questionnaire changed since the draft was saved: the answers that no longer fit were set aside. */
  | { kind: 'draft-outdated'; issues: ValidationIssue[] }
  | { kind: 'import'; issues: ValidationIssue[] };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A first look at the saved draft; its answers are checked in full when it is resumed. */
function readDraft(storage: SafeStorage): Draft | 'damaged' | null {
  const raw = storage.get(DRAFT_KEY);
  if (raw === null) return null;
  try {
    const data = JSON.parse(raw) as Partial<Draft>;
    if (data.format !== 'aimm-draft' || (data.depth !== 'quick' && data.depth !== 'full')) return 'damaged';
    const file = data.file as unknown;
    if (!isRecord(file) || !isRecord(file['questionnaire']) || !isRecord(file['profile']) || !isRecord(file['answers'])) return 'damaged';
    return {
      format: 'aimm-draft',
      depth: data.depth,
      file: data.file as AnswersFile,
      position: typeof data.position === 'string' ? data.position : null,
      savedAt: typeof data.savedAt === 'number' ? data.savedAt : 0,
    };
  } catch {
    return 'damaged';
  }
}

/** The assessment in progress: questionnaire, answers, autosave and the live diagnosis. */
export const useAssessmentStore = defineStore('assessment', () => {
  const storage = appStorage;
  const depth = ref<Depth | null>(null);
  const questionnaire = shallowRef<Questionnaire | null>(null);
  const knowledge = shallowRef<KnowledgeBase | null>(null);
  const profile = ref<AnswerMap>({});
  const answers = ref<AnswerMap>({});
  const meta = ref<Meta>({ company: '', assessor: '', organization: '' });
  const position = ref<string | null>(null);
  const savedAt = ref<number | null>(null);
  const saveFailed = ref(false);
  const problem = ref<Problem | null>(null);
  const loading = ref(false);

  const engine = shallowRef<Engine | null>(null);
  const initial = readDraft(storage);
  const draft = ref<Draft | null>(initial === 'damaged' ? null : initial);

  /** Keeps the damaged text aside rather than overwrite it: nothing the user typed is thrown away. */
  function setDraftAside(): void {
    const raw = storage.get(DRAFT_KEY);
    if (raw !== null) storage.set(DAMAGED_KEY, raw);
    storage.remove(DRAFT_KEY);
    draft.value = null;
    problem.value = { kind: 'draft-damaged' };
  }
  if (initial === 'damaged') setDraftAside();

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
    engine.value && questionnaire.value && knowledge.value
      ? engine.value.visibleQuestions(questionnaire.value, { profile: profile.value, answers: answers.value }, knowledge.value)
      : [],
  );
  const answeredCount = computed(() => {
    const e = engine.value;
    if (!e) return 0;
    return visible.value.filter((q) => e.isAnswered(q, e.answerOf(q, { profile: profile.value, answers: answers.value }))).length;
  });
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

  function save(): void {
    if (!depth.value || !file.value) return;
    const next: Draft = { format: 'aimm-draft', depth: depth.value, file: file.value, position: position.value, savedAt: Date.now() };
    const ok = storage.set(DRAFT_KEY, JSON.stringify(next));
    saveFailed.value = !ok;
    savedAt.value = next.savedAt;
    draft.value = next;
  }

  async function open(d: Depth): Promise<boolean> {
    loading.value = true;
    const data = await loadData();
    try {
      const [q, kb, e] = await Promise.all([data.loadQuestionnaire(d), data.loadKnowledgeBase(), loadEngine()]);
      engine.value = e;
      questionnaire.value = q;
      knowledge.value = kb;
      depth.value = d;
      return true;
    } catch (e) {
      problem.value = { kind: 'questionnaire', issues: e instanceof data.QuestionnaireError ? e.issues : [{ path: '', message: { 'zh-CN': String(e), en: String(e) } }] };
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Starts a new assessment; answers carried over (e.g. from a quick scan) keep only what the new questionnaire asks. */
  async function start(d: Depth, carry = false): Promise<boolean> {
    const previous = carry ? { profile: { ...profile.value }, answers: { ...answers.value } } : null;
    if (!(await open(d))) return false;
    const index = (engine.value as Engine).indexQuestionnaire(questionnaire.value as Questionnaire);
    const keep = (map: AnswerMap): AnswerMap => Object.fromEntries(Object.entries(map).filter(([id]) => index.byId.has(id)));
    profile.value = previous ? keep(previous.profile) : {};
    answers.value = previous ? keep(previous.answers) : {};
    if (!carry) meta.value = { company: '', assessor: '', organization: '' };
    position.value = null;
    problem.value = null;
    save();
    return true;
  }

  async function resume(): Promise<boolean> {
    const d = draft.value;
    if (!d) return false;
    return load(d.depth, d.file, d.position, 'draft');
  }

  async function load(d: Depth, data: AnswersFile, at: string | null = null, from: 'draft' | 'import' = 'import'): Promise<boolean> {
    const [opened, { checkAnswers }] = await Promise.all([open(d), loadAnswerCheck()]);
    if (!opened) return false;
    const q = questionnaire.value as Questionnaire;
    let file = data;
    let dropped: ValidationIssue[] = [];
    if (from === 'draft') {
      // A questionnaire update can retire a question or an option: keep every answer that still fits.
      const kept = { profile: {} as AnswerMap, answers: {} as AnswerMap };
      for (const group of ['profile', 'answers'] as const) {
        for (const [id, value] of Object.entries(data[group])) {
          const one = checkAnswers({ questionnaire: { id: q.id, version: q.version }, profile: {}, answers: {}, [group]: { [id]: value } }, q);
          if (one.ok) kept[group][id] = value;
          else dropped = dropped.concat(one.issues);
        }
      }
      file = { ...data, questionnaire: { id: q.id, version: q.version }, ...kept };
    }
    const checked = checkAnswers(file, q);
    if (!checked.ok) {
      if (from === 'draft') setDraftAside();
      else problem.value = { kind: 'import', issues: checked.issues };
      return false;
    }
    if (dropped.length > 0) {
      const raw = storage.get(DRAFT_KEY);
      if (raw !== null) storage.set(DAMAGED_KEY, raw);
    }
    profile.value = { ...checked.value.profile };
    answers.value = { ...checked.value.answers };
    meta.value = { company: checked.value.meta?.company ?? '', assessor: checked.value.meta?.assessor ?? '', organization: checked.value.meta?.organization ?? '' };
    position.value = at;
    problem.value = dropped.length > 0 ? { kind: 'draft-outdated', issues: dropped } : null;
    save();
    return true;
  }

  /** Reads an answers file the user picked; the questionnaire is found by its id. */
  async function importFile(text: string): Promise<boolean> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      problem.value = { kind: 'import', issues: [{ path: '', message: { 'zh-CN': '文件不是有效的 JSON', en: 'the file is not valid JSON' } }] };
      return false;
    }
    const { checkAnswers } = await loadAnswerCheck();
    const shape = checkAnswers(data);
    if (!shape.ok) {
      problem.value = { kind: 'import', issues: shape.issues };
      return false;
    }
    const id = shape.value.questionnaire.id;
    const d: Depth | null = id === 'aimm-quick' ? 'quick' : id === 'aimm-full' ? 'full' : null;
    if (!d) {
      problem.value = { kind: 'import', issues: [{ path: 'questionnaire.id', message: { 'zh-CN': `未知的问卷 "${id}"`, en: `unknown questionnaire "${id}"` } }] };
      return false;
    }
    return load(d, shape.value);
  }

  function setAnswer(questionId: string, value: AnswerValue | undefined): void {
    const entry = questionnaire.value && engine.value ? engine.value.indexQuestionnaire(questionnaire.value).byId.get(questionId) : undefined;
    if (!entry) return;
    const target = entry.inProfile ? profile : answers;
    const next = { ...target.value };
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') delete next[questionId];
    else next[questionId] = value;
    target.value = next;
    save();
  }

  function setPosition(questionId: string | null): void {
    position.value = questionId;
    save();
  }

  function setMeta(next: Partial<Meta>): void {
    meta.value = { ...meta.value, ...next };
    save();
  }

  function discard(): void {
    storage.remove(DRAFT_KEY);
    draft.value = null;
    depth.value = null;
    questionnaire.value = null;
    profile.value = {};
    answers.value = {};
    position.value = null;
    savedAt.value = null;
  }

  function dismissProblem(): void {
    problem.value = null;
  }

  return {
    depth, questionnaire, knowledge, profile, answers, meta, position, savedAt, saveFailed, problem, loading, draft,
    file, visible, answeredCount, minutesLeft, diagnosis, persistent: storage.persistent,
    start, resume, importFile, setAnswer, setPosition, setMeta, discard, dismissProblem,
  };
});
