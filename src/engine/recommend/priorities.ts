import type { CellResult, Condition, EnablerId, EnablerResult, LocalizedText, OutcomeHit, Priority, ProfileLink, Reason, Rules, Stage } from '../types.ts';
import { cellIndex, formatNumber, inMask, round1, stageAt, stageLevel, thresholdOf } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { clauses, list, message } from '../messages.ts';
import type { Prepared, Prerequisite } from '../prepared.ts';
import type { QuestionnaireIndex } from '../questionnaire.ts';
import { best } from './rank.ts';

export interface PriorityContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  painPoints: string[];
  /** How the weights are named: the industry type's, or the default ones. */
  weights: LocalizedText;
  enablers: readonly EnablerResult[];
  /** The outcome figures that raise each cell, and their capped product, by position in CELLS. */
  outcomes: readonly OutcomeHit[][];
  outcomeFactors: readonly number[];
  questions: QuestionnaireIndex;
  /** Why a cell's target was raised by the profile, by position in CELLS; null where it was not. */
  raisedBecause: readonly (LocalizedText | null)[];
  /** Where a profile raise says the company competes: the stretch factor with a pain point of the cell's own. */
  stretchFactors: readonly (number | null)[];
  /** The profile links that hold for this company: pain points and figures that also point at some cells. */
  links: readonly ProfileLink[];
}

type ScoredCell = CellResult & { score: number; stage: Stage };

interface Candidate {
  cell: ScoredCell;
  /** Position in CELLS: the cube's reading order breaks ties. */
  index: number;
  gap: number;
  pains: string[];
  prerequisites: Prerequisite[];
  unmet: Prerequisite[];
  painFactor: number;
  prereqFactor: number;
  outcomes: OutcomeHit[];
  outcomeFactor: number;
  blockedBy: EnablerId[];
  /** Climbing past its target for the pain points or figures (the gap counts that way, not the way to the target). */
  stretch: boolean;
  /** Points still to go to the target (0 at or above it). */
  toTarget: number;
  /** Profile links that point pain points or figures at this cell. */
  links: ProfileLink[];
  priorityScore: number;
}

/**
 * Ranks cells by the industry-weighted gap to the type's target, raised by the user's pain points
 * and by prerequisites already in place. Ties keep the cube's reading order, so ranking is deterministic.
 * `cells` are the nine results in CELLS order.
 */
export function rankPriorities(cells: CellResult[], ctx: PriorityContext): Priority[] {
  const candidates: Candidate[] = [];
  for (const cell of cells) {
    const candidate = candidateOf(cell, cells, ctx);
    if (candidate) candidates.push(candidate);
  }
  // Explanations are written only for the priorities kept.
  const kept = best(candidates, ctx.rules.maxPriorities, (a, b) => a.priorityScore > b.priorityScore || (a.priorityScore === b.priorityScore && a.index < b.index));
  const priorities: Priority[] = [];
  kept.forEach((c, i) => priorities.push({
    rank: i + 1,
    organization: c.cell.organization,
    value: c.cell.value,
    score: c.cell.score,
    stage: c.cell.stage,
    target: c.cell.target,
    nextStage: stageAt(stageLevel(c.cell.stage) + 1) as Exclude<Stage, 'none'>,
    gap: c.gap,
    weight: c.cell.weight,
    priorityScore: c.priorityScore,
    painPoints: c.pains,
    outcomes: c.outcomes,
    prerequisitesMet: c.unmet.length === 0,
    blockedBy: c.blockedBy,
    foundationOnly: c.cell.capped > 0 || c.unmet.length > 0,
    factors: { gap: c.gap, weight: c.cell.weight, pain: round2(c.painFactor), prerequisites: c.prereqFactor, outcomes: c.outcomeFactor },
    reasons: priorityReasons(c, ctx),
  }));
  return priorities;
}

function candidateOf(cell: CellResult, cells: readonly CellResult[], ctx: PriorityContext): Candidate | null {
  const { rules, prepared } = ctx;
  if (cell.score === null || cell.stage === null || cell.stage === 'intelligent') return null;
  const index = cellIndex(cell);
  const links = ctx.links.filter((l) => l.cells.some((c) => cellIndex(c) === index));
  const linked = (id: string): boolean => links.some((l) => l.painPoints.includes(id));
  const pains: string[] = [];
  for (const id of ctx.painPoints) if (inMask(prepared.painPoints.get(id)?.cells ?? 0, index) || linked(id)) pains.push(id);
  const toTarget = round1(Math.max(0, thresholdOf(cell.target, rules) - cell.score));
  let gap = toTarget;
  // A cell the owner's pain points or figures point at climbs one rung past its target (or past where it stands,
  // if above), with less weight. The same way is counted whether the cell has reached its target or is just
  // short of it, so a cell that falls below its target never ranks lower than it did at the target.
  let stretch = false;
  const beyond = Math.max(stageLevel(cell.stage), stageLevel(cell.target)) + 1;
  if ((pains.length > 0 || (ctx.outcomes[index] ?? []).length > 0) && beyond <= stageLevel('intelligent')) {
    // Only a pain point felt first in this very cell: one a profile link adds does not make it where the company competes.
    const own = pains.some((id) => prepared.painPoints.get(id)?.primary === index);
    const factor = own ? ctx.stretchFactors[index] ?? rules.painStretchFactor : rules.painStretchFactor;
    const way = round1(factor * (thresholdOf(stageAt(beyond), rules) - cell.score));
    if (way > gap) {
      gap = way;
      stretch = true;
    }
  }
  if (gap <= 0) return null;
  // A pain point weighs fully on the cell where it is felt (the first it lists), a share on the others.
  let painWeight = 0;
  for (const id of pains) painWeight += prepared.painPoints.get(id)?.primary === index || linked(id) ? 1 : rules.secondaryLinkShare;
  // The links that changed something here, for the reason.
  const usedLinks = links.filter((l) => l.painPoints.some((id) => pains.includes(id))
    || (ctx.outcomes[index] ?? []).some((o) => l.outcomes.includes(o.questionId)));
  const painFactor = 1 + rules.painPointBoost * Math.min(painWeight, 2);
  const prerequisites = prepared.prerequisitesOf[index] ?? [];
  const unmet: Prerequisite[] = [];
  const known: Prerequisite[] = [];
  for (const p of prerequisites) {
    const level = practiceLevel(cells, p.question);
    if (level === null) continue;
    known.push(p);
    if (level < p.minLevel) unmet.push(p);
  }
  const prereqFactor = unmet.length === 0 ? rules.prerequisiteFactor.met : rules.prerequisiteFactor.unmet;
  const outcomeFactor = ctx.outcomeFactors[index] ?? 1;
  const next = stageLevel(cell.stage) + 1;
  const blockedBy: EnablerId[] = [];
  for (const g of prepared.gates) {
    const enabler = ctx.enablers[g.enabler];
    if (!enabler?.stage || !inMask(g.cells, index)) continue;
    if (stageLevel(enabler.stage) < stageLevel(g.minStage) && next > stageLevel(g.maxStage) && !blockedBy.includes(g.enablerId)) blockedBy.push(g.enablerId);
  }
  return {
    cell: cell as ScoredCell,
    index,
    gap,
    pains,
    prerequisites: known,
    unmet,
    painFactor,
    prereqFactor,
    outcomes: (ctx.outcomes[index] ?? []).slice(),
    outcomeFactor,
    blockedBy,
    stretch,
    toTarget,
    links: usedLinks,
    priorityScore: round1(gap * cell.weight * painFactor * prereqFactor * outcomeFactor),
  };
}

function priorityReasons(c: Candidate, ctx: PriorityContext): Reason[] {
  const { explain } = ctx;
  const { cell } = c;
  const reasons: Reason[] = [
    {
      rule: 'weighted-gap',
      answers: cell.basis.map((b) => b.questionId),
      text: c.stretch && c.toTarget > 0
        ? message('stretchShortOfTarget', {
          score: formatNumber(cell.score),
          stage: explain.stage(cell.stage),
          target: explain.stage(cell.target),
          short: formatNumber(c.toTarget),
          next: explain.stage(stageAt(Math.max(stageLevel(cell.stage), stageLevel(cell.target)) + 1)),
          weights: ctx.weights,
          weightWord: weightWord(cell.weight),
        })
        : c.stretch
        ? message('stretchGap', {
          score: formatNumber(cell.score),
          stage: explain.stage(cell.stage),
          next: explain.stage(stageAt(stageLevel(cell.stage) + 1)),
          weights: ctx.weights,
          weightWord: weightWord(cell.weight),
        })
        : message('weightedGap', {
          score: formatNumber(cell.score),
          stage: explain.stage(cell.stage),
          target: explain.stage(cell.target),
          targetScore: formatNumber(thresholdOf(cell.target, ctx.rules)),
          gap: formatNumber(c.gap),
          weights: ctx.weights,
          weightWord: weightWord(cell.weight),
        }),
    },
  ];
  const raised = ctx.raisedBecause[c.index];
  // At its target already, the raise still weighs the cell (and lets it climb in full for its own pain point).
  if (raised) reasons.push({ rule: 'target-raised', answers: [], text: message(c.stretch && c.toTarget === 0 ? 'raisedAtTarget' : 'targetRaised', { why: raised }) });
  for (const link of c.links) reasons.push({ rule: 'profile-link', answers: answersOf(link.when), text: message('profileLink', { why: link.reason }) });
  if (c.pains.length > 0) {
    reasons.push({
      rule: 'pain-point',
      answers: ['painPoints'],
      text: message('painPoint', { names: list(c.pains.map((p) => explain.painPoint(p))), factor: formatNumber(c.painFactor) }),
    });
  }
  if (c.outcomes.length > 0) {
    reasons.push({
      rule: 'outcome-figure',
      answers: c.outcomes.map((o) => o.questionId),
      text: message('outcomeFigure', { figures: list(c.outcomes.map((o) => figureOf(o, ctx))), factor: formatNumber(c.outcomeFactor) }),
    });
  }
  for (const id of c.blockedBy) {
    const gate = ctx.prepared.gates.find((g) => g.enablerId === id && inMask(g.cells, c.index));
    reasons.push({
      rule: 'enabler-gate',
      answers: (ctx.enablers.find((e) => e.id === id)?.basis ?? []).map((b) => b.questionId),
      text: message('enablerGate', { enabler: explain.enabler(id), why: gate?.reason ?? { 'zh-CN': '', en: '' } }),
    });
  }
  if (c.prerequisites.length > 0) {
    const met = c.unmet.length === 0;
    const shown = met ? c.prerequisites : c.unmet;
    reasons.push({
      rule: met ? 'prerequisites-met' : 'prerequisites-unmet',
      answers: shown.map((p) => p.question),
      text: message(met ? 'prerequisitesMet' : 'prerequisitesUnmet', { reasons: clauses(shown.map((p) => p.reason)), factor: formatNumber(c.prereqFactor) }),
    });
  }
  return reasons;
}

/** The profile questions a condition reads. */
function answersOf(condition: Condition): string[] {
  const out: string[] = [];
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if ('question' in c && !out.includes(c.question)) out.push(c.question);
  };
  walk(condition);
  return out;
}

/** The weight in words: the multiplier itself is for the "how it was worked out" details. */
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function weightWord(weight: number): LocalizedText {
  return message(weight > 1.05 ? 'weightHeavy' : weight < 0.95 ? 'weightLight' : 'weightUsual');
}

/**
 * The rung a practice was answered at, wherever its question sits ("don't know" as 0); null when it was not
 * answered, not applicable, or not asked.
 */
export function practiceLevel(cells: readonly CellResult[], question: string): number | null {
  for (const c of cells) {
    for (const b of c.basis) if (b.questionId === question) return b.level;
  }
  return null;
}

/** An outcome figure as the user gave it: the question's short name and the band chosen. */
function figureOf(hit: OutcomeHit, ctx: PriorityContext): LocalizedText {
  const entry = ctx.questions.byId.get(hit.questionId);
  const name = entry?.question.label ?? entry?.question.text ?? { 'zh-CN': hit.questionId, en: hit.questionId };
  const band = entry?.options.get(hit.optionId)?.text ?? { 'zh-CN': hit.optionId, en: hit.optionId };
  return message('figure', { name, band });
}
