import type {
  AnswerMap, Case, Cell, CellResult, IndustryTypeId, KnowledgeBase, LocalizedText, Match, Need, NeedResult, Policy,
  PolicyMatch, Priority, Reason, RoadmapStep, Stage,
} from './types.ts';
import { CELLS, formatNumber, round1, sameCell, stageAt, stageLevel, thresholdOf } from './cells.ts';
import type { Explainer } from './explain.ts';
import { clauses, list, message } from './messages.ts';

interface PriorityContext {
  kb: KnowledgeBase;
  explain: Explainer;
  painPoints: string[];
  typeName: LocalizedText | null;
}

/**
 * Ranks cells by the industry-weighted gap to the type's target, raised by the user's pain points
 * and by prerequisites already in place. Ties keep the cube's reading order, so ranking is deterministic.
 */
export function rankPriorities(cells: CellResult[], ctx: PriorityContext): Priority[] {
  const { kb } = ctx;
  const rules = kb.rules;
  const order = (c: Cell): number => CELLS.findIndex((x) => sameCell(x, c));
  const candidates: { cell: CellResult & { score: number; stage: Stage }; gap: number; pains: string[]; unmet: Cell[]; met: Cell[]; painFactor: number; prereqFactor: number; priorityScore: number }[] = [];
  for (const cell of cells) {
    if (cell.score === null || cell.stage === null || cell.stage === 'intelligent') continue;
    const gap = round1(Math.max(0, thresholdOf(cell.target, rules) - cell.score));
    if (gap <= 0) continue;
    const pains = ctx.painPoints.filter((id) => kb.painPoints.find((p) => p.id === id)?.cells.some((c) => sameCell(c, cell)));
    const painFactor = 1 + rules.painPointBoost * Math.min(pains.length, 2);
    const prerequisites = rules.cellPrerequisites.filter((p) => sameCell(p.cell, cell));
    const unmet = prerequisites.filter((p) => {
      const required = cells.find((c) => sameCell(c, p.requires));
      return !required?.stage || stageLevel(required.stage) < stageLevel(p.minStage);
    });
    const prereqFactor = unmet.length === 0 ? rules.prerequisiteFactor.met : rules.prerequisiteFactor.unmet;
    candidates.push({
      cell: cell as CellResult & { score: number; stage: Stage },
      gap,
      pains,
      unmet: unmet.map((p) => p.requires),
      met: prerequisites.map((p) => p.requires),
      painFactor,
      prereqFactor,
      priorityScore: round1(gap * cell.weight * painFactor * prereqFactor),
    });
  }
  // Explanations are written only for the priorities kept.
  return candidates
    .sort((a, b) => b.priorityScore - a.priorityScore || order(a.cell) - order(b.cell))
    .slice(0, rules.maxPriorities)
    .map((c, i) => ({
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
      prerequisitesMet: c.unmet.length === 0,
      reasons: priorityReasons(c, ctx),
    }));
}

function priorityReasons(
  c: { cell: CellResult & { score: number; stage: Stage }; gap: number; pains: string[]; unmet: Cell[]; met: Cell[]; painFactor: number; prereqFactor: number },
  ctx: PriorityContext,
): Reason[] {
  const { explain, kb } = ctx;
  const { cell } = c;
  const reasons: Reason[] = [
    {
      rule: 'weighted-gap',
      answers: cell.basis.map((b) => b.questionId),
      text: message('weightedGap', {
        score: formatNumber(cell.score),
        stage: explain.stage(cell.stage),
        target: explain.stage(cell.target),
        targetScore: formatNumber(thresholdOf(cell.target, kb.rules)),
        gap: formatNumber(c.gap),
        weights: ctx.typeName ? message('quotedType', { type: ctx.typeName }) : message('defaultWeights'),
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
  if (c.met.length > 0) {
    const met = c.unmet.length === 0;
    const cells = list((met ? c.met : c.unmet).map((x) => explain.cell(x)));
    reasons.push({
      rule: met ? 'prerequisites-met' : 'prerequisites-unmet',
      answers: [],
      text: message(met ? 'prerequisitesMet' : 'prerequisitesUnmet', { cells, factor: formatNumber(c.prereqFactor) }),
    });
  }
  return reasons;
}

/** Each priority gets the next rung up its ladder, never a jump. */
export function buildRoadmap(priorities: Priority[], ctx: { kb: KnowledgeBase; explain: Explainer }): RoadmapStep[] {
  const steps: RoadmapStep[] = [];
  for (const p of priorities) {
    const record = ctx.kb.roadmap.find((r) => sameCell(r, p) && r.stage === p.nextStage);
    if (!record) continue;
    const name = ctx.explain.cell(p);
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
        answers: p.reasons.flatMap((r) => r.answers),
        text: message('nextRung', { rank: p.rank, cell: name, from: ctx.explain.stage(p.stage), to: ctx.explain.stage(p.nextStage) }),
      },
    });
  }
  return steps;
}

export interface MatchContext {
  kb: KnowledgeBase;
  explain: Explainer;
  industryType: IndustryTypeId | null;
  priorities: Priority[];
  needs: NeedResult[];
  profile: AnswerMap;
}

/** Cases that speak to the priority cells, preferring the user's industry type and the rung being climbed. */
export function matchCases(ctx: MatchContext): Match[] {
  const { kb, explain } = ctx;
  const n = kb.rules.maxPriorities;
  const candidates: { record: Case; score: number; hits: Priority[]; typeFits: boolean }[] = [];
  for (const record of kb.cases) {
    const hits = ctx.priorities.filter((p) => record.cells.some((c) => sameCell(c, p)));
    const typeFits = ctx.industryType !== null && record.industryTypes.includes(ctx.industryType);
    let score = hits.reduce((s, p) => s + (n - p.rank + 1) + (record.stage === p.nextStage ? 0.5 : 0), 0);
    if (score === 0 && !(ctx.priorities.length === 0 && typeFits)) continue;
    if (typeFits) score += 1;
    candidates.push({ record, score: round1(score), hits, typeFits });
  }
  // Explanations are written only for the cases kept: building text is the costly part.
  return candidates
    .sort((a, b) => b.score - a.score || a.record.id.localeCompare(b.record.id))
    .slice(0, kb.rules.maxCases)
    .map(({ record, score, hits, typeFits }) => {
      const parts: LocalizedText[] = [];
      if (hits.length > 0) parts.push(message('caseCells', { cells: list(hits.map((p) => explain.cell(p))) }));
      if (typeFits && ctx.industryType) parts.push(message('caseType', { type: explain.industryType(ctx.industryType) }));
      return {
        id: record.id,
        score,
        reason: {
          rule: 'case-match',
          answers: [...new Set(hits.flatMap((p) => p.reasons.flatMap((r) => r.answers)))],
          text: message('why', { parts: clauses(parts) }),
        },
      };
    });
}

/** Policies whose needs match those the answers and the roadmap reveal, filtered by region, size and type. */
export function matchPolicies(ctx: MatchContext): PolicyMatch[] {
  const { kb, explain } = ctx;
  const factor = kb.rules.policyScopeFactor;
  const province = typeof ctx.profile['province'] === 'string' ? ctx.profile['province'] : null;
  const employees = typeof ctx.profile['employees'] === 'number' ? ctx.profile['employees'] : null;
  const revealed = new Map(ctx.needs.map((n) => [n.id, n]));
  const candidates: { policy: Policy; score: number; needs: Need[] }[] = [];
  for (const policy of kb.policies) {
    if (policy.regions && (province === null || !policy.regions.includes(province))) continue;
    if (policy.maxEmployees !== undefined && employees !== null && employees > policy.maxEmployees) continue;
    if (policy.industryTypes && policy.industryTypes.length > 0 && (ctx.industryType === null || !policy.industryTypes.includes(ctx.industryType))) continue;
    const needs = policy.needs.filter((n) => revealed.has(n));
    if (needs.length === 0) continue;
    const cellHits = ctx.priorities.filter((p) => policy.cells?.some((c) => sameCell(c, p))).length;
    const scope = policy.regions ? factor.regional : policy.country === 'CN' ? factor.domestic : factor.international;
    const base = needs.reduce((s, n) => s + 1 + (revealed.get(n)?.answers.length ? 0.5 : 0), 0) + cellHits;
    const score = round1(base * scope * kb.rules.policyKindFactor[policy.kind]);
    if (score > 0) candidates.push({ policy, score, needs });
  }
  // Explanations are written only for the policies kept.
  return candidates
    .sort((a, b) => b.score - a.score || a.policy.id.localeCompare(b.policy.id))
    .slice(0, kb.rules.maxPolicies)
    .map(({ policy, score, needs }) => {
      const parts = [message('policyNeeds', { needs: list(needs.map((n) => explain.need(n))) })];
      if (policy.regions && province) parts.push(message('policyRegion', { region: explain.region(province) }));
      if (policy.maxEmployees !== undefined && employees !== null) parts.push(message('policySize', { max: policy.maxEmployees, employees }));
      if (policy.country !== 'CN') parts.push(message('policyForeign'));
      return {
        id: policy.id,
        score,
        needs,
        reason: {
          rule: 'policy-need-match',
          answers: [...new Set(needs.flatMap((n) => revealed.get(n)?.answers ?? []))].sort(),
          text: message('why', { parts: clauses(parts) }),
        },
      };
    });
}
