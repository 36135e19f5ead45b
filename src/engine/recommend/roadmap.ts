import type { EnablerId, EnablerResult, FoundationStep, Priority, RoadmapStep, Rules, Stage } from '../types.ts';
import { cellIndex, stageAt, stageLevel } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { message, quotedList } from '../messages.ts';
import type { Prepared } from '../prepared.ts';

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
