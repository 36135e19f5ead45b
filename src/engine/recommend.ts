import type {
  AnswerMap, Case, Cell, CellResult, EnablerId, EnablerResult, FoundationStep, IndustryTypeId, LocalizedText, Match,
  Need, NeedResult, OutcomeHit, PolicyMatch, Priority, Reason, RoadmapStep, Rules, Stage,
} from './types.ts';
import { NEEDS } from './types.ts';
import { cellIndex, formatNumber, inMask, round1, stageAt, stageLevel, thresholdOf } from './cells.ts';
import type { Explainer } from './explain.ts';
import { clauses, list, message, quotedList } from './messages.ts';
import { type Prepared, type PreparedPolicy, type Prerequisite, typeBit } from './prepared.ts';
import type { QuestionnaireIndex } from './questionnaire.ts';

interface PriorityContext {
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
}

type ScoredCell = CellResult & { score: number; stage: Stage };

interface Candidate {
  cell: ScoredCell;
  /** Position in CELLS: the cube's reading order breaks ties. */
  index: number;
  gap: number;
  pains: string[];
  prerequisites: Prerequisite[];
  unmet: Cell[];
  painFactor: number;
  prereqFactor: number;
  outcomes: OutcomeHit[];
  outcomeFactor: number;
  blockedBy: EnablerId[];
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
    reasons: priorityReasons(c, ctx),
  }));
  return priorities;
}

function candidateOf(cell: CellResult, cells: readonly CellResult[], ctx: PriorityContext): Candidate | null {
  const { rules, prepared } = ctx;
  if (cell.score === null || cell.stage === null || cell.stage === 'intelligent') return null;
  const gap = round1(Math.max(0, thresholdOf(cell.target, rules) - cell.score));
  if (gap <= 0) return null;
  const index = cellIndex(cell);
  const pains: string[] = [];
  for (const id of ctx.painPoints) if (inMask(prepared.painPoints.get(id)?.cells ?? 0, index)) pains.push(id);
  const painFactor = 1 + rules.painPointBoost * Math.min(pains.length, 2);
  const prerequisites = prepared.prerequisitesOf[index] ?? [];
  const unmet: Cell[] = [];
  for (const p of prerequisites) {
    const required = cells[p.requires];
    if (!required?.stage || stageLevel(required.stage) < stageLevel(p.minStage)) unmet.push(p.requiresCell);
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
    prerequisites,
    unmet,
    painFactor,
    prereqFactor,
    outcomes: (ctx.outcomes[index] ?? []).slice(),
    outcomeFactor,
    blockedBy,
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
      text: message('weightedGap', {
        score: formatNumber(cell.score),
        stage: explain.stage(cell.stage),
        target: explain.stage(cell.target),
        targetScore: formatNumber(thresholdOf(cell.target, ctx.rules)),
        gap: formatNumber(c.gap),
        weights: ctx.weights,
        weight: formatNumber(cell.weight),
      }),
    },
  ];
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
    const cells = quotedList(met ? c.prerequisites.map((p) => explain.cell(p.requiresCell)) : c.unmet.map((x) => explain.cell(x)));
    reasons.push({
      rule: met ? 'prerequisites-met' : 'prerequisites-unmet',
      answers: [],
      text: message(met ? 'prerequisitesMet' : 'prerequisitesUnmet', { cells, factor: formatNumber(c.prereqFactor) }),
    });
  }
  return reasons;
}

/** An outcome figure as the user gave it: the question's short name and the band chosen. */
function figureOf(hit: OutcomeHit, ctx: PriorityContext): LocalizedText {
  const entry = ctx.questions.byId.get(hit.questionId);
  const name = entry?.question.label ?? entry?.question.text ?? { 'zh-CN': hit.questionId, en: hit.questionId };
  const band = entry?.options.get(hit.optionId)?.text ?? { 'zh-CN': hit.optionId, en: hit.optionId };
  return message('figure', { name, band });
}

export interface Plan {
  foundationSteps: FoundationStep[];
  roadmap: RoadmapStep[];
}

/**
 * Each priority gets the next rung up its ladder, never a jump. An enabler too weak for a priority's next rung
 * comes first as a foundation step, and that priority waits. The whole plan holds at most `capacity.steps`
 * steps, foundation steps first, so a small team is not handed more than it can carry.
 */
export function buildRoadmap(
  priorities: Priority[],
  enablers: readonly EnablerResult[],
  capacity: { steps: number; answers: string[] },
  ctx: { prepared: Prepared; explain: Explainer; rules: Rules },
): Plan {
  const foundationSteps: FoundationStep[] = [];
  for (const p of priorities) {
    for (const id of p.blockedBy) {
      const existing = foundationSteps.find((f) => f.enabler === id);
      if (existing) {
        existing.unblocks.push({ organization: p.organization, value: p.value });
        continue;
      }
      const step = foundationStep(id, p, enablers, ctx);
      if (step) foundationSteps.push(step);
    }
  }
  const limit = Math.max(1, capacity.steps);
  const kept = foundationSteps.slice(0, limit);
  for (const f of kept) f.reason.text = message('foundationStep', { enabler: ctx.explain.enabler(f.enabler), cells: quotedList(f.unblocks.map((c) => ctx.explain.cell(c))) });
  const steps: RoadmapStep[] = [];
  for (const p of priorities) {
    if (kept.length + steps.length >= limit) break;
    if (p.blockedBy.length > 0) continue;
    const record = ctx.prepared.roadmapSteps[cellIndex(p)]?.[stageLevel(p.nextStage)];
    if (!record) continue;
    const answers: string[] = [];
    for (const r of p.reasons) for (const a of r.answers) answers.push(a);
    for (const a of capacity.answers) answers.push(a);
    steps.push({
      id: record.id,
      rank: p.rank,
      organization: p.organization,
      value: p.value,
      fromStage: p.stage,
      toStage: p.nextStage,
      actions: record.actions,
      needs: record.needs,
      reason: {
        rule: 'next-rung',
        answers,
        text: message('nextRung', { rank: p.rank, cell: ctx.explain.cell(p), from: ctx.explain.stage(p.stage), to: ctx.explain.stage(p.nextStage) }),
      },
    });
  }
  return { foundationSteps: kept, roadmap: steps };
}

function foundationStep(
  id: EnablerId, p: Priority, enablers: readonly EnablerResult[], ctx: { prepared: Prepared; explain: Explainer },
): FoundationStep | null {
  const enabler = enablers.find((e) => e.id === id);
  if (!enabler?.stage) return null;
  const to = stageAt(stageLevel(enabler.stage) + 1) as Exclude<Stage, 'none'>;
  const record = ctx.prepared.enablers.find((e) => e?.id === id);
  const actions = record?.steps.find((s) => s.stage === to)?.actions ?? [];
  return {
    id: `${id}-${to}`,
    enabler: id,
    fromStage: enabler.stage,
    toStage: to,
    actions,
    unblocks: [{ organization: p.organization, value: p.value }],
    reason: { rule: 'enabler-first', answers: enabler.basis.map((b) => b.questionId), text: { 'zh-CN': '', en: '' } },
  };
}

export interface MatchContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  industryType: IndustryTypeId | null;
  priorities: Priority[];
  needs: NeedResult[];
  profile: AnswerMap;
}

interface CaseCandidate {
  record: Case;
  order: number;
  score: number;
  hits: Priority[];
  typeFits: boolean;
}

/** Cases that speak to the priority cells, preferring the user's industry type and the rung being climbed. */
export function matchCases(ctx: MatchContext): Match[] {
  const n = ctx.rules.maxPriorities;
  const priorityCells = ctx.priorities.map((p) => cellIndex(p));
  const candidates: CaseCandidate[] = [];
  const typeBits = typeBit(ctx.industryType);
  for (const { record, cells, order, types } of ctx.prepared.cases) {
    const hits: Priority[] = [];
    let score = 0;
    ctx.priorities.forEach((p, k) => {
      if (!inMask(cells, priorityCells[k] as number)) return;
      hits.push(p);
      score = score + (n - p.rank + 1) + (record.stage === p.nextStage ? 0.5 : 0);
    });
    const typeFits = (types & typeBits) !== 0;
    if (score === 0 && !(ctx.priorities.length === 0 && typeFits)) continue;
    if (typeFits) score += 1;
    candidates.push({ record, order, score: round1(score), hits, typeFits });
  }
  // Explanations are written only for the cases kept: building text is the costly part.
  return best(candidates, ctx.rules.maxCases, byScoreThenId).map((c) => caseMatch(c, ctx));
}

function caseMatch({ record, score, hits, typeFits }: CaseCandidate, ctx: MatchContext): Match {
  const { explain } = ctx;
  const parts: LocalizedText[] = [];
  if (hits.length > 0) parts.push(message('caseCells', { cells: quotedList(hits.map((p) => explain.cell(p))) }));
  if (typeFits && ctx.industryType) parts.push(message('caseType', { type: explain.industryType(ctx.industryType) }));
  const answers = new Set<string>();
  for (const p of hits) for (const r of p.reasons) for (const a of r.answers) answers.add(a);
  return {
    id: record.id,
    score,
    reason: { rule: 'case-match', answers: [...answers], text: message('why', { parts: clauses(parts) }) },
  };
}

interface PolicyCandidate {
  policy: PreparedPolicy;
  order: number;
  score: number;
}

/** Policies whose needs match those the answers and the roadmap reveal, filtered by region, size and type. */
export function matchPolicies(ctx: MatchContext): PolicyMatch[] {
  const { rules } = ctx;
  const factor = rules.policyScopeFactor;
  const province = typeof ctx.profile['province'] === 'string' ? ctx.profile['province'] : null;
  const employees = typeof ctx.profile['employees'] === 'number' ? ctx.profile['employees'] : null;
  const revealed = revealedNeeds(ctx.needs);
  const priorityCells = ctx.priorities.map((p) => cellIndex(p));
  const typeBits = typeBit(ctx.industryType);
  const candidates: PolicyCandidate[] = [];
  for (const p of ctx.prepared.policies) {
    if (p.regions && (province === null || !p.regions.includes(province))) continue;
    if (p.maxEmployees !== null && employees !== null && employees > p.maxEmployees) continue;
    if (p.types !== 0 && (p.types & typeBits) === 0) continue;
    let matched = 0;
    let needScore = 0;
    for (const i of p.needIndexes) {
      const need = revealed[i];
      if (!need) continue;
      matched++;
      needScore = needScore + 1 + (need.answers.length ? 0.5 : 0);
    }
    if (matched === 0) continue;
    let cellHits = 0;
    if (p.cells !== 0) for (const i of priorityCells) if (inMask(p.cells, i)) cellHits++;
    const scope = p.regions ? factor.regional : p.domestic ? factor.domestic : factor.international;
    const score = round1((needScore + cellHits) * scope * p.kindFactor);
    if (score > 0) candidates.push({ policy: p, order: p.order, score });
  }
  // Explanations are written only for the policies kept.
  return best(candidates, rules.maxPolicies, byScoreThenId).map((c) => policyMatch(c, revealed, province, employees, ctx.explain));
}

/** The revealed needs by position in NEEDS. */
function revealedNeeds(needs: readonly NeedResult[]): (NeedResult | undefined)[] {
  const revealed: (NeedResult | undefined)[] = [];
  for (const id of NEEDS) revealed.push(needs.find((n) => n.id === id));
  return revealed;
}

function policyMatch(
  { policy: p, score }: PolicyCandidate,
  revealed: readonly (NeedResult | undefined)[],
  province: string | null,
  employees: number | null,
  explain: Explainer,
): PolicyMatch {
  const policy = p.record;
  const needs = policy.needs.filter((_, k) => revealed[p.needIndexes[k] as number] !== undefined);
  const parts = [message('policyNeeds', { needs: list(needs.map((n) => explain.need(n))) })];
  if (policy.regions && province) parts.push(message('policyRegion', { region: explain.region(province) }));
  if (policy.maxEmployees !== undefined && employees !== null) parts.push(message('policySize', { max: policy.maxEmployees, employees }));
  if (policy.country !== 'CN') parts.push(message('policyForeign'));
  return {
    id: policy.id,
    score,
    needs,
    reason: { rule: 'policy-need-match', answers: answersOf(needs, revealed), text: message('why', { parts: clauses(parts) }) },
  };
}

/** The answers that revealed any of these needs, sorted. */
function answersOf(needs: readonly Need[], revealed: readonly (NeedResult | undefined)[]): string[] {
  const lists = needs.map((n) => revealed[NEEDS.indexOf(n)]?.answers ?? []);
  // One need's answers are sorted and distinct already.
  if (lists.length === 1) return (lists[0] as string[]).slice();
  const answers = new Set<string>();
  for (const list of lists) for (const a of list) answers.add(a);
  return [...answers].sort();
}

/** Higher score first; equal scores in the ids' localeCompare order (worked out once per knowledge base). */
function byScoreThenId(a: { score: number; order: number }, b: { score: number; order: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.order < b.order);
}

/**
 * The first `k` items of a stable sort (`before(a, b)`: a goes first), without sorting them all: only a few
 * candidates are kept, and a full sort with a comparator was a sizeable part of a diagnosis.
 */
function best<T>(items: readonly T[], k: number, before: (a: T, b: T) => boolean): T[] {
  const kept: T[] = [];
  for (const item of items) {
    let at = kept.length;
    while (at > 0 && before(item, kept[at - 1] as T)) at--;
    if (at >= k) continue;
    // Make room at `at`, dropping the last item when k are kept already.
    if (kept.length < k) kept.push(item);
    for (let j = kept.length - 1; j > at; j--) kept[j] = kept[j - 1] as T;
    kept[at] = item;
  }
  return kept;
}
