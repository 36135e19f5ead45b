import { CELLS, sameCell } from './cells.ts';
import type {
  AnswersFile, Cell, AnswerValue, Condition, IndustryTypeId, IndustryTypeResult, KnowledgeBase, Option, Question,
  Questionnaire, Section, Sector,
} from './types.ts';
import { ENABLERS } from './types.ts';

export interface IndexedQuestion {
  question: Question;
  section: Section;
  /** Profile answers are kept in `profile`, all others in `answers`. */
  inProfile: boolean;
  options: Map<string, Option>;
  /** Position in CELLS of a maturity question's cell; -1 for other questions. */
  cellIndex: number;
  /** Position in ENABLERS of an enabler question's capability; -1 for other questions. */
  enablerIndex: number;
}

export interface QuestionnaireIndex {
  questionnaire: Questionnaire;
  questions: IndexedQuestion[];
  byId: Map<string, IndexedQuestion>;
}

const indexCache = new WeakMap<Questionnaire, QuestionnaireIndex>();

/** Looks questions up by id; cached per questionnaire object, so scoring many answer sets stays cheap. */
export function indexQuestionnaire(questionnaire: Questionnaire): QuestionnaireIndex {
  const cached = indexCache.get(questionnaire);
  if (cached) return cached;
  const questions: IndexedQuestion[] = [];
  const byId = new Map<string, IndexedQuestion>();
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const entry: IndexedQuestion = {
        question,
        section,
        inProfile: section.kind === 'profile',
        options: new Map((question.options ?? []).map((o) => [o.id, o])),
        cellIndex: section.kind === 'maturity' && question.cell ? CELLS.findIndex((c) => sameCell(c, question.cell as Cell)) : -1,
        enablerIndex: section.kind === 'enabler' && question.enabler ? ENABLERS.indexOf(question.enabler) : -1,
      };
      questions.push(entry);
      byId.set(question.id, entry);
    }
  }
  const index = { questionnaire, questions, byId };
  indexCache.set(questionnaire, index);
  return index;
}

export function answerOf(entry: IndexedQuestion, answers: Pick<AnswersFile, 'profile' | 'answers'>): AnswerValue | undefined {
  const map = entry.inProfile ? answers.profile : answers.answers;
  return Object.hasOwn(map, entry.question.id) ? map[entry.question.id] : undefined;
}

/** True when the value is a usable answer to that question (right type, known option ids). */
export function isAnswered(entry: IndexedQuestion, value: AnswerValue | undefined): boolean {
  // The industry type always has an answer: left alone, it is the one the sector implies.
  if (entry.question.type === 'industry-type') return true;
  if (value === undefined) return false;
  switch (entry.question.type) {
    case 'single':
      return typeof value === 'string' && entry.options.has(value);
    case 'multi':
      return Array.isArray(value) && value.length > 0 && value.every((v) => entry.options.has(v));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** The options chosen in a single or multi question (unknown ids are ignored). */
export function chosenOptions(entry: IndexedQuestion, value: AnswerValue | undefined): Option[] {
  if (value === undefined) return [];
  const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const out: Option[] = [];
  for (const id of ids) {
    const option = entry.options.get(id);
    if (option) out.push(option);
  }
  return out;
}

export interface ConditionContext {
  index: QuestionnaireIndex;
  answers: Pick<AnswersFile, 'profile' | 'answers'>;
  industryType: IndustryTypeId | null;
}

export function evaluate(condition: Condition, ctx: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, ctx));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, ctx));
  if ('not' in condition) return !evaluate(condition.not, ctx);
  if ('industryType' in condition) return ctx.industryType !== null && condition.industryType.includes(ctx.industryType);
  const entry = ctx.index.byId.get(condition.question);
  if (!entry) return false;
  const value = answerOf(entry, ctx.answers);
  if ('in' in condition) {
    const given = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
    return given.some((v) => condition.in.includes(v));
  }
  if (typeof value !== 'number') return false;
  return (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max);
}

export function isVisible(entry: IndexedQuestion, ctx: ConditionContext): boolean {
  return entry.question.visibleIf === undefined || evaluate(entry.question.visibleIf, ctx);
}

/**
 * The industry type: the profile's explicit choice wins, then the sector's type (blended where its class mixes
 * types), else none.
 */
export function resolveIndustryType(
  answers: Pick<AnswersFile, 'profile'>,
  kb: Pick<KnowledgeBase, 'industryTypes' | 'sectors'>,
): IndustryTypeResult {
  const sector = sectorOf(answers.profile['sector'], kb.sectors);
  const chosen = answers.profile['industryType'];
  const explicit = kb.industryTypes.find((t) => t.id === chosen);
  if (explicit) return { id: explicit.id, source: 'profile', sector: sector?.id ?? null, blend: null, reason: null };
  if (sector) {
    return {
      id: sector.industryType,
      source: 'sector',
      sector: sector.id,
      blend: sector.blend && sector.blend.length > 1 ? sector.blend : null,
      reason: sector.typeReason ?? null,
    };
  }
  return { id: null, source: 'none', sector: null, blend: null, reason: null };
}

/** The sector record of an answer, if it names one. */
export function sectorOf(value: unknown, sectors: readonly Sector[]): Sector | null {
  return typeof value === 'string' ? sectors.find((s) => s.id === value) ?? null : null;
}

export interface Progress {
  answered: number;
  visible: number;
}

/** Which questions are shown for these answers, and how many of them are answered. */
export function visibleQuestions(
  questionnaire: Questionnaire,
  answers: Pick<AnswersFile, 'profile' | 'answers'>,
  kb: Pick<KnowledgeBase, 'industryTypes' | 'sectors'>,
): IndexedQuestion[] {
  const index = indexQuestionnaire(questionnaire);
  const ctx: ConditionContext = { index, answers, industryType: resolveIndustryType(answers, kb).id };
  return index.questions.filter((q) => isVisible(q, ctx));
}

export function progressOf(
  questionnaire: Questionnaire,
  answers: Pick<AnswersFile, 'profile' | 'answers'>,
  kb: Pick<KnowledgeBase, 'industryTypes' | 'sectors'>,
): Progress {
  const visible = visibleQuestions(questionnaire, answers, kb);
  return { answered: visible.filter((q) => isAnswered(q, answerOf(q, answers))).length, visible: visible.length };
}
