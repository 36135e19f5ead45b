import type {
  AnswerBasis, AnswerMap, AnswersFile, AxisResult, Cell, CellResult, ChallengeResult, Diagnosis, EnablerId,
  EnablerResult, Flag, IndicativeLevel, IndustryTypeResult, KnowledgeBase, Level, LocalizedText, Need, NeedResult,
  Option, OutcomeHit, ProfileLink, Questionnaire, Reason, Rules, Scenario, SizeClassRule, SizeResult, Stage,
} from './types.ts';
import { ENABLERS, NEEDS, ORGANIZATIONS, VALUE_FORMS } from './types.ts';
import { CELLS, cellIndex, formatNumber, perCell, round1, sameCell, stageAt, stageLevel, stageOf } from './cells.ts';
import { type Explainer, explainerFor, SIZE_NAMES } from './explain.ts';
import { concat, message } from './messages.ts';
import { prepare, type Prepared } from './prepared.ts';
import {
  answerOf, chosenOptions, type ConditionContext, evaluate, type IndexedQuestion, indexQuestionnaire, isAnswered, isVisible,
  type QuestionnaireIndex, resolveIndustryType,
} from './questionnaire.ts';
import { matchCases, matchPolicies, practiceLevel, rankPriorities, buildRoadmap } from './recommend.ts';

export interface DiagnoseOptions {
  /**
   * Roadmap steps (scenario ids) the user plans to take (what-if): each lifts the practices that fired it to
   * the rung it reaches, and the diagnosis is worked out again from those answers.
   */
  plannedSteps?: readonly string[];
  /** The report date (YYYY-MM-DD): programmes whose dates exclude it are left out. Without it, dates are not checked. */
  date?: string;
}

export interface DiagnosisInput {
  questionnaire: Questionnaire;
  knowledgeBase: KnowledgeBase;
  answers: Pick<AnswersFile, 'profile' | 'answers'>;
}

/** One scored answer of a cell or an enabler, kept until the cell's foundation is known. */
interface Scored {
  basis: AnswerBasis;
  weight: number;
  foundation: boolean;
  /** The practices this claim stands on; null: the cell's foundation question. */
  standsOn: string[] | null;
}

interface CellTally {
  scored: Scored[];
  basis: AnswerBasis[];
  visible: number;
  answered: number;
  unknown: number;
  notApplicable: number;
  /** The rung of the cell's foundation answer ("don't know" as 0); null when it is not answered or not applicable. */
  foundationLevel: Level | null;
}

/** What the visible answers say, gathered in one pass: per-cell tallies and the tags on chosen options. */
interface Tally {
  cells: CellTally[];
  enablers: CellTally[];
  needs: NeedSources;
  challenges: Map<string, Set<string>>;
  painPoints: Set<string>;
  /** Outcome figures that raise each cell, by position in CELLS. */
  outcomes: OutcomeHit[][];
  /** `rules.secondaryLinkShare`: the share of a figure's effect on the cells after the first it lists. */
  secondaryShare: number;
  /** The profile links that hold for this company (`rules.profileLinks`). */
  links: readonly ProfileLink[];
  capacity: { steps: number; answers: string[] } | null;
  revenue: { min?: number; max?: number } | null;
  /** "Don't know" answers to scored questions, in questionnaire order. */
  unknownQuestions: IndexedQuestion[];
  /** The rung of each shown, scored answer ("don't know" as 0), and the options chosen in each shown question. */
  levels: Map<string, Level>;
  chosen: Map<string, string[]>;
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

function emptyTally(): CellTally {
  return { scored: [], basis: [], visible: 0, answered: 0, unknown: 0, notApplicable: 0, foundationLevel: null };
}

function tallyAnswers(index: QuestionnaireIndex, ctx: ConditionContext, secondaryShare: number, links: readonly ProfileLink[]): Tally {
  const tally: Tally = {
    secondaryShare,
    links,
    cells: perCell(emptyTally),
    enablers: ENABLERS.map(emptyTally),
    needs: new NeedSources(),
    challenges: new Map(),
    painPoints: new Set(),
    outcomes: perCell(() => []),
    capacity: null,
    revenue: null,
    unknownQuestions: [],
    levels: new Map(),
    chosen: new Map(),
    visible: 0,
    answered: 0,
  };
  for (const entry of index.questions) {
    if (!isVisible(entry, ctx)) continue;
    tally.visible++;
    const scored = entry.cellIndex >= 0 ? tally.cells[entry.cellIndex] : entry.enablerIndex >= 0 ? tally.enablers[entry.enablerIndex] : undefined;
    if (scored) scored.visible++;
    const value = answerOf(entry, ctx.answers);
    if (!isAnswered(entry, value)) continue;
    tally.answered++;
    const chosen = chosenOptions(entry, value);
    for (const option of chosen) tagOption(tally, entry.question.id, option);
    if (chosen.length) tally.chosen.set(entry.question.id, chosen.map((o) => o.id));
    const first = chosen[0];
    if (scored && first) {
      scoreAnswer(scored, entry, first);
      if (first.special !== 'na') tally.levels.set(entry.question.id, first.special === 'unknown' ? 0 : first.level ?? 0);
      if (first.special === 'unknown') tally.unknownQuestions.push(entry);
    }
  }
  return tally;
}

/** Needs, challenges, pain points, outcome effects, capacity and revenue an option is tagged with. */
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
  if (option.outcomeEffect) {
    // Full effect on the first cell listed, where the loss is felt, and on cells a profile link adds; a share
    // of it on the others.
    const full = option.outcomeEffect.factor;
    const shares = new Map<number, number>();
    option.outcomeEffect.cells.forEach((cell, k) => shares.set(cellIndex(cell), k === 0 ? 1 : tally.secondaryShare));
    for (const link of tally.links) {
      if (link.outcomes.includes(questionId)) for (const cell of link.cells) shares.set(cellIndex(cell), 1);
    }
    for (const [i, share] of [...shares].sort((a, b) => a[0] - b[0])) {
      const hits = tally.outcomes[i];
      const factor = share === 1 ? full : round2(1 + (full - 1) * share);
      if (hits && factor > 1) hits.push({ questionId, optionId: option.id, factor });
    }
  }
  if (option.capacity !== undefined) {
    if (!tally.capacity || option.capacity < tally.capacity.steps) tally.capacity = { steps: option.capacity, answers: [questionId] };
    else if (option.capacity === tally.capacity.steps) tally.capacity.answers.push(questionId);
  }
  if (option.range) tally.revenue = option.range;
}

function scoreAnswer(cell: CellTally, entry: IndexedQuestion, option: Option): void {
  const questionId = entry.question.id;
  const foundation = entry.question.foundation === true;
  if (option.special === 'na') {
    cell.notApplicable++;
    cell.basis.push({ questionId, optionId: option.id, level: null, special: 'na' });
    return;
  }
  // "Don't know" scores as nothing yet; it still counts in the denominator.
  const level: Level = option.special === 'unknown' ? 0 : option.level ?? 0;
  cell.answered++;
  const basis: AnswerBasis = option.special === 'unknown'
    ? { questionId, optionId: option.id, level: 0, special: 'unknown' }
    : { questionId, optionId: option.id, level };
  if (option.special === 'unknown') cell.unknown++;
  if (foundation) cell.foundationLevel = level;
  cell.basis.push(basis);
  cell.scored.push({ basis, weight: entry.question.weight ?? 1, foundation, standsOn: entry.question.standsOn ?? null });
}

/**
 * The cell's score with every claim capped at `maxAbove` rungs above what it stands on: the lowest answer among
 * its `standsOn` practices, by default the cell's foundation answer (foundation answers themselves are credited
 * as given). Marks capped answers in their basis; null when nothing is scored.
 */
function cappedScore(tally: CellTally, rules: Rules, levels: ReadonlyMap<string, Level>): { score: number | null; capped: number } {
  const maxAbove = rules.foundationCap.maxAbove;
  const cellCap = tally.foundationLevel === null ? 3 : Math.min(3, tally.foundationLevel + maxAbove);
  let weighted = 0;
  let weights = 0;
  let capped = 0;
  for (const s of tally.scored) {
    const level = s.basis.level ?? 0;
    const cap = s.foundation ? 3 : s.standsOn === null ? cellCap : capOf(s.standsOn, levels, maxAbove);
    const credited = Math.min(level, cap);
    if (credited < level) {
      s.basis.credited = credited as Level;
      capped++;
    }
    weighted += s.weight * credited;
    weights += s.weight;
  }
  return { score: weights > 0 ? (100 * weighted) / (3 * weights) : null, capped };
}

/** One rung above the lowest answered practice of the list; no cap when none of them was answered. */
function capOf(standsOn: readonly string[], levels: ReadonlyMap<string, Level>, maxAbove: number): number {
  let lowest = 3;
  let any = false;
  for (const q of standsOn) {
    const level = levels.get(q);
    if (level === undefined) continue;
    any = true;
    lowest = Math.min(lowest, level);
  }
  return any ? Math.min(3, lowest + maxAbove) : 3;
}

interface CellContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  weights: TypeWeights | undefined;
  /** Cells (positions in CELLS) whose answers a planned step lifted. */
  lifted: Set<number>;
  /** The rung of every shown, scored answer, for claims that stand on practices elsewhere. */
  levels: ReadonlyMap<string, Level>;
  /** Targets the profile raises (`rules.targetRaises`), by position in CELLS; null where none applies. */
  raised: (Stage | null)[];
  /** The least weight the profile gives each cell (0: none). */
  minWeights: number[];
}

function cellResult(i: number, tally: CellTally, ctx: CellContext): CellResult {
  const cell = CELLS[i] as Cell;
  const rules = ctx.rules;
  const { score: measured, capped } = cappedScore(tally, rules, ctx.levels);
  const projected = ctx.lifted.has(i);
  const score = measured === null ? null : round1(measured);
  return {
    organization: cell.organization,
    value: cell.value,
    score,
    stage: score === null ? null : stageOf(score, rules),
    weight: Math.max(ctx.weights ? (ctx.weights.weights[i] as number) : 1, ctx.minWeights[i] ?? 0),
    target: raisedTarget(((ctx.weights ? ctx.weights.targets : ctx.prepared.defaultTargets)[i]) as Stage, ctx.raised[i] ?? null),
    answered: tally.answered,
    visible: tally.visible,
    unknown: tally.unknown,
    notApplicable: tally.notApplicable,
    capped,
    projected,
    basis: tally.basis,
    reason: cellReason(ctx.prepared.cellNames[i] as LocalizedText, tally, score, capped, projected, ctx),
  };
}

function enablerResult(i: number, tally: CellTally, ctx: CellContext): EnablerResult {
  const id = ENABLERS[i] as EnablerId;
  const { score: measured } = cappedScore(tally, ctx.rules, ctx.levels);
  const score = measured === null ? null : round1(measured);
  return {
    id,
    score,
    stage: score === null ? null : stageOf(score, ctx.rules),
    answered: tally.answered,
    visible: tally.visible,
    unknown: tally.unknown,
    basis: tally.basis,
    reason: cellReason(ctx.explain.enabler(id), tally, score, 0, false, ctx),
  };
}

function raisedTarget(target: Stage, raised: Stage | null): Stage {
  return raised !== null && stageLevel(raised) > stageLevel(target) ? raised : target;
}

/** The targets the profile raises, and why, by position in CELLS. */
function targetRaises(rules: Rules, ctx: ConditionContext): { stage: Stage | null; weight: number; stretch: number | null; reason: LocalizedText | null }[] {
  return perCell((i) => {
    let stage: Stage | null = null;
    let weight = 0;
    let stretch: number | null = null;
    let reason: LocalizedText | null = null;
    for (const r of rules.targetRaises) {
      if (!r.cells.some((c) => cellIndex(c) === i) || !evaluate(r.when, ctx)) continue;
      weight = Math.max(weight, r.minWeight ?? 0);
      if (r.stretchFactor !== undefined) stretch = Math.max(stretch ?? 0, r.stretchFactor);
      if (stage === null || stageLevel(r.minStage) > stageLevel(stage)) {
        stage = r.minStage;
        reason = r.reason;
      }
    }
    return { stage, weight, stretch, reason };
  });
}

/** Cell weights and targets of the industry type, or of the sector's blend of types. */
interface TypeWeights {
  weights: number[];
  targets: Stage[];
}

function typeWeights(industry: IndustryTypeResult, prepared: Prepared): TypeWeights | undefined {
  const primary = industry.id === null ? undefined : prepared.industryTypes.get(industry.id);
  if (!primary) return undefined;
  if (!industry.blend) return { weights: primary.weights, targets: primary.targets };
  const weights = perCell(() => 0);
  let shares = 0;
  for (const part of industry.blend) {
    const type = prepared.industryTypes.get(part.industryType);
    if (!type) continue;
    shares += part.share;
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) + part.share * (type.weights[i] as number);
  }
  if (shares <= 0) return { weights: primary.weights, targets: primary.targets };
  // Shares are published to sum to 1; dividing keeps the weights right even when rounding leaves them at 0.99.
  for (let i = 0; i < weights.length; i++) weights[i] = Math.round((100 * (weights[i] as number)) / shares) / 100;
  return { weights, targets: primary.targets };
}

/** The full stop closing a cell's reason: the same in every one. */
const END = message('end');

function cellReason(name: LocalizedText, tally: CellTally, score: number | null, capped: number, projected: boolean, ctx: CellContext): Reason {
  const answers = tally.basis.map((b) => b.questionId);
  if (score === null) return { rule: 'cell-no-answers', answers, text: message('cellNoAnswers', { cell: name }) };
  if (projected) {
    const stage = ctx.explain.stage(stageOf(score, ctx.rules));
    return { rule: 'cell-planned-step', answers, text: message('cellPlanned', { cell: name, stage, score: formatNumber(score) }) };
  }
  const parts = [message('cellMean', { answered: tally.answered, rung: formatNumber((score * 3) / 100), score: formatNumber(score) })];
  if (tally.unknown > 0) parts.push(message('cellUnknown', { n: tally.unknown }));
  if (tally.notApplicable > 0) parts.push(message('cellNotApplicable', { n: tally.notApplicable }));
  if (capped > 0) parts.push(message('cellCapped', { n: capped }));
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

function overallReason(
  sufficient: boolean, unsure: boolean, coverage: Coverage, ratio: number, cells: CellResult[], weights: LocalizedText | null, rules: Rules,
): Reason {
  const answers: string[] = [];
  for (const c of cells) for (const b of c.basis) answers.push(b.questionId);
  const scoredCells = coverage.scored;
  if (sufficient && unsure) {
    return {
      rule: 'overall-uncertain',
      answers,
      text: message('overallUncertain', {
        unknown: coverage.unknown,
        answered: coverage.answered,
        maxPct: Math.round(rules.maxUnknownShare * 100),
      }),
    };
  }
  if (sufficient) return { rule: 'overall-mean', answers, text: message('overallMean', { n: scoredCells, weights: weights as LocalizedText }) };
  // Enough answers, but most of them "not applicable": say that, not "answer more".
  if (ratio >= rules.minCoverage) {
    return { rule: 'overall-too-few-cells', answers, text: message('overallTooFewCells', { cells: scoredCells, minCells: rules.minScoredCells }) };
  }
  return {
    rule: 'overall-insufficient',
    answers,
    text: message('overallInsufficient', {
      pct: Math.round(ratio * 100),
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

/** Each roadmap step needs what its scenario names plus what its rung calls for. */
function addStepNeeds(needs: NeedSources, cell: Cell | null, stepNeeds: readonly Need[], stage: Exclude<Stage, 'none'>, rules: Rules): void {
  if (!cell) return;
  for (const need of stepNeeds) needs.addCell(need, cell);
  for (const need of rules.gapNeeds[stage]) needs.addCell(need, cell);
}

/**
 * The answers as they would be once the planned steps are done: every practice that fires a planned scenario
 * rises to the rung the scenario reaches (never lowered). Returns the scenarios found and the cells lifted.
 */
function liftAnswers(
  answers: Pick<AnswersFile, 'profile' | 'answers'>, index: QuestionnaireIndex, kb: KnowledgeBase, plannedSteps: readonly string[] | undefined,
): { answers: Pick<AnswersFile, 'profile' | 'answers'>; planned: Scenario[]; lifted: Set<number> } {
  const lifted = new Set<number>();
  if (!plannedSteps || plannedSteps.length === 0) return { answers, planned: [], lifted };
  const wanted = new Set(plannedSteps);
  const planned = kb.scenarios.filter((s) => wanted.has(s.id));
  const next = { ...answers.answers };
  for (const s of planned) {
    const rung = stageLevel(s.stage);
    for (const t of s.triggers) {
      if (!('question' in t)) continue;
      const entry = index.byId.get(t.question);
      if (!entry || entry.inProfile) continue;
      const current = chosenOptions(entry, next[t.question])[0];
      const level = current?.special === undefined ? current?.level ?? -1 : -1;
      const target = entry.question.options?.find((o) => o.level === rung);
      if (!target || level >= rung) continue;
      next[t.question] = target.id;
      if (entry.cellIndex >= 0) lifted.add(entry.cellIndex);
    }
  }
  return { answers: { profile: answers.profile, answers: next }, planned, lifted };
}

/** Outcome factors per cell: the product of the figures' factors, capped by `rules.outcomeFactorMax`. */
function outcomeFactors(tally: Tally, rules: Rules): number[] {
  return perCell((i) => {
    let factor = 1;
    for (const hit of tally.outcomes[i] as OutcomeHit[]) factor *= hit.factor;
    return Math.min(rules.outcomeFactorMax, round2(factor));
  });
}

/** The "don't know" share among scored answers, and whether it is too high to rank anything. */
function uncertain(cells: readonly CellResult[], enablers: readonly EnablerResult[], rules: Rules): boolean {
  let answered = 0;
  let unknown = 0;
  for (const c of cells) {
    answered += c.answered;
    unknown += c.unknown;
  }
  for (const e of enablers) {
    answered += e.answered;
    unknown += e.unknown;
  }
  return answered > 0 && unknown / answered >= rules.maxUnknownShare;
}

/**
 * Turns answers into a diagnosis. Pure and deterministic: the same input gives the same result,
 * and every number in it names the answers and the rule it came from.
 */
export function diagnose(input: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis {
  const { questionnaire, knowledgeBase: kb } = input;
  const rules = kb.rules;
  const prepared = prepare(kb);
  const explain = explainerFor(kb);
  const index = indexQuestionnaire(questionnaire);
  const { answers, planned: plannedScenarios, lifted } = liftAnswers(input.answers, index, kb, options.plannedSteps);
  const industry = resolveIndustryType(answers, kb);
  const weightsOfType = typeWeights(industry, prepared);
  const type = industry.id === null ? undefined : prepared.industryTypes.get(industry.id);
  const conditions: ConditionContext = { index, answers, industryType: industry.id };
  const links = rules.profileLinks.filter((l) => evaluate(l.when, conditions));
  const tally = tallyAnswers(index, conditions, rules.secondaryLinkShare, links);
  const raises = targetRaises(rules, conditions);

  const cellContext: CellContext = { rules, prepared, explain, weights: weightsOfType, lifted, levels: tally.levels, raised: raises.map((r) => r.stage), minWeights: raises.map((r) => r.weight) };
  const cells = perCell((i) => cellResult(i, tally.cells[i] as CellTally, cellContext));
  const enablers: EnablerResult[] = [];
  for (let i = 0; i < ENABLERS.length; i++) enablers.push(enablerResult(i, tally.enablers[i] as CellTally, cellContext));

  const coverage = coverageOf(cells);
  let capped = 0;
  for (const c of cells) capped += c.capped;
  const coverageRatio = coverage.scorable === 0 ? 0 : coverage.answered / coverage.scorable;
  const known = coverage.answered - coverage.unknown - capped * (1 - rules.foundationCap.confidenceWeight);
  const confidence = coverage.scorable === 0 ? 0 : Math.max(0, known) / coverage.scorable;
  const planning = plannedScenarios.length > 0;
  const sufficient = (coverageRatio >= rules.minCoverage || planning) && coverage.scored >= rules.minScoredCells;
  const unsure = sufficient && !planning && uncertain(cells, enablers, rules);
  // With too much "don't know", no verdict on the whole: the cell scores stay, the overall stage does not.
  const overallScore = sufficient && !unsure ? meanScore(cells, ALL_CELLS) : null;
  // The same phrase names the weights in the overall reason and in every priority's.
  const weights = !sufficient ? null : type ? message('quotedType', { type: type.record.name }) : message('defaultWeights');

  const challenges = challengeResults(kb, tally);
  const painPoints: string[] = [];
  for (const p of kb.painPoints) if (tally.painPoints.has(p.id)) painPoints.push(p.id);
  const capacity = tally.capacity ?? { steps: rules.defaultCapacity, answers: [] };
  const priorities = weights && !unsure
    ? rankPriorities(cells, {
      rules, prepared, explain, painPoints, weights, enablers,
      outcomes: tally.outcomes, outcomeFactors: outcomeFactors(tally, rules), questions: index,
      raisedBecause: raises.map((r) => r.reason),
      stretchFactors: raises.map((r) => r.stretch),
      links,
    })
    : [];
  const size = sizeOf(answers.profile, tally.revenue, rules);
  const roadmap = priorities.length === 0 && (!sufficient || unsure) ? [] : buildRoadmap({
    rules, prepared, explain, questions: index, cells, enablers, priorities, levels: tally.levels, chosen: tally.chosen,
    painPoints, profile: answers.profile, size: size.class, capacity,
  });
  for (const step of roadmap) addStepNeeds(tally.needs, step.cell, step.needs, step.toStage, rules);
  const needs = tally.needs.results();
  const context = { rules, prepared, explain, industryType: industry.id, priorities, needs, profile: answers.profile };
  const indicative = indicativeLevels(kb, overallScore);

  return {
    status: !sufficient ? 'insufficient' : unsure ? 'uncertain' : 'ok',
    questionnaire: { id: questionnaire.id, version: questionnaire.version, depth: questionnaire.depth },
    knowledgeBase: { version: kb.version },
    industryType: industry,
    size,
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
      weightedScore: sufficient && !unsure ? weightedMean(cells) : null,
      reason: overallReason(sufficient, unsure, coverage, coverageRatio, cells, weights, rules),
    },
    cells,
    axes: {
      organization: ORGANIZATIONS.map((o, r) => axisResult(o, cells, ROWS[r] as number[], rules)),
      value: VALUE_FORMS.map((v, c) => axisResult(v, cells, COLUMNS[c] as number[], rules)),
    },
    enablers,
    flags: findFlags(cells, index, prepared, explain),
    findOutFirst: unsure ? tally.unknownQuestions.map((q) => ({ questionId: q.question.id, askWho: q.question.askWho ?? null })) : [],
    priorities,
    capacity,
    roadmap,
    needs,
    challenges,
    painPoints,
    cases: sufficient && !unsure ? matchCases({ ...context, roadmap, size: size.class }) : [],
    policies: matchPolicies({
      ...context, size, indicative, yardsticks: kb.yardsticks, date: options.date ?? null,
      overallStage: overallScore === null ? null : stageOf(overallScore, rules),
    }),
    indicative,
    plannedSteps: plannedScenarios.map((r) => r.id),
  };
}

/** The national size class from employees and the revenue band (employees alone when revenue is not given). */
function sizeOf(profile: AnswerMap, revenue: { min?: number; max?: number } | null, rules: Rules): SizeResult {
  const employees = typeof profile['employees'] === 'number' && Number.isFinite(profile['employees']) ? profile['employees'] : null;
  if (employees === null) return { class: null, employees, revenue, reason: { rule: 'size-unknown', answers: [], text: message('sizeUnknown') } };
  // A band's lower bound is what is known for sure; a class is reached only when both minima are.
  const revenueMin = revenue ? revenue.min ?? 0 : null;
  let found: SizeClassRule | undefined;
  for (const c of rules.sizeClasses) {
    if (employees >= c.minEmployees && (revenueMin === null || revenueMin >= c.minRevenue)) {
      found = c;
      break;
    }
  }
  const answers = revenue ? ['employees', 'revenue'] : ['employees'];
  if (!found) return { class: null, employees, revenue, reason: { rule: 'size-unknown', answers, text: message('sizeUnknown') } };
  return {
    class: found.id,
    employees,
    revenue,
    reason: {
      rule: revenue ? 'size-class' : 'size-class-employees',
      answers,
      text: message(revenue ? 'sizeClass' : 'sizeClassEmployees', { size: SIZE_NAMES[found.id], employees }),
    },
  };
}

/** Where the overall score falls on each public yardstick (indicative only; see docs/model.md). */
function indicativeLevels(kb: KnowledgeBase, score: number | null): IndicativeLevel[] {
  const out: IndicativeLevel[] = [];
  for (const y of kb.yardsticks) {
    let level: string | null = null;
    if (score !== null) for (const l of y.levels) if (score >= l.minScore) level = l.id;
    out.push({ yardstick: y.id, level, score });
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Contradictions the report should show rather than average away. */
function findFlags(cells: CellResult[], index: QuestionnaireIndex, prepared: Prepared, explain: Explainer): Flag[] {
  const flags: Flag[] = [];
  cells.forEach((cell, i) => {
    if (cell.capped === 0 || cell.projected) return;
    // Every capped claim is credited at the cap itself.
    let cap: Level = 3;
    const answers: string[] = [];
    for (const b of cell.basis) {
      if (b.credited === undefined) continue;
      answers.push(b.questionId);
      cap = b.credited;
    }
    for (const b of cell.basis) if (index.byId.get(b.questionId)?.question.foundation === true) answers.push(b.questionId);
    flags.push(flag(cell, 'foundation', answers, message('flagFoundation', {
      cell: prepared.cellNames[i] as LocalizedText,
      n: cell.capped,
      stage: explain.stage(stageAt(cap)),
    })));
  });
  for (const p of prepared.prerequisites) {
    const cell = cells[p.cell];
    if (!cell?.stage || cell.projected || stageLevel(cell.stage) < stageLevel('networked')) continue;
    const level = practiceLevel(cells, p.question);
    if (level === null || level >= p.minLevel) continue;
    const answers = cell.basis.map((x) => x.questionId);
    answers.push(p.question);
    flags.push(flag(cell, 'prerequisite', answers, message('flagPrerequisite', {
      cell: prepared.cellNames[p.cell] as LocalizedText,
      stage: explain.stage(cell.stage),
      reason: p.reason,
    })));
  }
  return flags;
}

function flag(cell: Cell, rule: Flag['rule'], answers: string[], text: LocalizedText): Flag {
  return { organization: cell.organization, value: cell.value, rule, reason: { rule, answers, text } };
}
