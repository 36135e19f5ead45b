import {
  assembleKnowledgeBase, assembleQuestionKnowledge, type KnowledgeBase, type KnowledgeFile, type Questionnaire, type QuestionKnowledge,
} from '../engine/index.ts';
import { checkQuestionnaire } from '../schemas/questionnaire.ts';
import type { ValidationIssue } from '../schemas/issues.ts';
import { configInForce } from '../embed/config.ts';

// The knowledge base is validated by the test suite at build time; in the browser it is only assembled (one file
// of each kind, one version for all). The files the questions use (QUESTION_KINDS: industry types, sectors,
// regions) load with the questions; the report's (cases, policies, scenarios, the cube's texts, …) while the user
// answers. Each file is its own chunk, requested in parallel.
const questionFiles = import.meta.glob<KnowledgeFile>('../../seeds/{industry-types,sectors,regions}.json', { import: 'default' });
const reportFiles = import.meta.glob<KnowledgeFile>(['../../seeds/*.json', '!../../seeds/{industry-types,sectors,regions}.json'], { import: 'default' });
const questionnaireFiles = import.meta.glob<unknown>('../../questionnaires/*.json', { import: 'default' });

const loadAll = (files: Record<string, () => Promise<KnowledgeFile>>): Promise<KnowledgeFile[]> => Promise.all(Object.values(files).map((load) => load()));

let questionKnowledge: Promise<QuestionKnowledge> | null = null;
let knowledge: Promise<KnowledgeBase> | null = null;

/** The deployment's programme packs (runtime config) join the built-in data before any diagnosis. */
async function withPacks(kb: KnowledgeBase): Promise<KnowledgeBase> {
  const { config } = await configInForce();
  if (config.programmePacks.length === 0) return kb;
  const { applyConfiguredPacks } = await import('../embed/packs.ts');
  return (await applyConfiguredPacks(kb, config.programmePacks)).kb;
}

/** What the question screens need of the knowledge base; the same records as the whole one's. */
export function loadQuestionKnowledge(): Promise<QuestionKnowledge> {
  questionKnowledge ??= loadAll(questionFiles).then(assembleQuestionKnowledge);
  questionKnowledge.catch(() => (questionKnowledge = null));
  return questionKnowledge;
}

/** The whole knowledge base, for scoring and the report (the questions' files are fetched once, shared). */
export function loadKnowledgeBase(): Promise<KnowledgeBase> {
  knowledge ??= Promise.all([loadAll(questionFiles), loadAll(reportFiles)]).then(([q, r]) => assembleKnowledgeBase([...q, ...r])).then(withPacks);
  knowledge.catch(() => (knowledge = null));
  return knowledge;
}

export type Depth = 'quick' | 'full';

export class QuestionnaireError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('invalid questionnaire');
  }
}

/** Loads and checks a questionnaire; a broken file is reported, never half-rendered. */
export async function loadQuestionnaire(depth: Depth): Promise<Questionnaire> {
  const load = questionnaireFiles[`../../questionnaires/${depth}.json`];
  if (!load) throw new QuestionnaireError([{ path: '', message: { 'zh-CN': `没有 ${depth} 问卷`, en: `no ${depth} questionnaire` } }]);
  const checked = checkQuestionnaire(await load());
  if (!checked.ok) throw new QuestionnaireError(checked.issues);
  return checked.value;
}
