import { assembleKnowledgeBase, type KnowledgeBase, type KnowledgeFile, type Questionnaire } from '../engine/index.ts';
import { checkQuestionnaire } from '../schemas/questionnaire.ts';
import type { ValidationIssue } from '../schemas/issues.ts';
import { configInForce } from '../embed/config.ts';

// The knowledge base is validated by the test suite at build time; in the browser it is only assembled.
const seedFiles = import.meta.glob<KnowledgeFile>('../../seeds/*.json', { import: 'default' });
const questionnaireFiles = import.meta.glob<unknown>('../../questionnaires/*.json', { import: 'default' });

let knowledge: Promise<KnowledgeBase> | null = null;

/** The deployment's programme packs (runtime config) join the built-in data before any diagnosis. */
async function withPacks(kb: KnowledgeBase): Promise<KnowledgeBase> {
  const { config } = await configInForce();
  if (config.programmePacks.length === 0) return kb;
  const { applyConfiguredPacks } = await import('../embed/packs.ts');
  return (await applyConfiguredPacks(kb, config.programmePacks)).kb;
}

export function loadKnowledgeBase(): Promise<KnowledgeBase> {
  knowledge ??= Promise.all(Object.values(seedFiles).map((load) => load())).then(assembleKnowledgeBase).then(withPacks);
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
