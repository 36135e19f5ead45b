/**
 * Properties of the diagnosis over random answer sets on the full questionnaire and the real knowledge base.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diagnose, INDUSTRY_TYPES,
  type AnswerMap, type AnswerValue, type Diagnosis, type Question, type Questionnaire,
} from '../../src/engine/index.ts';
import { checkResult } from '../../src/schemas/result.ts';
import { formatIssue } from '../../src/schemas/issues.ts';
import { conditionSources, knowledgeBase, loadQuestionnaire, maturityQuestions } from './scenario.ts';

const kb = knowledgeBase();
const full = loadQuestionnaire('full');
const RUNS = { numRuns: 200 };

interface Input {
  profile: AnswerMap;
  answers: AnswerMap;
  plannedSteps: string[];
}

function valueFor(q: Question): fc.Arbitrary<AnswerValue> {
  const ids = (q.options ?? []).map((o) => o.id);
  switch (q.type) {
    case 'single':
      return fc.constantFrom(...ids);
    case 'multi':
      return fc.shuffledSubarray(ids, { minLength: 1, maxLength: q.maxSelect ?? ids.length });
    case 'number':
      return fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    case 'sector':
      return fc.constantFrom(...kb.sectors.map((s) => s.id), 'C99');
    case 'region':
      return fc.constantFrom(...kb.regions.map((r) => r.id));
    case 'city':
      return fc.constantFrom(...kb.regions.map((r) => r.id), ...ids);
    case 'industry-type':
      return fc.constantFrom(...INDUSTRY_TYPES);
    case 'text':
      return fc.string();
  }
}

/** A random answer set: each question left open or answered with a value of the right shape. */
function inputFor(questionnaire: Questionnaire, opts: { planned?: boolean } = {}): fc.Arbitrary<Input> {
  const entries = questionnaire.sections.flatMap((s) =>
    s.questions.map((q) => ({ q, inProfile: s.kind === 'profile' })),
  );
  const answered = entries.map(({ q }) =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: valueFor(q), weight: 4 }),
  );
  const planned: fc.Arbitrary<string[]> = opts.planned === false ? fc.constant<string[]>([]) : fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 3 },
    { arbitrary: fc.subarray(kb.scenarios.map((r) => r.id), { maxLength: 3 }), weight: 1 },
  );
  return fc.tuple(fc.tuple(...answered), planned).map(([values, plannedSteps]) => {
    const profile: AnswerMap = {};
    const answers: AnswerMap = {};
    values.forEach((v, i) => {
      const entry = entries[i];
      if (v === undefined || !entry) return;
      (entry.inProfile ? profile : answers)[entry.q.id] = v;
    });
    return { profile, answers, plannedSteps };
  });
}

function run(input: Input, questionnaire: Questionnaire = full, knowledge = kb): Diagnosis {
  return diagnose(
    { questionnaire, knowledgeBase: knowledge, answers: { profile: input.profile, answers: input.answers } },
    { plannedSteps: input.plannedSteps },
  );
}

/** Every number anywhere in a value, with its path. */
function numbers(value: unknown, path = ''): { path: string; n: number }[] {
  if (typeof value === 'number') return [{ path, n: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

/** Every 0–100 score in a result. */
function scores(d: Diagnosis): (number | null)[] {
  return [
    ...d.cells.map((c) => c.score),
    ...d.axes.organization.map((a) => a.score),
    ...d.axes.value.map((a) => a.score),
    d.overall.score,
    d.overall.weightedScore,
    ...d.priorities.map((p) => p.score),
  ];
}

/** The scores monotonicity speaks of, by name. */
function namedScores(d: Diagnosis): Map<string, number | null> {
  return new Map<string, number | null>([
    ...d.cells.map((c) => [`cell ${c.organization}-${c.value}`, c.score] as const),
    ...d.axes.organization.map((a) => [`organization ${a.id}`, a.score] as const),
    ...d.axes.value.map((a) => [`value ${a.id}`, a.score] as const),
    ['overall', d.overall.score],
    ['weighted', d.overall.weightedScore],
  ]);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function reorder(map: AnswerMap, seed: number): AnswerMap {
  return Object.fromEntries(shuffled(Object.entries(map), seed));
}

const maturity = maturityQuestions(full);
const conditioned = conditionSources(full);
/** Maturity questions no condition reads: raising them cannot change which questions are shown. */
const raisable = maturity.filter((q) => !conditioned.has(q.id));

function levelOf(q: Question, optionId: AnswerValue | undefined): number | null {
  const option = q.options?.find((o) => o.id === optionId);
  if (!option) return null;
  if (option.special === 'unknown') return 0;
  return option.level ?? null;
}

describe('properties of the diagnosis (full questionnaire, random answers)', () => {
  it('bounds: scores in 0–100 or null, ratios in 0–1, no NaN or Infinity anywhere', () => {
    fc.assert(
      fc.property(inputFor(full), (input) => {
        const d = run(input);
        for (const { path, n } of numbers(d)) expect(Number.isFinite(n), `${path} = ${n}`).toBe(true);
        for (const s of scores(d)) {
          if (s === null) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
        expect(d.coverage.ratio).toBeGreaterThanOrEqual(0);
        expect(d.coverage.ratio).toBeLessThanOrEqual(1);
        expect(d.confidence).toBeLessThanOrEqual(d.coverage.ratio);
        expect(d.progress.answered).toBeLessThanOrEqual(d.progress.visible);
        for (const p of d.priorities) {
          expect(p.gap).toBeGreaterThan(0);
          expect(p.priorityScore).toBeGreaterThanOrEqual(0);
        }
        for (const c of d.cells) expect(c.answered + c.notApplicable).toBeLessThanOrEqual(c.visible);
        // No verdict on the whole without enough answers, or with too many "don't know".
        if (d.status === 'ok') expect(d.overall.score).not.toBeNull();
        else expect(d.overall.score).toBeNull();
        if (d.status === 'uncertain') expect(d.priorities).toEqual([]);
      }),
      RUNS,
    );
  });

  it('determinism: the same input gives the same output, even from fresh copies of the data', () => {
    fc.assert(
      fc.property(inputFor(full), (input) => {
        const a = run(input);
        const b = run(structuredClone(input));
        const c = run(structuredClone(input), structuredClone(full), structuredClone(kb));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(JSON.stringify(c)).toBe(JSON.stringify(a));
      }),
      RUNS,
    );
  });

  it('order independence: the order of answer keys (and of multiple choices) does not matter', () => {
    fc.assert(
      fc.property(inputFor(full), fc.integer(), (input, seed) => {
        const profile = reorder(input.profile, seed);
        const painPoints = profile['painPoints'];
        if (Array.isArray(painPoints)) profile['painPoints'] = shuffled(painPoints, seed + 1);
        const moved: Input = { profile, answers: reorder(input.answers, seed + 2), plannedSteps: shuffled(input.plannedSteps, seed + 3) };
        const a = run(input);
        const b = run(moved);
        expect({ ...b, plannedSteps: [...b.plannedSteps].sort() }).toEqual({ ...a, plannedSteps: [...a.plannedSteps].sort() });
        expect(JSON.stringify(b.cells)).toBe(JSON.stringify(a.cells));
      }),
      RUNS,
    );
  });

  /** Cells with a question whose claims stand on this practice (standsOn across cells). */
  const leaning = (questionId: string): Set<string> =>
    new Set(maturity.filter((q) => q.standsOn?.includes(questionId) && q.cell).map((q) => `${q.cell?.organization}-${q.cell?.value}`));

  it('N/A invariance: turning an answer of a cell with other answers to 不适用 leaves every other cell unchanged (but those standing on it)', () => {
    fc.assert(
      fc.property(inputFor(full, { planned: false }), fc.nat(), (input, pick) => {
        const before = run(input);
        // answered questions (not na) whose cell has another scorable answer
        const candidates = before.cells.flatMap((cell) => {
          const scorable = cell.basis.filter((b) => b.special !== 'na');
          return scorable.length >= 2 ? scorable.map((b) => ({ cell, questionId: b.questionId })) : [];
        });
        fc.pre(candidates.length > 0);
        const chosen = candidates[pick % candidates.length];
        if (!chosen) return;
        const na = maturity.find((q) => q.id === chosen.questionId)?.options?.find((o) => o.special === 'na');
        if (!na) throw new Error(`${chosen.questionId} has no na option`);
        const after = run({ ...input, answers: { ...input.answers, [chosen.questionId]: na.id } });
        for (const [i, cell] of before.cells.entries()) {
          const other = after.cells[i];
          if (cell.organization === chosen.cell.organization && cell.value === chosen.cell.value) {
            expect(other?.score).not.toBeNull();
            expect(other?.notApplicable).toBe(cell.notApplicable + 1);
          } else if (!leaning(chosen.questionId).has(`${cell.organization}-${cell.value}`)) {
            expect(other).toEqual(cell);
          }
        }
      }),
      RUNS,
    );
  });

  it('N/A invariance: adding 不适用 to an unanswered question changes no score', () => {
    fc.assert(
      fc.property(inputFor(full, { planned: false }), fc.nat(), (input, pick) => {
        const open = maturity.filter((q) => input.answers[q.id] === undefined);
        fc.pre(open.length > 0);
        const q = open[pick % open.length];
        const na = q?.options?.find((o) => o.special === 'na');
        if (!q || !na) throw new Error('no open question with an na option');
        const before = run(input);
        const after = run({ ...input, answers: { ...input.answers, [q.id]: na.id } });
        expect(after.cells.map((c) => c.score)).toEqual(before.cells.map((c) => c.score));
        expect(after.axes).toEqual(before.axes);
        // 不适用 answers the question: coverage can only rise, so a diagnosis never becomes insufficient
        expect(after.coverage.ratio).toBeGreaterThanOrEqual(before.coverage.ratio);
        if (before.status === 'ok') {
          expect(after.status).toBe('ok');
          expect(after.overall.score).toBe(before.overall.score);
          expect(after.overall.weightedScore).toBe(before.overall.weightedScore);
        } else if (after.status === 'ok') {
          // it became sufficient: the overall score is the plain mean of the (unchanged) cell scores
          const scored = after.cells.flatMap((c) => (c.score === null ? [] : [c.score]));
          expect(after.overall.score).toBe(Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 10) / 10);
        }
      }),
      RUNS,
    );
  });

  // Monotonicity with caps and gating: raising one maturity answer (its rung, or from "don't know" to a rung)
  // never lowers any score, because a credited rung is min(claim, cap) and caps only rise with the practices
  // they stand on; maturity answers show or hide no question (gating reads profile answers only).
  it('monotonicity: raising a maturity answer never lowers a cell, axis, overall or weighted score', () => {
    expect(raisable.length).toBe(maturity.length); // no condition reads a maturity answer today
    fc.assert(
      fc.property(inputFor(full), fc.nat(), fc.nat(), (input, pick, up) => {
        const raisableNow = raisable.filter((q) => levelOf(q, input.answers[q.id]) !== null);
        fc.pre(raisableNow.length > 0);
        const q = raisableNow[pick % raisableNow.length];
        if (!q) return;
        const from = levelOf(q, input.answers[q.id]) ?? 0;
        const higher = (q.options ?? []).filter((o) => o.level !== undefined && o.level >= from);
        const to = higher[up % higher.length];
        if (!to) throw new Error(`${q.id} has no option at or above level ${from}`);
        const before = namedScores(run(input));
        const after = namedScores(run({ ...input, answers: { ...input.answers, [q.id]: to.id } }));
        for (const [name, b] of before) {
          const a = after.get(name);
          // A score withheld (too few answers, too much "don't know") may appear once an answer rises; never the reverse.
          if (b === null) continue;
          else expect(a ?? -1, `${name} after raising ${q.id} from ${from} to ${String(to.level)}`).toBeGreaterThanOrEqual(b);
        }
      }),
      RUNS,
    );
  });

  it('monotonicity holds across a whole cell raised one rung', () => {
    fc.assert(
      fc.property(inputFor(full), fc.nat(), (input, pick) => {
        const cell = maturity[pick % maturity.length]?.cell;
        fc.pre(cell !== undefined);
        const raised: AnswerMap = { ...input.answers };
        for (const q of raisable) {
          if (q.cell?.organization !== cell?.organization || q.cell?.value !== cell?.value) continue;
          const level = levelOf(q, raised[q.id]);
          if (level === null || level >= 3) continue;
          const next = q.options?.find((o) => o.level === level + 1);
          if (next) raised[q.id] = next.id;
        }
        const before = namedScores(run(input));
        const after = namedScores(run({ ...input, answers: raised }));
        for (const [name, b] of before) if (b !== null) expect(after.get(name) ?? -1, name).toBeGreaterThanOrEqual(b);
      }),
      RUNS,
    );
  });

  it('every result validates against the result schema', () => {
    fc.assert(
      fc.property(inputFor(full), (input) => {
        const checked = checkResult(run(input));
        expect(checked.ok ? [] : checked.issues.slice(0, 5).map((i) => formatIssue(i, 'en'))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the roadmap never schedules a step before what it stands on, never exceeds capacity, never skips a rung', () => {
    const STAGES = ['none', 'digital', 'networked', 'intelligent'];
    const PHASES = ['now', 'next', 'later'];
    const byId = new Map(kb.scenarios.map((x) => [x.id, x]));
    const options = new Map(full.sections.flatMap((x) => x.questions).map((q) => [q.id, q]));
    let steps = 0;
    fc.assert(
      fc.property(inputFor(full, { planned: false }), (input) => {
        const d = run(input);
        for (const p of d.priorities) expect(STAGES.indexOf(p.nextStage)).toBe(STAGES.indexOf(p.stage) + 1);
        for (const phase of PHASES) expect(d.roadmap.filter((x) => x.phase === phase).length).toBeLessThanOrEqual(Math.max(1, d.capacity.steps));
        const phaseOf = new Map(d.roadmap.map((x) => [x.id, PHASES.indexOf(x.phase)]));
        for (const step of d.roadmap) {
          steps++;
          expect(STAGES.indexOf(step.toStage)).toBeLessThanOrEqual(STAGES.indexOf(step.fromStage) + 1);
          for (const a of step.after) expect(phaseOf.get(a) ?? 99, `${step.id} after ${a}`).toBeLessThan(phaseOf.get(step.id) ?? -1);
          // Every requirement is either in place in the answers or lifted by an earlier step.
          const scenario = byId.get(step.id);
          for (const r of scenario?.requires ?? []) {
            const answer = input.answers[r.question];
            const level = options.get(r.question)?.options?.find((o) => o.id === answer);
            const inPlace = level !== undefined && level.special === undefined && (level.level ?? -1) >= r.minLevel;
            const lifted = step.after.some((a) => byId.get(a)?.triggers.some((t) => 'question' in t && t.question === r.question));
            expect(inPlace || lifted, `${step.id} needs ${r.question} ≥ ${r.minLevel}`).toBe(true);
          }
          // A cell an enabler holds back gets nothing above what the gate allows, unless an earlier step builds it.
          const p = step.cell ? d.priorities.find((x) => x.organization === step.cell?.organization && x.value === step.cell.value) : undefined;
          for (const e of p?.blockedBy ?? []) {
            const gate = kb.rules.enablerGates.find((g) => g.enabler === e && g.cells.some((c) => c.organization === p?.organization && c.value === p.value));
            if (STAGES.indexOf(step.toStage) <= STAGES.indexOf(gate?.maxStage ?? 'intelligent')) continue;
            const builder = d.roadmap.find((x) => x.enabler === e && step.after.includes(x.id) && STAGES.indexOf(x.toStage) >= STAGES.indexOf(gate?.minStage ?? 'intelligent'));
            expect(builder, `${step.id} above the ${e} gate`).toBeDefined();
          }
        }
      }),
      RUNS,
    );
    // The random answers really produce roadmaps to check.
    expect(steps).toBeGreaterThan(RUNS.numRuns);
  });

  it('the quick scan keeps the same bounds and validates', () => {
    const quick = loadQuestionnaire('quick');
    fc.assert(
      fc.property(inputFor(quick), (input) => {
        const d = run(input, quick);
        for (const { path, n } of numbers(d)) expect(Number.isFinite(n), path).toBe(true);
        expect(checkResult(d).ok).toBe(true);
      }),
      RUNS,
    );
  });
});
