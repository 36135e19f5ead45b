import type {
  AnswerBasis, AnswersFile, AxisResult, Cell, CellResult, ChallengeResult, Diagnosis, Flag, IndustryType,
  KnowledgeBase, Level, Need, NeedResult, Questionnaire, Reason, RoadmapRecord, Stage,
} from './types.ts';
import { NEEDS, ORGANIZATIONS, VALUE_FORMS } from './types.ts';
import { CELLS, formatNumber, round1, sameCell, stageLevel, stageOf, thresholdOf } from './cells.ts';
import { Explainer } from './explain.ts';
import { concat, message } from './messages.ts';
import {
  answerOf, chosenOptions, type ConditionContext, indexQuestionnaire, isAnswered, isVisible, type QuestionnaireIndex,
  resolveIndustryType,
} from './questionnaire.ts';
import { matchCases, matchPolicies, rankPriorities, buildRoadmap } from './recommend.ts';

export interface DiagnoseOptions {
  /** Roadmap record ids the user plans to take (what-if): each lifts its cell to that step's stage. */
  plannedSteps?: readonly string[];
}

export interface DiagnosisInput {
  questionnaire: Questionnaire;
  knowledgeBase: KnowledgeBase;
  answers: Pick<AnswersFile, 'profile' | 'answers'>;
}

interface CellTally {
  weighted: number;
  weights: number;
  basis: AnswerBasis[];
  visible: number;
  answered: number;
  unknown: number;
  notApplicable: number;
}

/** What the visible answers say, gathered in one pass: per-cell tallies and the tags on chosen options. */
interface Tally {
  cells: CellTally[];
  needs: NeedSources;
  challenges: Map<string, Set<string>>;
  painPoints: Set<string>;
  visible: number;
  answered: number;
}

class NeedSources {
  private readonly map = new Map<Need, { answers: Set<string>; cells: Cell[] }>();

  add(need: Need, questionId: string | null, cell: Cell | null): void {
    let entry = this.map.get(need);
    if (!entry) this.map.set(need, (entry = { answers: new Set(), cells: [] }));
    if (questionId !== null) entry.answers.add(questionId);
    if (cell && !entry.cells.some((c) => sameCell(c, cell))) entry.cells.push({ organization: cell.organization, value: cell.value });
  }

  results(): NeedResult[] {
    return NEEDS.filter((n) => this.map.has(n)).map((n) => {
      const src = this.map.get(n) as { answers: Set<string>; cells: Cell[] };
      return { id: n, answers: [...src.answers].sort(), cells: src.cells };
    });
  }
}

function tallyAnswers(index: QuestionnaireIndex, ctx: ConditionContext): Tally {
  const tally: Tally = {
    cells: CELLS.map(() => ({ weighted: 0, weights: 0, basis: [], visible: 0, answered: 0, unknown: 0, notApplicable: 0 })),
    needs: new NeedSources(),
    challenges: new Map(),
    painPoints: new Set(),
    visible: 0,
    answered: 0,
  };
  for (const entry of index.questions) {
    if (!isVisible(entry, ctx)) continue;
    tally.visible++;
    const value = answerOf(entry, ctx.answers);
    const answered = isAnswered(entry, value);
    if (answered) tally.answered++;
    const chosen = answered ? chosenOptions(entry, value) : [];
    const id = entry.question.id;
    for (const option of chosen) {
      for (const need of option.needs ?? []) tally.needs.add(need, id, null);
      for (const challenge of option.challenges ?? []) {
        const set = tally.challenges.get(challenge) ?? new Set<string>();
        set.add(id);
        tally.challenges.set(challenge, set);
      }
      if (option.painPoint !== undefined) tally.painPoints.add(option.painPoint);
    }
    const cell = entry.cellIndex >= 0 ? tally.cells[entry.cellIndex] : undefined;
    if (!cell) continue;
    cell.visible++;
    const option = chosen[0];
    if (!option) continue;
    if (option.special === 'na') {
      cell.notApplicable++;
      cell.basis.push({ questionId: id, optionId: option.id, level: null, special: 'na' });
      continue;
    }
    // "Don't know" scores as nothing yet; it still counts in the denominator.
    const level: Level = option.special === 'unknown' ? 0 : option.level ?? 0;
    const weight = entry.question.weight ?? 1;
    cell.answered++;
    cell.weighted += weight * level;
    cell.weights += weight;
    if (option.special === 'unknown') {
      cell.unknown++;
      cell.basis.push({ questionId: id, optionId: option.id, level: 0, special: 'unknown' });
    } else cell.basis.push({ questionId: id, optionId: option.id, level });
  }
  return tally;
}

interface CellContext {
  kb: KnowledgeBase;
  explain: Explainer;
  type: IndustryType | undefined;
  planned: RoadmapRecord[];
}

function cellResult(cell: Cell, tally: CellTally, ctx: CellContext): CellResult {
  const rules = ctx.kb.rules;
  const measured = tally.weights > 0 ? (100 * tally.weighted) / (3 * tally.weights) : null;
  let lift = -1;
  for (const r of ctx.planned) if (sameCell(r, cell)) lift = Math.max(lift, thresholdOf(r.stage, rules));
  const projected = lift >= 0 && (measured === null || lift > measured);
  const score = projected ? lift : measured === null ? null : round1(measured);
  return {
    organization: cell.organization,
    value: cell.value,
    score,
    stage: score === null ? null : stageOf(score, rules),
    weight: ctx.type?.weights.find((w) => sameCell(w, cell))?.weight ?? 1,
    target: (ctx.type?.targets ?? rules.defaultTargets).find((t) => sameCell(t, cell))?.stage ?? 'networked',
    answered: tally.answered,
    visible: tally.visible,
    unknown: tally.unknown,
    notApplicable: tally.notApplicable,
    projected,
    basis: tally.basis,
    reason: cellReason(cell, tally, score, projected, ctx),
  };
}

function cellReason(cell: Cell, tally: CellTally, score: number | null, projected: boolean, ctx: CellContext): Reason {
  const answers = tally.basis.map((b) => b.questionId);
  const name = ctx.explain.cell(cell);
  if (score === null) return { rule: 'cell-no-answers', answers, text: message('cellNoAnswers', { cell: name }) };
  if (projected) {
    const stage = ctx.explain.stage(stageOf(score, ctx.kb.rules));
    return { rule: 'cell-planned-step', answers, text: message('cellPlanned', { cell: name, stage, score: formatNumber(score) }) };
  }
  const parts = [message('cellMean', { answered: tally.answered, rung: formatNumber((score * 3) / 100), score: formatNumber(score) })];
  if (tally.unknown > 0) parts.push(message('cellUnknown', { n: tally.unknown }));
  if (tally.notApplicable > 0) parts.push(message('cellNotApplicable', { n: tally.notApplicable }));
  parts.push(message('end'));
  return { rule: 'cell-mean-level', answers, text: concat(...parts) };
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length);
}

function overallReason(sufficient: boolean, scoredCells: number, coverage: number, cells: CellResult[], type: IndustryType | undefined, rules: KnowledgeBase['rules']): Reason {
  const answers = cells.flatMap((c) => c.basis.map((b) => b.questionId));
  if (sufficient) {
    const weights = type ? message('quotedType', { type: type.name }) : message('defaultWeights');
    return { rule: 'overall-mean', answers, text: message('overallMean', { n: scoredCells, weights }) };
  }
  return {
    rule: 'overall-insufficient',
    answers,
    text: message('overallInsufficient', {
      pct: Math.round(coverage * 100),
      cells: scoredCells,
      minPct: Math.round(rules.minCoverage * 100),
      minCells: rules.minScoredCells,
    }),
  };
}

/**
 * Turns answers into a diagnosis. Pure and deterministic: the same input gives the same result,
 * and every number in it names the answers and the rule it came from.
 */
export function diagnose(input: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis {
  const { questionnaire, knowledgeBase: kb, answers } = input;
  const rules = kb.rules;
  const explain = new Explainer(kb);
  const index = indexQuestionnaire(questionnaire);
  const industry = resolveIndustryType(answers, kb);
  const type = industry.id === null ? undefined : kb.industryTypes.find((t) => t.id === industry.id);
  const tally = tallyAnswers(index, { index, answers, industryType: industry.id });

  const planned = new Set(options.plannedSteps ?? []);
  const plannedRecords = kb.roadmap.filter((r) => planned.has(r.id));
  const cellContext: CellContext = { kb, explain, type, planned: plannedRecords };
  const cells = CELLS.map((cell, i) => cellResult(cell, tally.cells[i] as CellTally, cellContext));

  const scored = cells.filter((c): c is CellResult & { score: number; stage: Stage } => c.score !== null);
  let scorable = 0;
  let answeredScorable = 0;
  let unknown = 0;
  let notApplicable = 0;
  for (const c of cells) {
    scorable += c.visible - c.notApplicable;
    answeredScorable += c.answered;
    unknown += c.unknown;
    notApplicable += c.notApplicable;
  }
  const coverageRatio = scorable === 0 ? 0 : answeredScorable / scorable;
  const confidence = scorable === 0 ? 0 : (answeredScorable - unknown) / scorable;
  const sufficient = (coverageRatio >= rules.minCoverage || plannedRecords.length > 0) && scored.length >= rules.minScoredCells;

  const axis = (pick: (c: CellResult) => boolean, id: string): AxisResult => {
    const score = mean(scored.filter(pick).map((c) => c.score));
    return { id, score, stage: score === null ? null : stageOf(score, rules) };
  };
  const overallScore = sufficient ? mean(scored.map((c) => c.score)) : null;
  const weightSum = scored.reduce((n, c) => n + c.weight, 0);
  const weightedScore = sufficient && weightSum > 0 ? round1(scored.reduce((n, c) => n + c.weight * c.score, 0) / weightSum) : null;

  const challenges: ChallengeResult[] = [];
  for (const challenge of kb.challenges) {
    const from = tally.challenges.get(challenge.id);
    if (!from) continue;
    challenges.push({ id: challenge.id, answers: [...from].sort() });
    for (const need of challenge.needs ?? []) for (const q of from) tally.needs.add(need, q, null);
  }

  const painPoints = kb.painPoints.filter((p) => tally.painPoints.has(p.id)).map((p) => p.id);
  const priorities = sufficient ? rankPriorities(cells, { kb, explain, painPoints, typeName: type?.name ?? null }) : [];
  const roadmap = buildRoadmap(priorities, { kb, explain });
  for (const step of roadmap) for (const need of [...step.needs, ...rules.gapNeeds[step.toStage]]) tally.needs.add(need, null, step);
  for (const step of plannedRecords) for (const need of [...step.needs, ...rules.gapNeeds[step.stage]]) tally.needs.add(need, null, step);
  const needs = tally.needs.results();
  const context = { kb, explain, industryType: industry.id, priorities, needs, profile: answers.profile };

  return {
    status: sufficient ? 'ok' : 'insufficient',
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    knowledgeBase: { version: kb.version },
    industryType: industry,
    progress: { answered: tally.answered, visible: tally.visible },
    coverage: { answered: answeredScorable, scorable, unknown, notApplicable, ratio: round3(coverageRatio) },
    confidence: round3(confidence),
    overall: {
      score: overallScore,
      stage: overallScore === null ? null : stageOf(overallScore, rules),
      weightedScore,
      reason: overallReason(sufficient, scored.length, coverageRatio, cells, type, rules),
    },
    cells,
    axes: {
      organization: ORGANIZATIONS.map((o) => axis((c) => c.organization === o, o)),
      value: VALUE_FORMS.map((v) => axis((c) => c.value === v, v)),
    },
    flags: findFlags(cells, input, explain),
    priorities,
    roadmap,
    needs,
    challenges,
    painPoints,
    cases: sufficient ? matchCases(context) : [],
    policies: matchPolicies(context),
    plannedSteps: plannedRecords.map((r) => r.id),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Contradictions the report should show rather than average away. */
function findFlags(cells: CellResult[], input: DiagnosisInput, explain: Explainer): Flag[] {
  const { rules } = input.knowledgeBase;
  const index = indexQuestionnaire(input.questionnaire);
  const flags: Flag[] = [];
  for (const cell of cells) {
    const levels = cell.basis.filter((b) => b.level !== null);
    const high = levels.filter((b) => (b.level ?? 0) >= rules.foundationRule.highLevel && b.special === undefined);
    const weakFoundation = levels.filter(
      (b) => index.byId.get(b.questionId)?.question.foundation === true && (b.level ?? 0) <= rules.foundationRule.foundationMaxLevel,
    );
    if (high.length > 0 && weakFoundation.length > 0) {
      const name = explain.cell(cell);
      flags.push({
        organization: cell.organization,
        value: cell.value,
        rule: 'foundation',
        reason: {
          rule: 'foundation',
          answers: [...high, ...weakFoundation].map((b) => b.questionId),
          text: message('flagFoundation', { cell: name, stage: explain.stage('intelligent') }),
        },
      });
    }
  }
  for (const p of rules.cellPrerequisites) {
    const cell = cells.find((c) => sameCell(c, p.cell));
    const required = cells.find((c) => sameCell(c, p.requires));
    if (!cell?.stage || !required?.stage || cell.projected) continue;
    if (stageLevel(cell.stage) >= stageLevel('networked') && stageLevel(required.stage) < stageLevel(p.minStage)) {
      const a = explain.cell(cell);
      const b = explain.cell(required);
      flags.push({
        organization: cell.organization,
        value: cell.value,
        rule: 'prerequisite',
        reason: {
          rule: 'prerequisite',
          answers: [...cell.basis, ...required.basis].map((x) => x.questionId),
          text: message('flagPrerequisite', { cell: a, stage: explain.stage(cell.stage), required: b, minStage: explain.stage(p.minStage) }),
        },
      });
    }
  }
  return flags;
}
