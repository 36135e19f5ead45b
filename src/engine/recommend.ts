import type {
  AnswerMap, Cell, CellResult, IndustryTypeId, KnowledgeBase, LocalizedText, Match, NeedResult, PolicyMatch, Priority,
  RoadmapStep, Stage,
} from './types.ts';
import { CELLS, round1, sameCell, stageAt, stageLevel, thresholdOf } from './cells.ts';
import type { Explainer } from './explain.ts';

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
  const { kb, explain } = ctx;
  const rules = kb.rules;
  const candidates: Omit<Priority, 'rank'>[] = [];
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
    const prerequisitesMet = unmet.length === 0;
    const prereqFactor = prerequisitesMet ? rules.prerequisiteFactor.met : rules.prerequisiteFactor.unmet;
    const priorityScore = round1(gap * cell.weight * painFactor * prereqFactor);
    const answers = cell.basis.map((b) => b.questionId);
    const reasons = [
      {
        rule: 'weighted-gap',
        answers,
        text: {
          'zh-CN': `当前 ${cell.score} 分（${explain.stage(cell.stage)['zh-CN']}），距目标${explain.stage(cell.target)['zh-CN']}（${thresholdOf(cell.target, rules)} 分）差 ${gap} 分；${ctx.typeName ? `「${ctx.typeName['zh-CN']}」` : '默认'}权重 ×${cell.weight}。`,
          en: `Now ${cell.score} (${explain.stage(cell.stage).en}); the target ${explain.stage(cell.target).en} (${thresholdOf(cell.target, rules)}) is ${gap} points away; ${ctx.typeName ? `"${ctx.typeName.en}"` : 'default'} weight ×${cell.weight}.`,
        },
      },
    ];
    if (pains.length > 0) {
      const names = explain.list(pains.map((p) => explain.painPoint(p)));
      reasons.push({
        rule: 'pain-point',
        answers: ['painPoints'],
        text: {
          'zh-CN': `它直接回应您选的痛点：${names['zh-CN']}（×${round1(painFactor)}）。`,
          en: `It addresses the pain points you chose: ${names.en} (×${round1(painFactor)}).`,
        },
      });
    }
    if (prerequisites.length > 0) {
      const needed = explain.list((prerequisitesMet ? prerequisites : unmet).map((p) => explain.cell(p.requires)));
      reasons.push({
        rule: prerequisitesMet ? 'prerequisites-met' : 'prerequisites-unmet',
        answers: [],
        text: prerequisitesMet
          ? {
              'zh-CN': `前提「${needed['zh-CN']}」已具备，可以着手（×${prereqFactor}）。`,
              en: `Its prerequisite "${needed.en}" is in place, so it can start now (×${prereqFactor}).`,
            }
          : {
              'zh-CN': `前提「${needed['zh-CN']}」尚未具备，宜先补基础（×${prereqFactor}）。`,
              en: `Its prerequisite "${needed.en}" is not yet in place; build that first (×${prereqFactor}).`,
            },
      });
    }
    candidates.push({
      organization: cell.organization,
      value: cell.value,
      score: cell.score,
      stage: cell.stage,
      target: cell.target,
      nextStage: stageAt(stageLevel(cell.stage) + 1) as Exclude<Stage, 'none'>,
      gap,
      weight: cell.weight,
      priorityScore,
      painPoints: pains,
      prerequisitesMet,
      reasons,
    });
  }
  const order = (c: Cell): number => CELLS.findIndex((x) => sameCell(x, c));
  return candidates
    .sort((a, b) => b.priorityScore - a.priorityScore || order(a) - order(b))
    .slice(0, rules.maxPriorities)
    .map((p, i) => ({ rank: i + 1, ...p }));
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
        text: {
          'zh-CN': `优先级第 ${p.rank} 位「${name['zh-CN']}」从${ctx.explain.stage(p.stage)['zh-CN']}迈向下一级${ctx.explain.stage(p.nextStage)['zh-CN']}。`,
          en: `Priority ${p.rank}, "${name.en}", climbs one rung from ${ctx.explain.stage(p.stage).en} to ${ctx.explain.stage(p.nextStage).en}.`,
        },
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
  const scored: Match[] = [];
  for (const record of kb.cases) {
    const hits = ctx.priorities.filter((p) => record.cells.some((c) => sameCell(c, p)));
    const typeFits = ctx.industryType !== null && record.industryTypes.includes(ctx.industryType);
    let score = hits.reduce((s, p) => s + (n - p.rank + 1) + (record.stage === p.nextStage ? 0.5 : 0), 0);
    if (score === 0 && !(ctx.priorities.length === 0 && typeFits)) continue;
    if (typeFits) score += 1;
    const cellNames = explain.list(hits.map((p) => explain.cell(p)));
    const typeName = ctx.industryType ? explain.industryType(ctx.industryType) : null;
    const zh: string[] = [];
    const en: string[] = [];
    if (hits.length > 0) {
      zh.push(`对应您的优先事项「${cellNames['zh-CN']}」`);
      en.push(`it speaks to your priority "${cellNames.en}"`);
    }
    if (typeFits && typeName) {
      zh.push(`适合${typeName['zh-CN']}企业`);
      en.push(`it suits ${typeName.en} companies`);
    }
    scored.push({
      id: record.id,
      score: round1(score),
      reason: {
        rule: 'case-match',
        answers: [...new Set(hits.flatMap((p) => p.reasons.flatMap((r) => r.answers)))],
        text: { 'zh-CN': `推荐理由：${zh.join('；')}。`, en: `Why: ${en.join('; ')}.` },
      },
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, kb.rules.maxCases);
}

/** Policies whose needs match those the answers and the roadmap reveal, filtered by region, size and type. */
export function matchPolicies(ctx: MatchContext): PolicyMatch[] {
  const { kb, explain } = ctx;
  const factor = kb.rules.policyScopeFactor;
  const province = typeof ctx.profile['province'] === 'string' ? ctx.profile['province'] : null;
  const employees = typeof ctx.profile['employees'] === 'number' ? ctx.profile['employees'] : null;
  const revealed = new Map(ctx.needs.map((n) => [n.id, n]));
  const out: PolicyMatch[] = [];
  for (const policy of kb.policies) {
    if (policy.regions && (province === null || !policy.regions.includes(province))) continue;
    if (policy.maxEmployees !== undefined && employees !== null && employees > policy.maxEmployees) continue;
    if (policy.industryTypes && policy.industryTypes.length > 0 && (ctx.industryType === null || !policy.industryTypes.includes(ctx.industryType))) continue;
    const needs = policy.needs.filter((n) => revealed.has(n));
    if (needs.length === 0) continue;
    const cellHits = ctx.priorities.filter((p) => policy.cells?.some((c) => sameCell(c, p)));
    const scope = policy.regions ? factor.regional : policy.country === 'CN' ? factor.domestic : factor.international;
    const base = needs.reduce((s, n) => s + 1 + (revealed.get(n)?.answers.length ? 0.5 : 0), 0) + cellHits.length;
    const score = round1(base * scope * kb.rules.policyKindFactor[policy.kind]);
    if (score <= 0) continue;
    const needNames = explain.list(needs.map((n) => explain.need(n)));
    const zh = [`满足您的需求：${needNames['zh-CN']}`];
    const en = [`it serves your needs: ${needNames.en}`];
    if (policy.regions && province) {
      const region = explain.region(province);
      zh.push(`适用于${region['zh-CN']}`);
      en.push(`it applies in ${region.en}`);
    }
    if (policy.maxEmployees !== undefined && employees !== null) {
      zh.push(`面向 ${policy.maxEmployees} 人以下企业，您为 ${employees} 人`);
      en.push(`it is for companies under ${policy.maxEmployees} staff; you have ${employees}`);
    }
    if (policy.country !== 'CN') {
      zh.push('为国外做法，供借鉴');
      en.push('it is a foreign practice, given for reference');
    }
    out.push({
      id: policy.id,
      score,
      needs,
      reason: {
        rule: 'policy-need-match',
        answers: [...new Set(needs.flatMap((n) => revealed.get(n)?.answers ?? []))].sort(),
        text: { 'zh-CN': `推荐理由：${zh.join('；')}。`, en: `Why: ${en.join('; ')}.` },
      },
    });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, kb.rules.maxPolicies);
}
