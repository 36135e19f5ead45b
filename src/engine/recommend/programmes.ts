import type {
  EligibilityStatus, IndicativeLevel, KnowledgeBase, LocalizedText, Need, NeedResult, PolicyGroup, PolicyMatch, SizeResult, Stage,
} from '../types.ts';
import { NEEDS, POLICY_GROUPS } from '../types.ts';
import { cellIndex, inMask, round1, stageLevel } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { clauses, list, message } from '../messages.ts';
import { type PreparedPolicy, typeBit } from '../prepared.ts';
import type { MatchContext } from './cases.ts';
import { best, byScoreThenId } from './rank.ts';

export interface PolicyContext extends MatchContext {
  size: SizeResult;
  overallStage: Stage | null;
  indicative: readonly IndicativeLevel[];
  yardsticks: KnowledgeBase['yardsticks'];
  /** The report date (YYYY-MM-DD): programmes outside their dates are left out. Null: dates are not checked. */
  date: string | null;
}

interface PolicyCandidate {
  policy: PreparedPolicy;
  order: number;
  score: number;
  status: EligibilityStatus | null;
  notes: LocalizedText[];
  needs: Need[];
}

/**
 * Three groups, each ranked on its own and capped by `rules.maxPolicies`: programmes a company can apply for
 * (filtered by region, sector, size and dates, with how far the company is from any stage or level they ask
 * for), then service offerings and background that match the needs revealed. Programmes always come first.
 */
export function matchPolicies(ctx: PolicyContext): PolicyMatch[] {
  const province = typeof ctx.profile['province'] === 'string' ? ctx.profile['province'] : null;
  const city = cityOf(ctx, province);
  const revealed = revealedNeeds(ctx.needs);
  const priorityCells = ctx.priorities.map((p) => cellIndex(p));
  const typeBits = typeBit(ctx.industryType);
  const byGroup: PolicyCandidate[][] = POLICY_GROUPS.map(() => []);
  for (const p of ctx.prepared.policies) {
    if (p.types !== 0 && (p.types & typeBits) === 0) continue;
    const needs: Need[] = [];
    let needScore = 0;
    p.needIndexes.forEach((i, k) => {
      const need = revealed[i];
      if (!need) return;
      needs.push(p.record.needs[k] as Need);
      needScore = needScore + 1 + (need.answers.length ? 0.5 : 0);
    });
    let cellHits = 0;
    if (p.cells !== 0) for (const i of priorityCells) if (inMask(p.cells, i)) cellHits++;
    const candidate = p.record.group === 'programme'
      ? programme(p, province, city, needScore, cellHits, needs, ctx)
      : needs.length === 0 || !withinLimits(p, province, city, ctx) ? null : other(p, needScore, cellHits, needs, ctx);
    if (candidate) (byGroup[p.group] as PolicyCandidate[]).push(candidate);
  }
  const out: PolicyMatch[] = [];
  POLICY_GROUPS.forEach((group, g) => {
    // Explanations are written only for the policies kept.
    for (const c of best(byGroup[g] as PolicyCandidate[], ctx.rules.maxPolicies[group], byScoreThenId)) out.push(policyMatch(c, group, revealed, ctx.explain));
  });
  return out;
}

/**
 * The city answered, read with its province: `undefined` when not answered (or left from another province),
 * null for "another city" (the question's own option), else the city code.
 */
type CityAnswer = string | null | undefined;

function cityOf(ctx: PolicyContext, province: string | null): CityAnswer {
  const v = ctx.profile['city'];
  if (typeof v !== 'string' || v === '' || province === null) return undefined;
  if (!ctx.prepared.regionNames.has(v)) return null;
  return v !== province && v.startsWith(province) ? v : undefined;
}

function programme(
  p: PreparedPolicy, province: string | null, city: CityAnswer, needScore: number, cellHits: number, needs: Need[], ctx: PolicyContext,
): PolicyCandidate | null {
  const { rules, explain } = ctx;
  if (ctx.date !== null && ((p.validUntil !== null && p.validUntil < ctx.date) || (p.validFrom !== null && p.validFrom > ctx.date))) return null;
  const notes: LocalizedText[] = [];
  let status: EligibilityStatus = 'eligible';
  let scope = p.domestic ? rules.policyScopeFactor.domestic : rules.policyScopeFactor.international;
  if (p.provinces.length || p.cities.length) {
    if (province === null) return null;
    if (p.provinces.includes(province)) {
      scope = rules.policyScopeFactor.regional;
      notes.push(message('policyRegion', { region: explain.region(province) }));
    } else {
      const cities = p.cities.filter((c) => c.startsWith(province));
      if (cities.length === 0) return null;
      scope = rules.policyScopeFactor.city;
      if (city === undefined) {
        // The city was not given: it is for the company to confirm.
        status = 'conditional';
        notes.push(message('policyCity', { cities: list(cities.map((c) => explain.region(c))) }));
      } else if (city !== null && cities.includes(city)) {
        notes.push(message('policyRegion', { region: explain.region(city) }));
      } else {
        // Another city of the province: not eligible.
        return null;
      }
    }
  }
  const sector = typeof ctx.profile['sector'] === 'string' ? ctx.profile['sector'] : null;
  if (p.sectors) {
    if (sector === null || !p.sectors.some((s) => sector.startsWith(s) || s.startsWith(sector))) return null;
    if (!p.sectors.some((s) => sector.startsWith(s))) status = 'conditional';
  }
  const size = ctx.size;
  if (p.sme) {
    if (size.class === 'large') return null;
    if (size.class === null) status = 'conditional';
    else notes.push(message('policySme', { size: explain.sizeClass(size.class) }));
  }
  const employees = size.employees;
  if (p.maxEmployees !== null && employees !== null && employees > p.maxEmployees) return null;
  if (p.minEmployees !== null && employees !== null && employees < p.minEmployees) return null;
  if (p.maxRevenue !== null && size.revenue?.min !== undefined && size.revenue.min > p.maxRevenue) return null;
  let gap = false;
  if (p.minStage !== null) {
    if (ctx.overallStage === null || stageLevel(ctx.overallStage) < stageLevel(p.minStage)) {
      gap = true;
      notes.push(message('policyStageGap', { stage: explain.stage(p.minStage), now: explain.stage(ctx.overallStage ?? 'none') }));
    }
  }
  if (p.miitLevel !== null) {
    const miit = miitGap(p.miitLevel, ctx);
    if (miit) {
      gap = true;
      notes.push(miit);
    }
  }
  if (gap) status = 'gap';
  const kind = p.kindFactor * (gap ? rules.policyGapFactor : 1);
  return { policy: p, order: p.order, score: round1((1 + 0.5 * needScore + cellHits) * scope * kind), status, notes, needs };
}

/** Offerings and background keep to their region, sectors and size limits too (no Chongqing platform in Hebei). */
function withinLimits(p: PreparedPolicy, province: string | null, city: CityAnswer, ctx: PolicyContext): boolean {
  if (p.provinces.length || p.cities.length) {
    if (province === null) return false;
    if (!p.provinces.includes(province)) {
      const cities = p.cities.filter((c) => c.startsWith(province));
      if (cities.length === 0) return false;
      if (city !== undefined && (city === null || !cities.includes(city))) return false;
    }
  }
  const sector = typeof ctx.profile['sector'] === 'string' ? ctx.profile['sector'] : null;
  if (p.sectors && (sector === null || !p.sectors.some((s) => sector.startsWith(s) || s.startsWith(sector)))) return false;
  if (p.sme && ctx.size.class === 'large') return false;
  const employees = ctx.size.employees;
  if (p.maxEmployees !== null && employees !== null && employees > p.maxEmployees) return false;
  return true;
}

/** "Indicative level 二级 needs about 40 points; you are at 33" — null when the company is there. */
function miitGap(level: number, ctx: PolicyContext): LocalizedText | null {
  const y = ctx.yardsticks.find((x) => x.id === MIIT);
  const required = y?.levels.find((l) => l.id === `level-${level}`);
  const mine = ctx.indicative.find((i) => i.yardstick === MIIT);
  if (!y || !required) return null;
  if (mine?.score !== null && mine?.score !== undefined && mine.score >= required.minScore) return null;
  return message('policyLevelGap', { level: required.name, points: required.minScore, score: mine?.score ?? '—' });
}

/** The yardstick whose levels programmes name by number (MIIT's SME digital level). */
const MIIT = 'miit-sme-digital-level';

function other(p: PreparedPolicy, needScore: number, cellHits: number, needs: Need[], ctx: PolicyContext): PolicyCandidate {
  const factor = ctx.rules.policyScopeFactor;
  const scope = p.domestic ? factor.domestic : factor.international;
  return { policy: p, order: p.order, score: round1((needScore + cellHits) * scope * p.kindFactor), status: null, notes: [], needs };
}

/** The revealed needs by position in NEEDS. */
function revealedNeeds(needs: readonly NeedResult[]): (NeedResult | undefined)[] {
  const revealed: (NeedResult | undefined)[] = [];
  for (const id of NEEDS) revealed.push(needs.find((n) => n.id === id));
  return revealed;
}

function policyMatch(c: PolicyCandidate, group: PolicyGroup, revealed: readonly (NeedResult | undefined)[], explain: Explainer): PolicyMatch {
  const policy = c.policy.record;
  const parts: LocalizedText[] = [];
  if (group === 'programme') parts.push(message(c.status === 'gap' ? 'policyNotYet' : c.status === 'conditional' ? 'policyConditional' : 'policyEligible'));
  for (const n of c.notes) parts.push(n);
  if (c.needs.length) parts.push(message('policyNeeds', { needs: list(c.needs.map((n) => explain.need(n))) }));
  if (group === 'offering') parts.push(message('policyOffering'));
  if (policy.country !== 'CN') parts.push(message('policyForeign'));
  return {
    id: policy.id,
    group,
    score: c.score,
    needs: c.needs,
    status: c.status,
    reason: { rule: `policy-${group}`, answers: answersOf(c.needs, revealed), text: message('why', { parts: clauses(parts) }) },
  };
}

/** The answers that revealed any of these needs, sorted. */
function answersOf(needs: readonly Need[], revealed: readonly (NeedResult | undefined)[]): string[] {
  const answers = new Set<string>();
  for (const n of needs) for (const a of revealed[NEEDS.indexOf(n)]?.answers ?? []) answers.add(a);
  return [...answers].sort();
}
