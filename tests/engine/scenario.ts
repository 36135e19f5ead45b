/**
 * A tiny scenario language for the diagnosis engine (after getodk/web-forms' Scenario): start from the real
 * knowledge base and the real questionnaires, answer questions one by one, then read the diagnosis.
 *
 *   const s = scenario({ profile: { sector: 'C39' } });
 *   s.answerLevel('fp-production-records', 2).answer('fp-process-settings', 'na');
 *   expect(s.cellOf('factory', 'product').score).toBe(...);
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  diagnose, indexQuestionnaire, visibleQuestions,
  type AnswerMap, type AnswerValue, type CellResult, type Diagnosis, type KnowledgeBase, type Level, type Organization,
  type Question, type Questionnaire, type ValueForm,
} from '../../src/engine/index.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR } from '../../src/knowledge/node.ts';
import { checkQuestionnaire } from '../../src/schemas/questionnaire.ts';

/** The report date the tests use unless they say otherwise. */
export const REPORT_DATE = '2026-12-01';

let kbCache: KnowledgeBase | undefined;
const questionnaireCache = new Map<string, Questionnaire>();

/** The real knowledge base in seeds/, loaded and validated once per test file. */
export function knowledgeBase(): KnowledgeBase {
  kbCache ??= loadKnowledgeBase();
  return kbCache;
}

/** A real questionnaire (questionnaires/<name>.json), validated; cached, so treat it as read-only. */
export function loadQuestionnaire(name: 'full' | 'quick'): Questionnaire {
  const cached = questionnaireCache.get(name);
  if (cached) return cached;
  const checked = checkQuestionnaire(JSON.parse(readFileSync(join(QUESTIONNAIRES_DIR, `${name}.json`), 'utf8')) as unknown);
  if (!checked.ok) throw new Error(`questionnaires/${name}.json is invalid: ${JSON.stringify(checked.issues)}`);
  questionnaireCache.set(name, checked.value);
  return checked.value;
}

/** A deep copy of a real questionnaire, to change in one test without touching the others. */
export function questionnaireCopy(name: 'full' | 'quick'): Questionnaire {
  return structuredClone(loadQuestionnaire(name));
}

/** The questions of the maturity sections, in questionnaire order. */
export function maturityQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections.filter((s) => s.kind === 'maturity').flatMap((s) => s.questions);
}

/** Question ids that some visibleIf condition reads (changing them can change what is shown). */
export function conditionSources(questionnaire: Questionnaire): Set<string> {
  const out = new Set<string>();
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) c.forEach(walk);
    else if (typeof c === 'object' && c !== null) {
      for (const [key, v] of Object.entries(c)) {
        if (key === 'question' && typeof v === 'string') out.add(v);
        else walk(v);
      }
    }
  };
  for (const section of questionnaire.sections) for (const q of section.questions) walk(q.visibleIf);
  return out;
}

export interface ScenarioInit {
  /** A real questionnaire by name (default "full") or any questionnaire object. */
  questionnaire?: 'full' | 'quick' | Questionnaire;
  profile?: AnswerMap;
  answers?: AnswerMap;
  /** Roadmap step ids the user plans to take (what-if). */
  plannedSteps?: string[];
  /** Another knowledge base (e.g. a modified copy of the real one). */
  knowledgeBase?: KnowledgeBase;
  /** The report date (default 2026-12-01, so that which programmes are open does not depend on the day tests run). */
  date?: string;
}

export class Scenario {
  readonly questionnaire: Questionnaire;
  readonly kb: KnowledgeBase;
  readonly profile: AnswerMap;
  readonly answers: AnswerMap;
  plannedSteps: string[];
  readonly date: string;

  constructor(init: ScenarioInit = {}) {
    this.date = init.date ?? REPORT_DATE;
    this.questionnaire =
      typeof init.questionnaire === 'object' ? init.questionnaire : loadQuestionnaire(init.questionnaire ?? 'full');
    this.kb = init.knowledgeBase ?? knowledgeBase();
    this.profile = { ...init.profile };
    this.answers = { ...init.answers };
    this.plannedSteps = [...(init.plannedSteps ?? [])];
  }

  private entry(id: string) {
    const entry = indexQuestionnaire(this.questionnaire).byId.get(id);
    if (!entry) throw new Error(`scenario: no question "${id}" in ${this.questionnaire.id}`);
    return entry;
  }

  /** Answers a question; profile questions go to `profile`, all others to `answers`. */
  answer(id: string, value: AnswerValue): this {
    const entry = this.entry(id);
    (entry.inProfile ? this.profile : this.answers)[id] = value;
    return this;
  }

  /** Removes an answer. */
  clear(id: string): this {
    const entry = this.entry(id);
    delete (entry.inProfile ? this.profile : this.answers)[id];
    return this;
  }

  /** Answers a maturity question with the option on that rung of the ladder. */
  answerLevel(questionId: string, level: Level): this {
    const option = this.entry(questionId).question.options?.find((o) => o.level === level);
    if (!option) throw new Error(`scenario: question "${questionId}" has no option at level ${level}`);
    return this.answer(questionId, option.id);
  }

  /** Answers a maturity question with its 不适用 (na) or 不清楚 (unknown) option. */
  answerSpecial(questionId: string, special: 'na' | 'unknown'): this {
    const option = this.entry(questionId).question.options?.find((o) => o.special === special);
    if (!option) throw new Error(`scenario: question "${questionId}" has no "${special}" option`);
    return this.answer(questionId, option.id);
  }

  /** The maturity questions of one cell (visible or not), in questionnaire order. */
  questionsOf(organization: Organization, value: ValueForm): Question[] {
    return maturityQuestions(this.questionnaire).filter(
      (q) => q.cell?.organization === organization && q.cell.value === value,
    );
  }

  /**
   * Answers every unconditional maturity question of one cell with the given levels (cycled). The cell's
   * foundation question takes the highest of them, so that no claim is capped by the foundation rule (tests of
   * the cap answer questions one by one).
   */
  answerCell(organization: Organization, value: ValueForm, ...levels: Level[]): this {
    const questions = this.questionsOf(organization, value).filter((q) => q.visibleIf === undefined);
    const assigned = questions.map((_, i) => levels[i % levels.length] ?? 0);
    const f = questions.findIndex((q) => q.foundation);
    const top = assigned.indexOf(Math.max(...assigned) as Level);
    if (f >= 0 && top >= 0) [assigned[f], assigned[top]] = [assigned[top] as Level, assigned[f] as Level];
    questions.forEach((q, i) => this.answerLevel(q.id, assigned[i] as Level));
    return this;
  }

  /** Answers every maturity question shown for the current profile at one level. */
  answerAll(level: Level): this {
    const shown = new Set(visibleQuestions(this.questionnaire, this.input(), this.kb).map((q) => q.question.id));
    for (const q of maturityQuestions(this.questionnaire)) if (shown.has(q.id)) this.answerLevel(q.id, level);
    return this;
  }

  plan(...stepIds: string[]): this {
    this.plannedSteps.push(...stepIds);
    return this;
  }

  /** The answers as the engine (and an answers file) holds them. */
  input(): { profile: AnswerMap; answers: AnswerMap } {
    return { profile: { ...this.profile }, answers: { ...this.answers } };
  }

  diagnosis(): Diagnosis {
    return diagnose(
      { questionnaire: this.questionnaire, knowledgeBase: this.kb, answers: this.input() },
      { plannedSteps: this.plannedSteps, date: this.date },
    );
  }

  cellOf(organization: Organization, value: ValueForm): CellResult {
    const cell = this.diagnosis().cells.find((c) => c.organization === organization && c.value === value);
    if (!cell) throw new Error(`scenario: no cell ${organization}-${value} in the result`);
    return cell;
  }

  /** A copy to branch from (what-if comparisons). */
  fork(): Scenario {
    return new Scenario({
      questionnaire: this.questionnaire,
      knowledgeBase: this.kb,
      profile: this.profile,
      answers: this.answers,
      plannedSteps: this.plannedSteps,
      date: this.date,
    });
  }
}

export function scenario(init: ScenarioInit = {}): Scenario {
  return new Scenario(init);
}
