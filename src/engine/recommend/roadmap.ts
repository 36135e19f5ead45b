import type {
  AnswerMap, Cell, CellResult, EnablerId, EnablerResult, Level, LocalizedText, Phase, Priority, Reason, RoadmapStep, Rules,
  Scenario, ScenarioTrigger, SizeClass, Stage,
} from '../types.ts';
import { ENABLERS, PHASES, STAGES } from '../types.ts';
import { cellIndex, formatNumber, stageLevel, thresholdOf } from '../cells.ts';
import type { Explainer } from '../explain.ts';
import { clauses, message } from '../messages.ts';
import type { Prepared } from '../prepared.ts';
import type { QuestionnaireIndex } from '../questionnaire.ts';

export interface RoadmapContext {
  rules: Rules;
  prepared: Prepared;
  explain: Explainer;
  questions: QuestionnaireIndex;
  cells: readonly CellResult[];
  enablers: readonly EnablerResult[];
  priorities: readonly Priority[];
  /** The rung each shown, scored question was answered at ("don't know" as 0). */
  levels: ReadonlyMap<string, Level>;
  /** The options chosen in each shown question. */
  chosen: ReadonlyMap<string, readonly string[]>;
  painPoints: readonly string[];
  profile: AnswerMap;
  size: SizeClass | null;
  capacity: { steps: number; answers: string[] };
}

interface Candidate {
  scenario: Scenario;
  /** Position in CELLS, or -1 for an enabler scenario. */
  cell: number;
  enabler: EnablerId | null;
  fromStage: Stage;
  priority: Priority | null;
  fired: Fired[];
  unmet: { question: string; minLevel: number }[];
  /** Enablers a gate holds this step back for, until a planned step builds them to `minStage`. */
  waitsFor: { enabler: EnablerId; minStage: Stage }[];
  score: number;
  order: number;
}

type Fired = { kind: 'question'; question: string; optionId: string } | { kind: 'painPoint'; id: string } | { kind: 'outcome'; question: string; optionId: string };

/**
 * The roadmap from practices: every scenario a weak answer, a pain point or an outcome figure fires, that fits
 * the company and never skips a rung, ordered by the priority of what it lifts and placed in phases (now,
 * 6–12 months, 12–24 months) so that no step comes before what it stands on and no phase holds more than the
 * company can carry. Enablers that hold a cell back are built first; a cell that must first mend its
 * foundation gets only foundation work.
 */
export function buildRoadmap(ctx: RoadmapContext): RoadmapStep[] {
  const candidates: Candidate[] = [];
  ctx.prepared.scenarios.forEach((scenario, order) => {
    const c = candidateOf(scenario, order, ctx);
    if (c) candidates.push(c);
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order);
  return schedule(candidates, ctx);
}

function candidateOf(scenario: Scenario, order: number, ctx: RoadmapContext): Candidate | null {
  if (!fits(scenario, ctx)) return null;
  if (scenario.skipIf?.some((t) => fire(t, ctx) !== null)) return null;
  const cell = scenario.cell ? cellIndex(scenario.cell) : -1;
  const enabler = scenario.enabler ?? null;
  const result = cell >= 0 ? ctx.cells[cell] : ctx.enablers[ENABLERS.indexOf(enabler as EnablerId)];
  // Nothing is planned for what was not assessed.
  if (!result || result.stage === null) return null;
  const fromStage = result.stage;
  const to = stageLevel(scenario.stage);
  // One rung at a time, practice by practice: a practice fires a scenario only from the rung just below it.
  const fired = firedTriggers(scenario, ctx).filter((f) => f.kind !== 'question' || (ctx.levels.get(f.question) ?? 0) >= to - 1);
  const byPractice = fired.some((f) => f.kind === 'question');
  if (fired.length === 0) return null;
  if (!byPractice) {
    // A pain point or figure alone: only where the cell is one rung below, and not where every practice the
    // scenario lifts is already above where it starts.
    if (to !== stageLevel(fromStage) + 1) return null;
    const practices = scenario.triggers.filter((t): t is { question: string; maxLevel: Level } => 'question' in t);
    if (practices.length > 0 && practices.every((t) => (ctx.levels.get(t.question) ?? -1) > t.maxLevel)) return null;
  }
  const priority = cell >= 0 ? ctx.priorities.find((p) => cellIndex(p) === cell) ?? null : null;
  const waitsFor: { enabler: EnablerId; minStage: Stage }[] = [];
  if (priority) {
    for (const id of priority.blockedBy) {
      const gate = ctx.prepared.gates.find((g) => g.enablerId === id && (g.cells & (1 << cell)) !== 0);
      // Above the gate's ceiling, the step waits for a planned step that builds the enabler far enough.
      if (gate && to > stageLevel(gate.maxStage)) waitsFor.push({ enabler: id, minStage: gate.minStage });
    }
    if (priority.foundationOnly && !fired.some((f) => f.kind === 'question' && holdsUp(f.question, cell, ctx))) return null;
  }
  const unmet: { question: string; minLevel: number }[] = [];
  for (const r of scenario.requires) if ((ctx.levels.get(r.question) ?? -1) < r.minLevel) unmet.push(r);
  // Each kind of evidence beyond a weak answer counts once: a pain point the owner named, a figure the owner gave.
  // A step both point to ranks above one that only one of them (or a weak answer alone) points to.
  const kinds = (fired.some((f) => f.kind === 'painPoint') ? 1 : 0) + (fired.some((f) => f.kind === 'outcome') ? 1 : 0);
  const signal = ctx.rules.scenarioSignalFactor ** kinds;
  const sector = scenario.fits?.sectors ? ctx.rules.scenarioSectorFactor : 1;
  const score = baseScore(scenario, cell, enabler, priority, ctx) * signal * sector * ctx.rules.effortClasses[scenario.effort].weight;
  // A step fired by a practice starts from that practice's rung, not from the cell's average.
  let start = fromStage;
  if (byPractice) {
    let low = 3;
    for (const f of fired) if (f.kind === 'question') low = Math.min(low, ctx.levels.get(f.question) ?? 0);
    start = STAGES[low] as Stage;
  }
  return { scenario, cell, enabler, fromStage: start, priority, fired, unmet, waitsFor, score, order };
}

/**
 * Whether a practice holds a cell's claims up: its foundation question, or a practice a capped claim of the
 * cell stands on. A cell that must mend its foundation gets work on these only.
 */
function holdsUp(question: string, cell: number, ctx: RoadmapContext): boolean {
  const entry = ctx.questions.byId.get(question);
  if (entry?.question.foundation === true) return true;
  const result = ctx.cells[cell];
  for (const b of result?.basis ?? []) {
    if (b.credited === undefined) continue;
    if (ctx.questions.byId.get(b.questionId)?.question.standsOn?.includes(question)) return true;
  }
  return false;
}

/** The priority score of the cell it lifts; for an enabler, of the cells it holds back; a little for the rest. */
function baseScore(scenario: Scenario, cell: number, enabler: EnablerId | null, priority: Priority | null, ctx: RoadmapContext): number {
  if (priority) return priority.priorityScore;
  if (enabler) {
    // Only a step that builds the enabler up to what a gate asks unlocks anything; one above that rung is
    // ordinary enabler work.
    let held = 0;
    for (const p of ctx.priorities) {
      if (!p.blockedBy.includes(enabler)) continue;
      const unlocks = ctx.prepared.gates.some((g) => g.enablerId === enabler && (g.cells & (1 << cellIndex(p))) !== 0
        && stageLevel(scenario.stage) <= stageLevel(g.minStage));
      if (unlocks) held = Math.max(held, p.priorityScore);
    }
    // A foundation that holds a priority back is worth more than that priority's next step would be: without
    // it, that step cannot be taken at all.
    if (held > 0) return held * ctx.rules.foundationFirstFactor;
    const e = ctx.enablers[ENABLERS.indexOf(enabler)];
    return 0.3 * Math.max(1, thresholdOf(scenario.stage, ctx.rules) - (e?.score ?? 0));
  }
  const c = ctx.cells[cell];
  return 0.25 * (c?.weight ?? 1) * Math.max(1, thresholdOf(scenario.stage, ctx.rules) - (c?.score ?? 0));
}

function firedTriggers(scenario: Scenario, ctx: RoadmapContext): Fired[] {
  const fired: Fired[] = [];
  for (const t of scenario.triggers) {
    const f = fire(t, ctx);
    if (f) fired.push(f);
  }
  return fired;
}

function fire(t: ScenarioTrigger, ctx: RoadmapContext): Fired | null {
  if ('painPoint' in t) return ctx.painPoints.includes(t.painPoint) ? { kind: 'painPoint', id: t.painPoint } : null;
  if ('outcome' in t) {
    const chosen = ctx.chosen.get(t.outcome)?.find((o) => t.in.includes(o));
    return chosen ? { kind: 'outcome', question: t.outcome, optionId: chosen } : null;
  }
  const level = ctx.levels.get(t.question);
  if (level === undefined || level > t.maxLevel) return null;
  return { kind: 'question', question: t.question, optionId: ctx.chosen.get(t.question)?.[0] ?? '' };
}

function fits(scenario: Scenario, ctx: RoadmapContext): boolean {
  const f = scenario.fits;
  if (!f) return true;
  const value = (key: string): string | null => (typeof ctx.profile[key] === 'string' ? (ctx.profile[key] as string) : null);
  const sector = value('sector');
  if (f.sectors && (sector === null || !f.sectors.some((s) => sector.startsWith(s)))) return false;
  const oneOf = (list: string[] | undefined, v: string | null): boolean => list === undefined || v === null || list.includes(v);
  return oneOf(f.orderTypes, value('orderType')) && oneOf(f.productionModes, value('productionMode')) && oneOf(f.ownDesign, value('ownDesign'))
    && oneOf(f.afterSales, value('afterSales')) && oneOf(f.sizes, ctx.size);
}

/** Places candidates, best first, in the earliest phase their prerequisites and the capacity allow. */
function schedule(candidates: Candidate[], ctx: RoadmapContext): RoadmapStep[] {
  const perPhase = Math.max(1, ctx.capacity.steps);
  const placed: { c: Candidate; phase: number; after: string[] }[] = [];
  const count = PHASES.map(() => 0);
  let pending = candidates;
  // A step waiting for another can be placed once that one is: a second pass gives it the chance.
  for (let pass = 0; pass < 2 && pending.length; pass++) {
    const waiting: Candidate[] = [];
    for (const c of pending) {
      const slot = slotFor(c, placed, count, perPhase);
      if (slot === null) waiting.push(c);
      else {
        placed.push({ c, phase: slot.phase, after: slot.after });
        count[slot.phase] = (count[slot.phase] as number) + 1;
      }
    }
    pending = waiting;
  }
  placed.sort((a, b) => a.phase - b.phase || b.c.score - a.c.score || a.c.order - b.c.order);
  return placed.map((p, i) => stepOf(p.c, PHASES[p.phase] as Phase, i + 1, p.after, ctx));
}

function slotFor(
  c: Candidate, placed: readonly { c: Candidate; phase: number; after: string[] }[], count: readonly number[], perPhase: number,
): { phase: number; after: string[] } | null {
  let earliest = 0;
  const after: string[] = [];
  for (const r of c.unmet) {
    // A requirement not in place yet is met by an earlier step that lifts that very practice far enough.
    const lifter = placed.find((p) => p.c.scenario.triggers.some((t) => 'question' in t && t.question === r.question) && stageLevel(p.c.scenario.stage) >= r.minLevel);
    if (!lifter) return null;
    earliest = Math.max(earliest, lifter.phase + 1);
    after.push(lifter.c.scenario.id);
  }
  for (const w of c.waitsFor) {
    const builder = placed.find((p) => p.c.enabler === w.enabler && stageLevel(p.c.scenario.stage) >= stageLevel(w.minStage));
    if (!builder) return null;
    earliest = Math.max(earliest, builder.phase + 1);
    if (!after.includes(builder.c.scenario.id)) after.push(builder.c.scenario.id);
  }
  const sameTarget = (p: { c: Candidate }) => p.c.cell === c.cell && p.c.enabler === c.enabler;
  for (const p of placed) {
    if (!sameTarget(p)) continue;
    // The same practice twice is once too many; a lower rung of the same cell comes first.
    if (p.c.scenario.stage === c.scenario.stage && p.c.fired.some((f) => f.kind === 'question' && c.fired.some((g) => g.kind === 'question' && g.question === f.question))) return null;
    // A lower rung of the same practice comes first.
    const shared = p.c.fired.some((f) => f.kind === 'question' && c.fired.some((g) => g.kind === 'question' && g.question === f.question))
      || p.c.scenario.triggers.some((t) => 'question' in t && c.scenario.triggers.some((u) => 'question' in u && u.question === t.question));
    if (shared && stageLevel(p.c.scenario.stage) < stageLevel(c.scenario.stage)) {
      earliest = Math.max(earliest, p.phase + 1);
      if (!after.includes(p.c.scenario.id)) after.push(p.c.scenario.id);
    }
  }
  for (let phase = earliest; phase < PHASES.length; phase++) {
    if ((count[phase] as number) >= perPhase) continue;
    // One step per cell (or enabler) per phase: a small team finishes one thing before the next.
    if (placed.some((p) => p.phase === phase && sameTarget(p))) continue;
    return { phase, after };
  }
  return null;
}

function stepOf(c: Candidate, phase: Phase, order: number, after: string[], ctx: RoadmapContext): RoadmapStep {
  const s = c.scenario;
  const answers: string[] = [];
  for (const f of c.fired) if (f.kind !== 'painPoint') answers.push(f.question);
  if (c.fired.some((f) => f.kind === 'painPoint')) answers.push('painPoints');
  for (const r of s.requires) answers.push(r.question);
  for (const a of ctx.capacity.answers) answers.push(a);
  return {
    id: s.id,
    order,
    phase,
    cell: s.cell ? { organization: s.cell.organization, value: s.cell.value } : null,
    enabler: c.enabler,
    fromStage: c.fromStage,
    toStage: s.stage,
    priority: c.priority?.rank ?? null,
    effort: s.effort,
    title: s.title,
    solution: s.solution,
    kpi: s.kpi,
    after,
    cases: s.cases,
    needs: s.needs,
    reason: stepReason(c, answers, ctx),
  };
}

function stepReason(c: Candidate, answers: string[], ctx: RoadmapContext): Reason {
  const { explain } = ctx;
  const parts: LocalizedText[] = [];
  for (const f of c.fired) {
    if (f.kind === 'painPoint') parts.push(message('stepPain', { name: explain.painPoint(f.id) }));
    else {
      const entry = ctx.questions.byId.get(f.question);
      const name = entry?.question.label ?? entry?.question.text ?? { 'zh-CN': f.question, en: f.question };
      const band = entry?.options.get(f.optionId)?.text ?? { 'zh-CN': f.optionId, en: f.optionId };
      parts.push(message(f.kind === 'outcome' ? 'stepFigure' : 'stepAnswer', { name, band }));
    }
  }
  const target = c.enabler ? explain.enabler(c.enabler) : explain.cell(c.scenario.cell as Cell);
  if (c.priority) parts.push(message('stepPriority', { rank: c.priority.rank, cell: target }));
  else if (c.enabler && ctx.priorities.some((p) => p.blockedBy.includes(c.enabler as EnablerId))) parts.push(message('stepFoundation', { enabler: target }));
  const effort = ctx.rules.effortClasses[c.scenario.effort];
  parts.push(message('stepEffort', { effort: effort.name, from: formatNumber(effort.months[0]), to: formatNumber(effort.months[1]) }));
  return { rule: 'scenario', answers: [...new Set(answers)], text: message('why', { parts: clauses(parts) }) };
}
