import type {
  AnswerBasis, AnswersFile, AxisResult, Cell, CellResult, ChallengeResult, Diagnosis, Flag, KnowledgeBase, Level,
  LocalizedText, Need, NeedResult, Option, Questionnaire, Reason, RoadmapRecord, Rules, Stage,
} from './types.ts';
import { NEEDS, ORGANIZATIONS, VALUE_FORMS } from './types.ts';
import { CELLS, formatNumber, perCell, round1, sameCell, stageLevel, stageOf, thresholdOf } from './cells.ts';
import { type Explainer, explainerFor } from './explain.ts';
import { concat, message } from './messages.ts';
import { prepare, type Prepared, type PreparedIndustryType } from './prepared.ts';
import {
  answerOf, chosenOptions, type ConditionContext, type IndexedQuestion, indexQuestionnaire, isAnswered, isVisible,
  type QuestionnaireIndex, resolveIndustryType,
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

interface NeedSource {
  answers: Set<string>;
  cells: Cell[];
}

/** Where each need came from: the answers that revealed it and the roadmap cells that call for it. */
class NeedSources {
  private readonly map = new Map<Need, NeedSource>();

  private entry(need: Need): NeedSource {
    let entry = this.map.get(need);
    if (!entry) this.map.set(need, (entry = { answers: new Set(), cells: [] }));
    return entry;
  }

  addAnswer(need: Need, questionId: string): void {
    this.entry(need).answers.add(questionId);
  }

  addCell(need: Need, cell: Cell): void {
    const entry = this.entry(need);
    if (!entry.cells.some((c) => sameCell(c, cell))) entry.cells.push({ organization: cell.organization, value: cell.value });
  }

  /** In NEEDS order; needs outside it are not reported. */
  results(): NeedResult[] {
    const out: NeedResult[] = [];
    for (const id of NEEDS) {
      const src = this.map.get(id);
      if (src) out.push({ id, answers: [...src.answers].sort(), cells: src.cells });
    }
    return out;
  }
}

function tallyAnswers(index: QuestionnaireIndex, ctx: ConditionContext): Tally {
  const tally: Tally = {
    cells: perCell(() => ({ weighted: 0, weights: 0, basis: [], visible: 0, answered: 0, unknown: 0, notApplicable: 0 })),
    needs: new NeedSources(),
    challenges: new Map(),
    painPoints: new Set(),
    visible: 0,
    answered: 0,
  };
  for (const entry of index.questions) {
    if (!isVisible(entry, ctx)) continue;
    tally.visible++;
    const cell = entry.cellIndex >= 0 ? tally.cells[entry.cellIndex] : undefined;
    if (cell) cell.visible++;
    const value = answerOf(entry, ctx.answers);
    if (!isAnswered(entry, value)) continue;
    tally.answered++;
    const chosen = chosenOptions(entry, value);
    for (const option of chosen) tagOption(tally, entry.question.id, option);
    const first = chosen[0];
    if (cell && first) scoreAnswer(cell, entry, first);
  }
  return tally;
}

/** Needs, challenges and pain points an option is tagged with. */
function tagOption(tally: Tally, questionId: string, option: Option): void {
  if (option.needs) for (const need of option.needs) tally.needs.addAnswer(need, questionId);
  if (option.challenges) {
    for (const challenge of option.challenges) {
      let from = tally.challenges.get(challenge);
      if (!from) tally.challenges.set(challenge, (from = new Set()));
      from.add(questionId);
    }
  }
  if (option.painPoint !== undefined) tally.painPoints.add(option.painPoint);
}

function scoreAnswer(cell: CellTally, entry: IndexedQuestion, option: Option): void {
  const questionId = entry.question.id;
  if (option.special === 'na') {
    cell.notApplicable++;
    cell.basis.push({ questionId, optionId: option.id, level: null, special: 'na' });
    return;
  }
  // "Don't know" scores as nothing yet; it still counts in the denominator.
  const level: Level = option.special === 'unknown' ? 0 : option.level ?? 0;
  const weight = entry.question.weight ?? 1;
  cell.answered++;
  cell.weighted += weight * level;
  cell.weights += weight;
  if (option.special === 'unknown') {
    cell.unknown++;
    cell.basis.push({ questionId, optionId: option.id, level: 0, special: 'unknown' });
  } else cell.basis.push({ questionId, optionId: option.id, level });
}

interface CellContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  type: PreparedIndustryType | undefined;
  planned: RoadmapRecord[];
}

function cellResult(i: number, tally: CellTally, ctx: CellContext): CellResult {
  const cell = CELLS[i] as Cell;
  const rules = ctx.rules;
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
    weight: ctx.type ? (ctx.type.weights[i] as number) : 1,
    target: ((ctx.type ? ctx.type.targets : ctx.prepared.defaultTargets)[i]) as Stage,
    answered: tally.answered,
    visible: tally.visible,
    unknown: tally.unknown,
    notApplicable: tally.notApplicable,
    projected,
    basis: tally.basis,
    reason: cellReason(i, tally, score, projected, ctx),
  };
}

/** The full stop closing a cell's reason: the same in every one. */
const END = message('end');

function cellReason(i: number, tally: CellTally, score: number | null, projected: boolean, ctx: CellContext): Reason {
  const answers = tally.basis.map((b) => b.questionId);
  const name = ctx.prepared.cellNames[i] as LocalizedText;
  if (score === null) return { rule: 'cell-no-answers', answers, text: message('cellNoAnswers', { cell: name }) };
  if (projected) {
    const stage = ctx.explain.stage(stageOf(score, ctx.rules));
    return { rule: 'cell-planned-step', answers, text: message('cellPlanned', { cell: name, stage, score: formatNumber(score) }) };
  }
  const parts = [message('cellMean', { answered: tally.answered, rung: formatNumber((score * 3) / 100), score: formatNumber(score) })];
  if (tally.unknown > 0) parts.push(message('cellUnknown', { n: tally.unknown }));
  if (tally.notApplicable > 0) parts.push(message('cellNotApplicable', { n: tally.notApplicable }));
  parts.push(END);
  return { rule: 'cell-mean-level', answers, text: concat(parts) };
}

/** Positions in CELLS of each row (organization) and column (value form), in reading order. */
const ROWS = ORGANIZATIONS.map((o) => CELLS.flatMap((c, i) => (c.organization === o ? [i] : [])));
const COLUMNS = VALUE_FORMS.map((v) => CELLS.flatMap((c, i) => (c.value === v ? [i] : [])));

/** Mean of the scored cells among those positions (summed in reading order), or null when none is scored. */
function meanScore(cells: readonly CellResult[], positions: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (const i of positions) {
    const score = (cells[i] as CellResult).score;
    if (score === null) continue;
    sum += score;
    n++;
  }
  return n === 0 ? null : round1(sum / n);
}

function axisResult(id: string, cells: readonly CellResult[], positions: readonly number[], rules: Rules): AxisResult {
  const score = meanScore(cells, positions);
  return { id, score, stage: score === null ? null : stageOf(score, rules) };
}

const ALL_CELLS = CELLS.map((_, i) => i);

/** The industry-weighted mean of the scored cells. */
function weightedMean(cells: readonly CellResult[]): number | null {
  let weights = 0;
  let weighted = 0;
  for (const c of cells) if (c.score !== null) weights += c.weight;
  for (const c of cells) if (c.score !== null) weighted += c.weight * c.score;
  return weights > 0 ? round1(weighted / weights) : null;
}

interface Coverage {
  answered: number;
  scorable: number;
  unknown: number;
  notApplicable: number;
  scored: number;
}

function coverageOf(cells: readonly CellResult[]): Coverage {
  const coverage: Coverage = { answered: 0, scorable: 0, unknown: 0, notApplicable: 0, scored: 0 };
  for (const c of cells) {
    coverage.scorable += c.visible - c.notApplicable;
    coverage.answered += c.answered;
    coverage.unknown += c.unknown;
    coverage.notApplicable += c.notApplicable;
    if (c.score !== null) coverage.scored++;
  }
  return coverage;
}

function overallReason(sufficient: boolean, scoredCells: number, coverage: number, cells: CellResult[], weights: LocalizedText | null, rules: Rules): Reason {
  const answers: string[] = [];
  for (const c of cells) for (const b of c.basis) answers.push(b.questionId);
  if (sufficient) return { rule: 'overall-mean', answers, text: message('overallMean', { n: scoredCells, weights: weights as LocalizedText }) };
  // Enough answers, but most of them "not applicable": say that, not "answer more".
  if (coverage >= rules.minCoverage) {
    return { rule: 'overall-too-few-cells', answers, text: message('overallTooFewCells', { cells: scoredCells, minCells: rules.minScoredCells }) };
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

/** The challenges the answers reveal, in the knowledge base's order; their needs join the answers' needs. */
function challengeResults(kb: KnowledgeBase, tally: Tally): ChallengeResult[] {
  const challenges: ChallengeResult[] = [];
  for (const challenge of kb.challenges) {
    const from = tally.challenges.get(challenge.id);
    if (!from) continue;
    challenges.push({ id: challenge.id, answers: [...from].sort() });
    if (challenge.needs) for (const need of challenge.needs) for (const q of from) tally.needs.addAnswer(need, q);
  }
  return challenges;
}

/** Each roadmap step (proposed or planned) needs what its own record names plus what its rung calls for. */
function addStepNeeds(needs: NeedSources, cell: Cell, stepNeeds: readonly Need[], stage: Exclude<Stage, 'none'>, rules: Rules): void {
  for (const need of stepNeeds) needs.addCell(need, cell);
  for (const need of rules.gapNeeds[stage]) needs.addCell(need, cell);
}

function plannedRecordsOf(kb: KnowledgeBase, plannedSteps: readonly string[] | undefined): RoadmapRecord[] {
  if (!plannedSteps || plannedSteps.length === 0) return [];
  const planned = new Set(plannedSteps);
  return kb.roadmap.filter((r) => planned.has(r.id));
}

/**
 * Turns answers into a diagnosis. Pure and deterministic: the same input gives the same result,
 * and every number in it names the answers and the rule it came from.
 */
export function diagnose(input: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis {
  const { questionnaire, knowledgeBase: kb, answers } = input;
  const rules = kb.rules;
  const prepared = prepare(kb);
  const explain = explainerFor(kb);
  const index = indexQuestionnaire(questionnaire);
  const industry = resolveIndustryType(answers, kb);
  const type = industry.id === null ? undefined : prepared.industryTypes.get(industry.id);
  const tally = tallyAnswers(index, { index, answers, industryType: industry.id });

  const plannedRecords = plannedRecordsOf(kb, options.plannedSteps);
  const cellContext: CellContext = { rules, prepared, explain, type, planned: plannedRecords };
  const cells = perCell((i) => cellResult(i, tally.cells[i] as CellTally, cellContext));

  const coverage = coverageOf(cells);
  const coverageRatio = coverage.scorable === 0 ? 0 : coverage.answered / coverage.scorable;
  const confidence = coverage.scorable === 0 ? 0 : (coverage.answered - coverage.unknown) / coverage.scorable;
  const planning = plannedRecords.length > 0;
  const sufficient = (coverageRatio >= rules.minCoverage || planning) && coverage.scored >= rules.minScoredCells;
  const overallScore = sufficient ? meanScore(cells, ALL_CELLS) : null;
  // The same phrase names the weights in the overall reason and in every priority's.
  const weights = !sufficient ? null : type ? message('quotedType', { type: type.record.name }) : message('defaultWeights');

  const challenges = challengeResults(kb, tally);
  const painPoints: string[] = [];
  for (const p of kb.painPoints) if (tally.painPoints.has(p.id)) painPoints.push(p.id);
  const priorities = weights ? rankPriorities(cells, { rules, prepared, explain, painPoints, weights }) : [];
  const roadmap = buildRoadmap(priorities, { prepared, explain });
  for (const step of roadmap) addStepNeeds(tally.needs, step, step.needs, step.toStage, rules);
  for (const step of plannedRecords) addStepNeeds(tally.needs, step, step.needs, step.stage, rules);
  const needs = tally.needs.results();
  const context = { rules, prepared, explain, industryType: industry.id, priorities, needs, profile: answers.profile };

  return {
    status: sufficient ? 'ok' : 'insufficient',
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    knowledgeBase: { version: kb.version },
    industryType: industry,
    progress: { answered: tally.answered, visible: tally.visible },
    coverage: {
      answered: coverage.answered,
      scorable: coverage.scorable,
      unknown: coverage.unknown,
      notApplicable: coverage.notApplicable,
      ratio: round3(coverageRatio),
    },
    confidence: round3(confidence),
    overall: {
      score: overallScore,
      stage: overallScore === null ? null : stageOf(overallScore, rules),
      weightedScore: sufficient ? weightedMean(cells) : null,
      reason: overallReason(sufficient, coverage.scored, coverageRatio, cells, weights, rules),
    },
    cells,
    axes: {
      organization: ORGANIZATIONS.map((o, r) => axisResult(o, cells, ROWS[r] as number[], rules)),
      value: VALUE_FORMS.map((v, c) => axisResult(v, cells, COLUMNS[c] as number[], rules)),
    },
    flags: findFlags(cells, index, prepared, rules, explain),
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
function findFlags(cells: CellResult[], index: QuestionnaireIndex, prepared: Prepared, rules: Rules, explain: Explainer): Flag[] {
  const flags: Flag[] = [];
  cells.forEach((cell, i) => {
    const answers = foundationConflict(cell.basis, index, rules);
    if (answers) flags.push(flag(cell, 'foundation', answers, message('flagFoundation', { cell: prepared.cellNames[i] as LocalizedText, stage: explain.stage('intelligent') })));
  });
  for (const p of prepared.prerequisites) {
    const cell = cells[p.cell];
    const required = cells[p.requires];
    if (!cell?.stage || !required?.stage || cell.projected) continue;
    if (stageLevel(cell.stage) >= stageLevel('networked') && stageLevel(required.stage) < stageLevel(p.minStage)) {
      const answers = cell.basis.map((x) => x.questionId);
      for (const x of required.basis) answers.push(x.questionId);
      flags.push(flag(cell, 'prerequisite', answers, message('flagPrerequisite', {
        cell: prepared.cellNames[p.cell] as LocalizedText,
        stage: explain.stage(cell.stage),
        required: prepared.cellNames[p.requires] as LocalizedText,
        minStage: explain.stage(p.minStage),
      })));
    }
  }
  return flags;
}

function flag(cell: Cell, rule: Flag['rule'], answers: string[], text: LocalizedText): Flag {
  return { organization: cell.organization, value: cell.value, rule, reason: { rule, answers, text } };
}

/**
 * "AI without data": the answers at the highest rungs, then the foundation answers at the lowest, of a cell that
 * has both; null when it has not.
 */
function foundationConflict(basis: readonly AnswerBasis[], index: QuestionnaireIndex, rules: Rules): string[] | null {
  const { highLevel, foundationMaxLevel } = rules.foundationRule;
  const high: string[] = [];
  const weakFoundation: string[] = [];
  for (const b of basis) {
    if (b.level === null) continue;
    if (b.level >= highLevel && b.special === undefined) high.push(b.questionId);
    if (b.level <= foundationMaxLevel && index.byId.get(b.questionId)?.question.foundation === true) weakFoundation.push(b.questionId);
  }
  if (high.length === 0 || weakFoundation.length === 0) return null;
  for (const id of weakFoundation) high.push(id);
  return high;
}
