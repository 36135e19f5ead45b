import type {
  AnswerMap, Case, IndustryTypeId, LocalizedText, Match, NeedResult, Priority, RoadmapStep, Rules, SizeClass, Stage,
} from '../types.ts';
import { SIZE_CLASSES } from '../types.ts';
import { cellIndex, inMask, round1, stageLevel } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { clauses, message, quotedList } from '../messages.ts';
import { type Prepared, typeBit } from '../prepared.ts';

export interface MatchContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  industryType: IndustryTypeId | null;
  priorities: Priority[];
  needs: NeedResult[];
  profile: AnswerMap;
}

export interface CaseContext extends MatchContext {
  roadmap: readonly RoadmapStep[];
  size: SizeClass | null;
}

interface CaseCandidate {
  record: Case;
  order: number;
  score: number;
  /** 3: same class, 2: same group, 1: same division, 0: none. */
  sector: number;
  sectorCode: string | null;
  steps: RoadmapStep[];
  hits: Priority[];
  typeFits: boolean;
  sizeClose: boolean;
  nextRung: boolean;
}

/**
 * Cases that fit the company: the same line of business first (class, then group, then division), then the
 * roadmap steps they show, then the priorities they speak to, then a company of like size one rung ahead.
 * At most one provider's story among the first three.
 */
export function matchCases(ctx: CaseContext): Match[] {
  const sector = typeof ctx.profile['sector'] === 'string' ? ctx.profile['sector'] : null;
  const priorityCells = ctx.priorities.map((p) => cellIndex(p));
  const typeBits = typeBit(ctx.industryType);
  const candidates: CaseCandidate[] = [];
  for (const { record, cells, order, types } of ctx.prepared.cases) {
    const { level, code } = sectorMatch(sector, record.sectors);
    const steps = ctx.roadmap.filter((s) => s.cases.includes(record.id));
    const hits: Priority[] = [];
    ctx.priorities.forEach((p, k) => {
      if (inMask(cells, priorityCells[k] as number)) hits.push(p);
    });
    const typeFits = (types & typeBits) !== 0;
    // A case that neither shares the business nor speaks to anything on the plan is not a fit.
    if (level === 0 && steps.length === 0 && hits.length === 0) continue;
    const sizeClose = closeInSize(ctx.size, record.sizeBand);
    const nextRung = hits.some((p) => record.stage === p.nextStage) || steps.some((s) => record.stage === s.toStage);
    const twoAhead = hits.length > 0 && hits.every((p) => stageLevel(record.stage) >= stageLevel(p.stage) + 2);
    let score = 10 * level + 4 * steps.length;
    for (const p of hits) score += ctx.rules.maxPriorities - p.rank + 1;
    if (typeFits) score += 1;
    if (sizeClose) score += 1.5;
    if (nextRung) score += 1;
    if (twoAhead) score -= 2;
    if (score <= 0) continue;
    candidates.push({ record, order, score: round1(score), sector: level, sectorCode: code, steps, hits, typeFits, sizeClose, nextRung });
  }
  candidates.sort((a, b) => b.score - a.score || a.order - b.order);
  return withOneVendorInTopThree(candidates).slice(0, ctx.rules.maxCases).map((c) => caseMatch(c, ctx));
}

/** How closely a case's business matches the company's sector code. */
function sectorMatch(sector: string | null, codes: readonly string[]): { level: number; code: string | null } {
  if (sector === null) return { level: 0, code: null };
  let best = 0;
  let code: string | null = null;
  for (const c of codes) {
    // Shared digits beyond the letter: 2 (division), 3 (group), 4 (class).
    let shared = 0;
    while (shared < Math.min(c.length, sector.length) && c[shared] === sector[shared]) shared++;
    const level = shared >= 5 ? 3 : shared >= 4 ? 2 : shared >= 3 ? 1 : 0;
    if (level > best) {
      best = level;
      code = c;
    }
  }
  return { level: best, code };
}

function closeInSize(size: SizeClass | null, band: Case['sizeBand']): boolean {
  if (size === null || band === 'unknown') return false;
  return Math.abs(SIZE_CLASSES.indexOf(size) - SIZE_CLASSES.indexOf(band)) <= 1;
}

/** Provider stories below the first one move out of the top three, keeping their order otherwise. */
function withOneVendorInTopThree(sorted: CaseCandidate[]): CaseCandidate[] {
  const out: CaseCandidate[] = [];
  const held: CaseCandidate[] = [];
  let vendors = 0;
  for (const c of sorted) {
    if (out.length < 3 && c.record.provider === 'vendor') {
      if (vendors >= 1) {
        held.push(c);
        continue;
      }
      vendors++;
    }
    out.push(c);
    if (out.length === 3) out.push(...held.splice(0));
  }
  return out.concat(held);
}

function caseMatch(c: CaseCandidate, ctx: CaseContext): Match {
  const { explain } = ctx;
  const parts: LocalizedText[] = [];
  if (c.sector > 0 && c.sectorCode) parts.push(message('caseSector', { sector: explain.sector(c.sectorCode) }));
  if (c.steps.length > 0) parts.push(message('caseSteps', { steps: quotedList(c.steps.map((s) => s.title)) }));
  if (c.hits.length > 0) parts.push(message('caseCells', { cells: quotedList(c.hits.map((p) => explain.cell(p))) }));
  if (c.sizeClose) parts.push(message('caseSize'));
  if (c.nextRung) parts.push(message('caseNextRung', { stage: explain.stage(c.record.stage as Stage) }));
  if (c.record.provider === 'vendor') parts.push(message('caseVendor'));
  if (parts.length === 0 && c.typeFits && ctx.industryType) parts.push(message('caseType', { type: explain.industryType(ctx.industryType) }));
  const answers = new Set<string>();
  if (c.sector > 0) answers.add('sector');
  for (const s of c.steps) for (const a of s.reason.answers) answers.add(a);
  for (const p of c.hits) for (const r of p.reasons) for (const a of r.answers) answers.add(a);
  return {
    id: c.record.id,
    score: c.score,
    reason: { rule: 'case-match', answers: [...answers], text: message('why', { parts: clauses(parts) }) },
  };
}
