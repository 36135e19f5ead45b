import type { AnswerMap, Case, IndustryTypeId, LocalizedText, Match, NeedResult, Priority, Rules } from '../types.ts';
import { cellIndex, inMask, round1 } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { clauses, message, quotedList } from '../messages.ts';
import { type Prepared, typeBit } from '../prepared.ts';
import { best, byScoreThenId } from './rank.ts';

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
