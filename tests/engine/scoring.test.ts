/**
 * The scoring rules, one by one, through the scenario language (tests/engine/scenario.ts) on the real
 * knowledge base and questionnaires. Numbers that live in seeds/ (thresholds, weights, targets, boosts) are read
 * from the knowledge base, never written here.
 */
import { describe, expect, it } from 'vitest';
import {
  CELLS, STAGES, sameCell,
  type Cell, type Diagnosis, type KnowledgeBase, type Level, type Organization, type Stage, type ValueForm,
} from '../../src/engine/index.ts';
import { checkResult } from '../../src/schemas/result.ts';
import { formatIssue } from '../../src/schemas/issues.ts';
import { knowledgeBase, loadQuestionnaire, maturityQuestions, questionnaireCopy, scenario } from './scenario.ts';

const kb = knowledgeBase();
const rules = kb.rules;
const T = rules.stageThresholds;

/** The rule itself: weighted mean rung × 100 / 3, rounded to one decimal. */
function expectedScore(levels: number[], weights: number[] = levels.map(() => 1)): number {
  const sum = levels.reduce((s, l, i) => s + l * (weights[i] ?? 1), 0);
  const w = weights.reduce((s, x) => s + x, 0);
  return Math.round(((100 * sum) / (3 * w)) * 10) / 10;
}

/** The stage a score reaches, straight from the rules' thresholds. */
function expectedStage(score: number): Stage {
  if (score >= T.intelligent) return 'intelligent';
  if (score >= T.networked) return 'networked';
  if (score >= T.digital) return 'digital';
  return 'none';
}

function rung(stage: Stage): number {
  return STAGES.indexOf(stage);
}

function expectValid(result: Diagnosis): void {
  const checked = checkResult(result);
  expect(checked.ok ? [] : checked.issues.map((i) => formatIssue(i, 'en'))).toEqual([]);
}

/** A copy of the real knowledge base with some rules changed. */
function withRules(change: Partial<KnowledgeBase['rules']>): KnowledgeBase {
  const copy = structuredClone(kb);
  Object.assign(copy.rules, change);
  return copy;
}

/** Every maturity question answered at the given level, except the cells given other levels. */
function everyCellAt(level: Level, profile: Record<string, string | number | string[]> = {}) {
  return scenario({ profile }).answerAll(level);
}

describe('cell score', () => {
  it('is the mean rung of its answers ×100/3', () => {
    // The foundation (batch records) at the top, so that no claim is capped.
    const s = scenario()
      .answerLevel('fp-batch-record', 3)
      .answerLevel('fp-process-parameters', 2)
      .answerLevel('fp-quality-checks', 1);
    const cell = s.cellOf('factory', 'product');
    expect(cell.score).toBe(expectedScore([3, 2, 1]));
    expect(cell.score).toBe(66.7);
    expect(cell.answered).toBe(3);
    expect(cell.capped).toBe(0);
    expect(cell.basis.map((b) => [b.questionId, b.level])).toEqual([
      ['fp-batch-record', 3], ['fp-process-parameters', 2], ['fp-quality-checks', 1],
    ]);
    expect(cell.reason.rule).toBe('cell-mean-level');
  });

  it('reaches 0 and 100 at the ends of the ladder', () => {
    expect(everyCellAt(0).diagnosis().cells.map((c) => c.score)).toEqual(CELLS.map(() => 0));
    expect(everyCellAt(3).diagnosis().cells.map((c) => c.score)).toEqual(CELLS.map(() => 100));
  });

  it('weighs each answer by its question weight', () => {
    const q = questionnaireCopy('full');
    const records = q.sections.flatMap((s) => s.questions).find((x) => x.id === 'fp-batch-record');
    if (!records) throw new Error('fp-batch-record is missing');
    records.weight = 2;
    const s = scenario({ questionnaire: q })
      .answerLevel('fp-batch-record', 3)
      .answerLevel('fp-process-parameters', 0)
      .answerLevel('fp-quality-checks', 0);
    expect(s.cellOf('factory', 'product').score).toBe(expectedScore([3, 0, 0], [2, 1, 1]));
    expect(s.cellOf('factory', 'product').score).toBe(50);
    // the same answers unweighted
    const plain = scenario()
      .answerLevel('fp-batch-record', 3)
      .answerLevel('fp-process-parameters', 0)
      .answerLevel('fp-quality-checks', 0);
    expect(plain.cellOf('factory', 'product').score).toBe(expectedScore([3, 0, 0]));
  });

  it('is null with no scorable answer, and other cells are unaffected by it', () => {
    const s = scenario().answerCell('factory', 'manufacturing', 2);
    expect(s.cellOf('factory', 'product')).toMatchObject({ score: null, stage: null, answered: 0 });
    expect(s.cellOf('factory', 'product').reason.rule).toBe('cell-no-answers');
    expect(s.cellOf('factory', 'manufacturing').score).toBe(expectedScore([2, 2, 2]));
  });
});

describe('stage thresholds (seeds/rules.json)', () => {
  it('rise from digital to intelligent', () => {
    expect(T.digital).toBeGreaterThan(0);
    expect(T.digital).toBeLessThan(T.networked);
    expect(T.networked).toBeLessThan(T.intelligent);
    expect(T.intelligent).toBeLessThanOrEqual(100);
  });

  // Every score three answers can give: 0, 11.1, 22.2, … 100.
  const combos: [Level, Level, Level][] = [];
  for (const a of [0, 1, 2, 3] as Level[]) for (const b of [0, 1, 2, 3] as Level[]) for (const c of [0, 1, 2, 3] as Level[]) if (a <= b && b <= c) combos.push([a, b, c]);

  it.each(combos)('levels %i %i %i give the stage the thresholds say', (a, b, c) => {
    const cell = scenario().answerCell('enterprise', 'product', a, b, c).cellOf('enterprise', 'product');
    expect(cell.score).toBe(expectedScore([a, b, c]));
    expect(cell.stage).toBe(expectedStage(cell.score ?? NaN));
  });

  it('are read from the knowledge base, not built in', () => {
    const low = withRules({ stageThresholds: { digital: 10, networked: 20, intelligent: 30 } });
    const s = scenario({ knowledgeBase: low }).answerCell('enterprise', 'product', 1);
    expect(s.cellOf('enterprise', 'product')).toMatchObject({ score: expectedScore([1, 1, 1]), stage: 'intelligent' });
    const high = withRules({ stageThresholds: { digital: 40, networked: 80, intelligent: 95 } });
    expect(scenario({ knowledgeBase: high }).answerCell('enterprise', 'product', 1).cellOf('enterprise', 'product').stage).toBe('none');
  });

  it('also place the axes and the overall score', () => {
    const d = scenario().answerCell('factory', 'product', 3).answerCell('factory', 'manufacturing', 2)
      .answerCell('factory', 'service', 1).answerCell('enterprise', 'product', 0).answerCell('enterprise', 'manufacturing', 1)
      .answerCell('enterprise', 'service', 2).answerCell('ecosystem', 'product', 1).answerCell('ecosystem', 'manufacturing', 1)
      .answerCell('ecosystem', 'service', 0).diagnosis();
    for (const a of [...d.axes.organization, ...d.axes.value]) expect(a.stage).toBe(expectedStage(a.score ?? NaN));
    expect(d.overall.stage).toBe(expectedStage(d.overall.score ?? NaN));
    const factory = d.axes.organization.find((a) => a.id === 'factory');
    expect(factory?.score).toBe(Math.round(((100 + 66.7 + 33.3) / 3) * 10) / 10);
  });
});

describe('不适用 (not applicable)', () => {
  it('drops the question and renormalises over the rest', () => {
    const s = scenario()
      .answerLevel('fp-batch-record', 3)
      .answerLevel('fp-process-parameters', 1)
      .answerSpecial('fp-quality-checks', 'na');
    const cell = s.cellOf('factory', 'product');
    expect(cell.score).toBe(expectedScore([3, 1]));
    expect(cell).toMatchObject({ answered: 2, notApplicable: 1, visible: 3 });
    expect(cell.basis).toContainEqual({ questionId: 'fp-quality-checks', optionId: 'na', level: null, special: 'na' });
  });

  it('leaves the question out of the coverage denominator', () => {
    const base = scenario().answerAll(1);
    const withNa = base.fork().answerSpecial('ecs-delivery-info', 'na');
    const a = base.diagnosis().coverage;
    const b = withNa.diagnosis().coverage;
    expect(b.scorable).toBe(a.scorable - 1);
    expect(b.answered).toBe(a.answered - 1);
    expect(b.notApplicable).toBe(a.notApplicable + 1);
    expect(b.ratio).toBe(1);
  });

  it('makes a cell answered only 不适用 unscored, not zero', () => {
    const s = scenario();
    for (const q of s.questionsOf('ecosystem', 'service')) s.answerSpecial(q.id, 'na');
    // Sold-unit service questions are hidden without after-sales service: only the shown ones count.
    expect(s.cellOf('ecosystem', 'service')).toMatchObject({ score: null, stage: null, answered: 0, notApplicable: 3, visible: 3 });
  });
});

describe('不清楚 (don\'t know)', () => {
  it('counts as rung 0 in the score', () => {
    const unknown = scenario().answerLevel('em-production-plan', 3).answerLevel('em-quality-system', 3).answerSpecial('em-cost', 'unknown');
    const zero = scenario().answerLevel('em-production-plan', 3).answerLevel('em-quality-system', 3).answerLevel('em-cost', 0);
    expect(unknown.cellOf('enterprise', 'manufacturing').score).toBe(expectedScore([3, 3, 0]));
    expect(unknown.cellOf('enterprise', 'manufacturing').score).toBe(zero.cellOf('enterprise', 'manufacturing').score);
    expect(unknown.cellOf('enterprise', 'manufacturing').unknown).toBe(1);
  });

  it('lowers confidence but not coverage', () => {
    // Two practices nothing else stands on (no foundation, in no standsOn list), so that no claim gets capped.
    const all = maturityQuestions(loadQuestionnaire('full'));
    const leanedOn = new Set(all.flatMap((q) => q.standsOn ?? []));
    const free = all.filter((q) => !q.foundation && !q.visibleIf && !leanedOn.has(q.id)).map((q) => q.id);
    expect(free.length).toBeGreaterThanOrEqual(2);
    const known = scenario().answerAll(2);
    const unsure = known.fork().answerSpecial(free[0] as string, 'unknown').answerSpecial(free[1] as string, 'unknown');
    const a = known.diagnosis();
    const b = unsure.diagnosis();
    expect(b.coverage.ratio).toBe(a.coverage.ratio);
    expect(b.coverage.answered).toBe(a.coverage.answered);
    expect(b.coverage.unknown).toBe(2);
    expect(a.confidence).toBe(1);
    expect(b.confidence).toBeLessThan(a.confidence);
    expect(b.confidence).toBe(Math.round(((b.coverage.answered - 2) / b.coverage.scorable) * 1000) / 1000);
  });
});

describe('sufficiency', () => {
  it('with no answers: insufficient, every score null (never NaN)', () => {
    const d = scenario().diagnosis();
    expect(d.status).toBe('insufficient');
    expect(d.overall).toMatchObject({ score: null, stage: null, weightedScore: null });
    expect(d.overall.reason.rule).toBe('overall-insufficient');
    expect(d.cells.every((c) => c.score === null && c.stage === null)).toBe(true);
    expect([...d.axes.organization, ...d.axes.value].every((a) => a.score === null)).toBe(true);
    expect(d.coverage).toMatchObject({ answered: 0, ratio: 0 });
    expect(d.confidence).toBe(0);
    expect(d.priorities).toEqual([]);
    expect(d.roadmap).toEqual([]);
    expect(d.cases).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/NaN|Infinity/);
    expectValid(d);
  });

  it('with most areas "not applicable": insufficient, and it says that rather than "answer more"', () => {
    const s = scenario({ profile: { productionMode: 'discrete' } });
    const rules = s.kb.rules;
    CELLS.forEach((cell, i) => {
      for (const q of s.questionsOf(cell.organization, cell.value)) {
        if (i < rules.minScoredCells - 1) s.answerLevel(q.id, 2);
        else s.answerSpecial(q.id, 'na');
      }
    });
    const d = s.diagnosis();
    expect(d.coverage.ratio).toBe(1);
    expect(d.cells.filter((c) => c.score !== null)).toHaveLength(rules.minScoredCells - 1);
    expect(d.status).toBe('insufficient');
    expect(d.overall.reason.rule).toBe('overall-too-few-cells');
    expect(d.overall.reason.text.en).toMatch(/not applicable/);
  });

  it('with only a profile: still insufficient', () => {
    const d = scenario({ profile: { sector: 'C39', employees: 120, province: '44' } }).diagnosis();
    expect(d.status).toBe('insufficient');
    expect(d.overall.score).toBeNull();
    expectValid(d);
  });

  it(`needs the rules' minimum coverage and number of scored cells`, () => {
    // Every question of only some cells: coverage and scored cells both grow with each cell answered.
    const s = scenario();
    const statuses: { cells: number; ratio: number; status: string }[] = [];
    for (const cell of CELLS) {
      s.answerCell(cell.organization, cell.value, 1);
      const d = s.diagnosis();
      statuses.push({ cells: d.cells.filter((c) => c.score !== null).length, ratio: d.coverage.ratio, status: d.status });
    }
    for (const x of statuses) {
      const ok = x.ratio >= rules.minCoverage && x.cells >= rules.minScoredCells;
      expect(x.status, JSON.stringify(x)).toBe(ok ? 'ok' : 'insufficient');
    }
    expect(statuses.at(-1)?.status).toBe('ok');
    expect(statuses[0]?.status).toBe('insufficient');
  });

  it('overall score is the mean of the scored cells; the weighted index weighs them by industry type', () => {
    const d = scenario({ profile: { sector: 'C39' } }).answerCell('factory', 'product', 3).answerCell('factory', 'manufacturing', 2)
      .answerCell('factory', 'service', 1).answerCell('enterprise', 'product', 0).answerCell('enterprise', 'manufacturing', 1)
      .answerCell('enterprise', 'service', 2).answerCell('ecosystem', 'product', 1).answerCell('ecosystem', 'manufacturing', 3)
      .answerCell('ecosystem', 'service', 0).diagnosis();
    const scores = d.cells.map((c) => c.score ?? NaN);
    const mean = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
    expect(d.overall.score).toBe(mean);
    const weighted = d.cells.reduce((s, c) => s + c.weight * (c.score ?? NaN), 0) / d.cells.reduce((s, c) => s + c.weight, 0);
    expect(d.overall.weightedScore).toBe(Math.round(weighted * 10) / 10);
    expect(d.overall.weightedScore).not.toBe(d.overall.score);
  });
});

describe('industry type', () => {
  const c39 = kb.sectors.find((s) => s.id === 'C39');

  it('comes from the sector (C39 → its type in sectors.json)', () => {
    expect(c39).toBeDefined();
    const d = scenario({ profile: { sector: 'C39' } }).diagnosis();
    expect(d.industryType).toEqual({ id: c39?.industryType, source: 'sector', sector: 'C39', blend: null, reason: c39?.typeReason });
  });

  it('is overridden by the profile choice', () => {
    const other = kb.industryTypes.find((t) => t.id !== c39?.industryType);
    if (!other) throw new Error('only one industry type');
    const d = scenario({ profile: { sector: 'C39', industryType: other.id } }).diagnosis();
    expect(d.industryType).toEqual({ id: other.id, source: 'profile', sector: 'C39', blend: null, reason: null });
  });

  it('is "none" without sector or choice, and default targets and unit weights apply', () => {
    const d = everyCellAt(1).diagnosis();
    expect(d.industryType).toEqual({ id: null, source: 'none', sector: null, blend: null, reason: null });
    for (const cell of d.cells) {
      expect(cell.weight).toBe(1);
      expect(cell.target).toBe(rules.defaultTargets.find((t) => sameCell(t, cell))?.stage);
    }
    expect(d.overall.weightedScore).toBe(d.overall.score);
  });

  it('an unknown sector code falls back to "none"', () => {
    expect(scenario({ profile: { sector: 'C99' } }).diagnosis().industryType).toEqual({ id: null, source: 'none', sector: null, blend: null, reason: null });
  });

  it.each(kb.industryTypes.map((t) => [t.id, t] as const))('%s: weights and targets come from industry-types.json', (_id, type) => {
    const d = everyCellAt(1, { industryType: type.id }).diagnosis();
    for (const cell of d.cells) {
      expect(cell.weight).toBe(type.weights.find((w) => sameCell(w, cell))?.weight);
      expect(cell.target).toBe(type.targets.find((t) => sameCell(t, cell))?.stage);
    }
  });

  it('weights change priorities and the weighted index, never the stage a cell reached', () => {
    const results = kb.industryTypes.map((t) =>
      scenario({ profile: { industryType: t.id } }).answerCell('factory', 'product', 1, 2).answerCell('factory', 'manufacturing', 0, 1)
        .answerCell('factory', 'service', 2).answerCell('enterprise', 'product', 1).answerCell('enterprise', 'manufacturing', 0)
        .answerCell('enterprise', 'service', 3, 0).answerCell('ecosystem', 'product', 1).answerCell('ecosystem', 'manufacturing', 0)
        .answerCell('ecosystem', 'service', 1).diagnosis(),
    );
    const first = results[0];
    for (const d of results) {
      expect(d.cells.map((c) => [c.score, c.stage])).toEqual(first?.cells.map((c) => [c.score, c.stage]));
      expect(d.overall.score).toBe(first?.overall.score);
    }
    expect(new Set(results.map((d) => d.overall.weightedScore)).size).toBeGreaterThan(1);
    expect(new Set(results.map((d) => d.priorities.map((p) => `${p.organization}-${p.value}`).join())).size).toBeGreaterThan(1);
  });
});

describe('conditional questions', () => {
  const processOnly = ['fp-process-control', 'fs-emissions'];

  it('the process-industry questions show only for process or mixed production', () => {
    const discrete = scenario({ profile: { productionMode: 'discrete' } }).diagnosis();
    const process = scenario({ profile: { productionMode: 'process' } }).diagnosis();
    const mixed = scenario({ profile: { productionMode: 'mixed' } }).diagnosis();
    const none = scenario().diagnosis();
    expect(process.progress.visible).toBe(discrete.progress.visible + processOnly.length);
    expect(mixed.progress.visible).toBe(process.progress.visible);
    expect(none.progress.visible).toBe(discrete.progress.visible);
    const visible = (d: Diagnosis, o: Cell['organization'], v: Cell['value']) => d.cells.find((c) => c.organization === o && c.value === v)?.visible;
    expect(visible(process, 'factory', 'product')).toBe((visible(discrete, 'factory', 'product') ?? 0) + 1);
    expect(visible(process, 'factory', 'service')).toBe((visible(discrete, 'factory', 'service') ?? 0) + 1);
    expect(process.coverage.scorable).toBe(discrete.coverage.scorable + processOnly.length);
  });

  it('progress counts answered and visible questions', () => {
    const s = scenario({ profile: { productionMode: 'discrete' } });
    const start = s.diagnosis().progress;
    // productionMode, and the industry type, which is answered by the sector when left alone.
    expect(start.answered).toBe(2);
    s.answerLevel('fp-batch-record', 2).answer('ch-capital', 'no-cash');
    expect(s.diagnosis().progress).toEqual({ answered: 4, visible: start.visible });
    s.answer('productionMode', 'process');
    expect(s.diagnosis().progress).toEqual({ answered: 4, visible: start.visible + 2 });
    s.answerLevel('fp-process-control', 3);
    expect(s.diagnosis().progress).toEqual({ answered: 5, visible: start.visible + 2 });
  });

  it('an answer to a hidden question is ignored', () => {
    const s = scenario({ profile: { productionMode: 'discrete' } }).answerCell('factory', 'product', 2).answerLevel('fp-process-control', 3);
    expect(s.cellOf('factory', 'product')).toMatchObject({ score: expectedScore([2, 2, 2]), answered: 3 });
    expect(s.cellOf('factory', 'product').basis.map((b) => b.questionId)).not.toContain('fp-process-control');
    s.answer('productionMode', 'process');
    expect(s.cellOf('factory', 'product')).toMatchObject({ score: expectedScore([2, 2, 2, 3]), answered: 4 });
  });

  it('the quick scan has one question per cell and scores the same way', () => {
    const quick = loadQuestionnaire('quick');
    const s = scenario({ questionnaire: quick }).answerAll(2);
    const d = s.diagnosis();
    expect(d.questionnaire).toEqual({ id: quick.id, version: quick.version, depth: 'quick' });
    expect(d.cells.every((c) => c.answered === 1 && c.score === expectedScore([2]))).toBe(true);
    expect(d.status).toBe('ok');
  });
});

describe('flags', () => {
  const { maxAbove, confidenceWeight } = rules.foundationCap;
  /** The foundation question of a cell and another question of it, from the real questionnaire. */
  const pairIn = (organization: Organization, value: ValueForm) => {
    const qs = maturityQuestions(loadQuestionnaire('full')).filter((q) => q.cell?.organization === organization && q.cell.value === value && !q.visibleIf);
    const foundation = qs.find((q) => q.foundation);
    const other = qs.find((q) => !q.foundation);
    if (!foundation || !other) throw new Error(`no foundation pair in ${organization}-${value}`);
    return { foundation: foundation.id, other: other.id };
  };

  it('"AI without data": a claim above what the foundation carries is capped, flagged, and lowers confidence', () => {
    const { foundation, other } = pairIn('factory', 'product');
    const s = scenario().answerLevel(foundation, 0).answerLevel(other, 3);
    const d = s.diagnosis();
    const flags = d.flags.filter((f) => f.rule === 'foundation');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ organization: 'factory', value: 'product' });
    expect(flags[0]?.reason.answers).toEqual(expect.arrayContaining([foundation, other]));
    expect(flags[0]?.reason.text['zh-CN']).not.toBe('');
    const cell = s.cellOf('factory', 'product');
    expect(cell.capped).toBe(1);
    // Credited at most maxAbove rungs above the foundation, not at face value.
    expect(cell.basis.find((b) => b.questionId === other)?.credited).toBe(maxAbove);
    expect(cell.score).toBe(expectedScore([0, maxAbove]));
    const honest = scenario().answerLevel(foundation, 0).answerLevel(other, maxAbove as Level).diagnosis();
    expect(d.confidence).toBeLessThan(honest.confidence);
    expect(confidenceWeight).toBeLessThan(1);
  });

  it('no cap or flag once the foundation carries the claim', () => {
    const { foundation, other } = pairIn('factory', 'product');
    const raised = scenario().answerLevel(foundation, (3 - maxAbove) as Level).answerLevel(other, 3);
    expect(raised.diagnosis().flags.filter((f) => f.rule === 'foundation')).toEqual([]);
    expect(raised.cellOf('factory', 'product').capped).toBe(0);
    const modest = scenario().answerLevel(foundation, 0).answerLevel(other, maxAbove as Level);
    expect(modest.diagnosis().flags.filter((f) => f.rule === 'foundation')).toEqual([]);
  });

  it('prerequisite: a cell at networked or above while a practice it stands on is not in place', () => {
    for (const p of rules.cellPrerequisites) {
      const s = scenario().answerCell(p.cell.organization, p.cell.value, 3).answerLevel(p.requires.question, 0);
      const flags = s.diagnosis().flags.filter((f) => f.rule === 'prerequisite' && sameCell(f, p.cell));
      expect(flags.length, `${p.cell.organization}-${p.cell.value} ← ${p.requires.question}`).toBeGreaterThan(0);
      expect(flags.some((f) => f.reason.answers.includes(p.requires.question))).toBe(true);
      expect(flags.some((f) => f.reason.text.en.includes(p.reason.en))).toBe(true);
      // once the practice is in place the flag for it goes
      s.answerLevel(p.requires.question, p.requires.minLevel);
      expect(s.diagnosis().flags.some((f) => f.rule === 'prerequisite' && sameCell(f, p.cell) && f.reason.answers.includes(p.requires.question) && f.reason.text.en.includes(p.reason.en))).toBe(false);
    }
  });

  it('every prerequisite edge states its reason and names a practice the full questionnaire asks', () => {
    const ids = new Set(loadQuestionnaire('full').sections.flatMap((x) => x.questions).map((q) => q.id));
    expect(rules.cellPrerequisites.length).toBeGreaterThan(0);
    for (const p of rules.cellPrerequisites) {
      expect(ids.has(p.requires.question), p.requires.question).toBe(true);
      expect(p.reason['zh-CN'].length).toBeGreaterThan(8);
      expect(p.reason.en.length).toBeGreaterThan(20);
    }
  });
});

describe('priorities and roadmap', () => {
  // Every cell at rung 1, no industry type: the default targets leave six cells with equal gaps.
  const middling = () => scenario().answerAll(1);

  it('are ranked by weighted gap to the target, at most maxPriorities', () => {
    const d = scenario({ profile: { sector: 'C39' } }).answerAll(1).diagnosis();
    expect(d.priorities.length).toBeGreaterThan(0);
    expect(d.priorities.length).toBeLessThanOrEqual(rules.maxPriorities);
    d.priorities.forEach((p, i) => {
      expect(p.rank).toBe(i + 1);
      expect(p.gap).toBe(Math.round((T[p.target as Exclude<Stage, 'none'>] - p.score) * 10) / 10);
      // the weighted gap, times the pain-point boost (none chosen here) and the prerequisite factor
      const factor = p.prerequisitesMet ? rules.prerequisiteFactor.met : rules.prerequisiteFactor.unmet;
      expect(p.painPoints).toEqual([]);
      expect(p.priorityScore).toBe(Math.round(p.gap * p.weight * factor * 10) / 10);
      if (i > 0) expect(p.priorityScore).toBeLessThanOrEqual(d.priorities[i - 1]?.priorityScore ?? Infinity);
    });
    // a cell at or above its target is never a priority
    for (const cell of d.cells) {
      if (rung(cell.stage ?? 'none') >= rung(cell.target)) expect(d.priorities.some((p) => sameCell(p, cell))).toBe(false);
    }
  });

  it('the heavier weight wins between equal gaps', () => {
    // all cells at rung 1 and no pain points: equal gaps to the same target rank by weight
    const type = kb.industryTypes[0];
    if (!type) throw new Error('no industry types');
    const d = scenario({ profile: { industryType: type.id } }).answerAll(1).diagnosis();
    const sameTarget = d.priorities.filter((p) => p.target === d.priorities[0]?.target && p.prerequisitesMet);
    for (let i = 1; i < sameTarget.length; i++) expect(sameTarget[i]?.weight).toBeLessThanOrEqual(sameTarget[i - 1]?.weight ?? Infinity);
  });

  it('are raised by the pain points they address', () => {
    const pain = kb.painPoints.find((p) => p.cells.some((c) => c.organization === 'enterprise' && c.value === 'service'));
    if (!pain) throw new Error('no pain point names enterprise-service');
    const without = middling().diagnosis();
    const withPain = middling().answer('painPoints', [pain.id]).diagnosis();
    const before = without.priorities.find((p) => p.organization === 'enterprise' && p.value === 'service');
    const after = withPain.priorities.find((p) => p.organization === 'enterprise' && p.value === 'service');
    expect(after).toBeDefined();
    expect(after?.painPoints).toEqual([pain.id]);
    expect(after?.reasons.map((r) => r.rule)).toContain('pain-point');
    expect(after?.rank).toBe(1);
    if (before) {
      expect(after?.priorityScore).toBeGreaterThan(before.priorityScore);
      expect(after?.rank).toBeLessThan(before.rank);
    }
    // Felt first in another cell, the pain point touches this one in passing: a share of the boost.
    const first = pain.cells[0];
    const share = first && first.organization === 'enterprise' && first.value === 'service' ? 1 : rules.secondaryLinkShare;
    expect(after?.factors.pain).toBeCloseTo(1 + rules.painPointBoost * share, 5);
    const f = after?.factors;
    expect(after?.priorityScore).toBeCloseTo(f ? f.gap * f.weight * f.pain * f.prerequisites * f.outcomes : NaN, 0);
    expect(withPain.painPoints).toEqual([pain.id]);
  });

  it('weigh a pain point fully on the cell it lists first (where it is felt) and a share on the others', () => {
    const pain = kb.painPoints.find((p) => p.cells.length >= 2);
    const [first, second] = pain?.cells ?? [];
    if (!pain || !first || !second) throw new Error('no pain point names two cells');
    const d = middling().answer('painPoints', [pain.id]).diagnosis();
    const home = d.priorities.find((p) => p.organization === first.organization && p.value === first.value);
    const passing = d.priorities.find((p) => p.organization === second.organization && p.value === second.value);
    expect(home?.factors.pain).toBeCloseTo(1 + rules.painPointBoost, 5);
    if (passing) expect(passing.factors.pain).toBeCloseTo(1 + rules.painPointBoost * rules.secondaryLinkShare, 5);
    expect(home?.painPoints).toEqual([pain.id]);
  });

  it('unmet prerequisites lower a priority', () => {
    const p = rules.cellPrerequisites.find((x) => x.cell.organization === 'enterprise');
    if (!p) throw new Error('no enterprise prerequisite');
    const base = () => scenario().answerAll(1).answerCell(p.cell.organization, p.cell.value, 0);
    const met = base().diagnosis().priorities.find((x) => sameCell(x, p.cell));
    const unmet = base().answerLevel(p.requires.question, 0).diagnosis();
    expect(met?.prerequisitesMet).toBe(true);
    const after = unmet.priorities.find((x) => sameCell(x, p.cell));
    expect(after).toBeDefined();
    expect(after?.prerequisitesMet).toBe(false);
    expect(after?.priorityScore).toBeLessThan(met?.priorityScore ?? 0);
    const reason = after?.reasons.find((r) => r.rule === 'prerequisites-unmet');
    expect(reason?.answers).toContain(p.requires.question);
    expect(reason?.text.en).toContain(p.reason.en);
  });

  it('nextStage is always exactly one rung above the stage, and every roadmap step is a scenario of the catalogue', () => {
    for (const level of [0, 1, 2] as Level[]) {
      for (const type of kb.industryTypes) {
        const d = scenario({ profile: { industryType: type.id } }).answerAll(level).diagnosis();
        for (const p of d.priorities) expect(rung(p.nextStage)).toBe(rung(p.stage) + 1);
        for (const step of d.roadmap) {
          const record = kb.scenarios.find((r) => r.id === step.id);
          expect(record, step.id).toBeDefined();
          expect(step.toStage).toBe(record?.stage);
          expect(step.title).toEqual(record?.title);
          expect(rung(step.toStage)).toBeLessThanOrEqual(rung(step.fromStage) + 1);
          expect(step.reason.text.en).not.toBe('');
        }
      }
    }
  });

  it('a weak practice fires its scenario, with the answer named in the reason; a strong one does not', () => {
    const triggered = kb.scenarios.find((x) => x.cell && x.stage === 'digital' && x.requires.length === 0 && !x.fits && x.triggers.some((t) => 'question' in t));
    if (!triggered?.cell) throw new Error('no plain digital scenario in the catalogue');
    const t = triggered.triggers.find((x) => 'question' in x) as { question: string; maxLevel: Level };
    const weak = scenario().answerAll(1).answerCell(triggered.cell.organization, triggered.cell.value, 0).answer('rd-budget', 'gt-1m').diagnosis();
    const step = weak.roadmap.find((x) => x.id === triggered.id);
    expect(step, triggered.id).toBeDefined();
    expect(step?.reason.answers).toContain(t.question);
    const strong = scenario().answerAll(1).answerCell(triggered.cell.organization, triggered.cell.value, 3).diagnosis();
    expect(strong.roadmap.some((x) => x.id === triggered.id)).toBe(false);
  });
});

describe('cases and policies', () => {
  const example = () =>
    scenario({ profile: { sector: 'C39', employees: 300, province: '44', productionMode: 'discrete', painPoints: ['quality', 'labor', 'delivery'] } })
      .answerCell('factory', 'product', 1, 1, 0).answerCell('factory', 'manufacturing', 1, 2, 0).answerCell('factory', 'service', 1, 1, 0)
      .answerCell('enterprise', 'product', 2, 1, 0).answerCell('enterprise', 'manufacturing', 1).answerCell('enterprise', 'service', 2, 1, 1)
      .answerCell('ecosystem', 'product', 1, 0).answerCell('ecosystem', 'manufacturing', 1, 0, 0).answerCell('ecosystem', 'service', 0)
      .answer('ch-tech-gap', 'no-skills').answer('ch-capital', 'unclear-roi').answer('ot-security', 'none');

  it('carry non-empty reasons in both languages', () => {
    const scenarios = [example(), scenario({ profile: { industryType: 'market-driven' } }).answerAll(3), scenario().answerAll(0).answer('ch-standards', 'closed')];
    let cases = 0;
    let policies = 0;
    for (const s of scenarios) {
      const d = s.diagnosis();
      for (const m of [...d.cases, ...d.policies]) {
        expect(m.reason.text['zh-CN'].trim()).not.toBe('');
        expect(m.reason.text.en.trim()).not.toBe('');
        expect(m.reason.rule).not.toBe('');
        expect(m.score).toBeGreaterThan(0);
      }
      for (const c of d.cases) expect(kb.cases.some((r) => r.id === c.id)).toBe(true);
      for (const p of d.policies) expect(kb.policies.some((r) => r.id === p.id)).toBe(true);
      expect(d.cases.length).toBeLessThanOrEqual(rules.maxCases);
      for (const group of ['programme', 'offering', 'background'] as const) {
        expect(d.policies.filter((p) => p.group === group).length).toBeLessThanOrEqual(rules.maxPolicies[group]);
      }
      cases += d.cases.length;
      policies += d.policies.length;
    }
    expect(cases).toBeGreaterThan(0);
    expect(policies).toBeGreaterThan(0);
  });

  it('cases speak to the priority cells', () => {
    const d = example().diagnosis();
    expect(d.cases.length).toBeGreaterThan(0);
    for (const m of d.cases) {
      const record = kb.cases.find((c) => c.id === m.id);
      const hits = d.priorities.some((p) => record?.cells.some((c) => sameCell(c, p)));
      const typeFits = record?.industryTypes.includes(d.industryType.id ?? 'labor-intensive') ?? false;
      expect(hits || (d.priorities.length === 0 && typeFits)).toBe(true);
    }
  });

  // Without the cut-off, whether a programme is offered depends only on its eligibility and dates.
  const uncapped = withRules({ maxPolicies: { programme: 1000, offering: 1000, background: 1000 } });
  const REPORT = '2026-12-01';
  const open = (p: (typeof kb.policies)[number]) => (p.validUntil === undefined || p.validUntil >= REPORT) && (p.validFrom === undefined || p.validFrom <= REPORT);
  const regional = kb.policies.filter((p) => p.group === 'programme' && p.eligibility?.regions !== undefined && open(p) && !p.eligibility.sectors?.some((x) => x !== 'C'));

  it('regional programmes appear only for their province (or a city in it, to be confirmed)', () => {
    expect(regional.length).toBeGreaterThan(0);
    const provinces = kb.regions.filter((r) => r.id.length === 2).map((r) => r.id);
    for (const region of [...provinces, null]) {
      const s = example();
      const s2 = scenario({ knowledgeBase: uncapped, profile: { ...s.profile, ...(region ? { province: region } : {}) }, answers: s.answers });
      if (!region) s2.clear('province');
      const offered = new Map(s2.diagnosis().policies.map((p) => [p.id, p]));
      for (const policy of regional) {
        const codes = policy.eligibility?.regions ?? [];
        const inProvince = region !== null && codes.includes(region);
        const inCity = region !== null && codes.some((c) => c.length > 2 && c.startsWith(region));
        if (!inProvince && !inCity) expect(offered.has(policy.id), `${policy.id} in ${String(region)}`).toBe(false);
        else {
          expect(offered.has(policy.id), `${policy.id} in ${String(region)}`).toBe(true);
          if (!inProvince) expect(offered.get(policy.id)?.status).toBe('conditional');
        }
      }
    }
  });

  it('with the city answered, a city programme is eligible in its city, left out for another city, and conditional without one', () => {
    const cityProgrammes = regional.filter((p) => (p.eligibility?.regions ?? []).some((c) => c.length > 2) && !(p.eligibility?.regions ?? []).some((c) => c.length === 2));
    expect(cityProgrammes.length).toBeGreaterThan(0);
    const otherOption = loadQuestionnaire('full').sections.flatMap((x) => x.questions).find((q) => q.type === 'city')?.options?.[0]?.id;
    expect(otherOption).toBeDefined();
    for (const policy of cityProgrammes) {
      const city = (policy.eligibility?.regions ?? []).find((c) => c.length > 2) as string;
      const province = city.slice(0, 2);
      const elsewhere = kb.regions.find((r) => r.parent !== undefined && r.parent !== province)?.id as string;
      const offered = (cityAnswer?: string) => {
        const s = example();
        const profile = { ...s.profile, province, ...(cityAnswer ? { city: cityAnswer } : {}) };
        return scenario({ knowledgeBase: uncapped, profile, answers: s.answers }).diagnosis().policies.find((p) => p.id === policy.id);
      };
      const own = offered(city);
      expect(own, `${policy.id} in ${city}`).toBeDefined();
      expect(own?.status, `${policy.id} in ${city}: eligible, or how far the company is`).not.toBe('conditional');
      expect(offered(otherOption), `${policy.id} for another city of ${province}`).toBeUndefined();
      expect(offered()?.status, `${policy.id} with no city given`).toBe('conditional');
      // A city left from another province (the province changed since) counts as not given.
      expect(offered(elsewhere)?.status, `${policy.id} with ${elsewhere} left from another province`).toBe('conditional');
    }
  });

  it('programmes are left out once their end date has passed, and before they open', () => {
    const dated = kb.policies.filter((p) => p.group === 'programme' && p.validUntil !== undefined && p.eligibility?.regions === undefined && !p.eligibility?.sectors?.some((x) => x !== 'C'));
    expect(dated.length).toBeGreaterThan(0);
    for (const policy of dated) {
      const at = (date: string) => scenario({ knowledgeBase: uncapped, profile: example().profile, answers: example().answers, date }).diagnosis().policies.some((p) => p.id === policy.id);
      expect(at(policy.validUntil as string), `${policy.id} on its last day`).toBe(true);
      const after = new Date(`${policy.validUntil}T00:00:00Z`);
      after.setUTCDate(after.getUTCDate() + 1);
      expect(at(after.toISOString().slice(0, 10)), `${policy.id} the day after`).toBe(false);
      if (policy.validFrom) {
        const before = new Date(`${policy.validFrom}T00:00:00Z`);
        before.setUTCDate(before.getUTCDate() - 1);
        expect(at(before.toISOString().slice(0, 10)), `${policy.id} the day before it opens`).toBe(false);
      }
    }
  });

  it('SME-only programmes are not offered to a large enterprise', () => {
    const smeOnly = kb.policies.filter((p) => p.group === 'programme' && p.eligibility?.sme === true && p.eligibility.regions === undefined && open(p));
    expect(smeOnly.length).toBeGreaterThan(0);
    const offered = (employees: number, revenue: string) => {
      const s = scenario({ knowledgeBase: uncapped, profile: { ...example().profile, employees, revenue }, answers: example().answers });
      return new Set(s.diagnosis().policies.map((p) => p.id));
    };
    const large = offered(2000, 'gt-400m');
    const medium = offered(300, '20m-100m');
    for (const p of smeOnly) {
      expect(large.has(p.id), `${p.id} for a large firm`).toBe(false);
      expect(medium.has(p.id), `${p.id} for a medium firm`).toBe(true);
    }
  });

  it('programmes come first, offerings are labelled as such, and background is never a pointer to apply for', () => {
    const d = scenario({ knowledgeBase: uncapped, profile: example().profile, answers: example().answers }).diagnosis();
    const groups = d.policies.map((p) => p.group);
    expect(groups.indexOf('programme')).toBe(0);
    expect(groups.lastIndexOf('programme')).toBeLessThan(groups.indexOf('offering') < 0 ? Infinity : groups.indexOf('offering'));
    for (const p of d.policies) {
      if (p.group === 'programme') expect(p.status).not.toBeNull();
      else expect(p.status).toBeNull();
      if (p.group === 'offering') expect(p.reason.text.en).toContain('not a government programme');
    }
    expect(d.policies.some((p) => /dibo|镝博士/i.test(kb.policies.find((r) => r.id === p.id)?.title['zh-CN'] ?? ''))).toBe(false);
  });
});

describe('planned steps (what-if)', () => {
  /** A company whose roadmap has steps on cells, to plan from. */
  const withRoadmap = () => scenario({ profile: { sector: 'C3399' } }).answerAll(1).answerCell('factory', 'product', 0).answer('rd-budget', 'gt-1m');

  it('lift the practices that fired the step to its rung, mark the cell projected, and work the rest out again', () => {
    const s = withRoadmap();
    const before = s.diagnosis();
    const step = before.roadmap.find((x) => x.cell !== null);
    if (!step?.cell) throw new Error('no cell step on the roadmap');
    const cell = step.cell;
    s.plan(step.id);
    const d = s.diagnosis();
    const was = before.cells.find((c) => sameCell(c, cell));
    const now = d.cells.find((c) => sameCell(c, cell));
    expect(now?.projected).toBe(true);
    expect(now?.score ?? 0).toBeGreaterThan(was?.score ?? 100);
    expect(now?.reason.rule).toBe('cell-planned-step');
    expect(d.plannedSteps).toEqual([step.id]);
    expect(d.cells.filter((c) => c.projected).every((c) => c.organization === cell.organization && c.value === cell.value)).toBe(true);
    expect(d.overall.score ?? 0).toBeGreaterThanOrEqual(before.overall.score ?? 0);
    expectValid(d);
  });

  it('never lower a practice already above the step\'s rung; unknown step ids are ignored', () => {
    const s = withRoadmap();
    const step = s.diagnosis().roadmap.find((x) => x.cell !== null);
    if (!step?.cell) throw new Error('no cell step on the roadmap');
    const high = scenario({ profile: s.profile, answers: s.answers }).answerCell(step.cell.organization, step.cell.value, 3);
    const before = high.cellOf(step.cell.organization, step.cell.value).score;
    high.plan(step.id, 'no-such-step');
    expect(high.cellOf(step.cell.organization, step.cell.value)).toMatchObject({ score: before, projected: false });
    expect(high.diagnosis().plannedSteps).toEqual([step.id]);
  });

  it('every scenario can be planned and lifts its cell\'s fired practices to its rung', () => {
    for (const record of kb.scenarios) {
      if (!record.cell) continue;
      const d = scenario().answerAll(0).plan(record.id).diagnosis();
      const cell = d.cells.find((c) => sameCell(c, record.cell as Cell));
      for (const t of record.triggers) {
        if (!('question' in t)) continue;
        const b = cell?.basis.find((x) => x.questionId === t.question);
        if (!b) continue;
        expect(b.level, `${record.id}: ${t.question}`).toBeGreaterThanOrEqual(rung(record.stage));
      }
    }
  });
});

describe('every result', () => {
  const samples: [string, () => Diagnosis][] = [
    ['empty full', () => scenario().diagnosis()],
    ['empty quick', () => scenario({ questionnaire: 'quick' }).diagnosis()],
    ['all at rung 2, C39', () => scenario({ profile: { sector: 'C39', productionMode: 'process' } }).answerAll(2).diagnosis()],
    ['quick at rung 1', () => scenario({ questionnaire: 'quick', profile: { sector: 'C27', province: '50', employees: 40 } }).answerAll(1).diagnosis()],
    ['planned', () => scenario().answerAll(1).plan(...kb.scenarios.slice(0, 3).map((x) => x.id)).diagnosis()],
  ];

  it.each(samples)('%s: names the questionnaire and knowledge base versions', (_name, run) => {
    const d = run();
    const q = loadQuestionnaire(d.questionnaire.id === 'aimm-quick' ? 'quick' : 'full');
    expect(d.questionnaire).toEqual({ id: q.id, version: q.version, depth: q.depth });
    expect(d.knowledgeBase).toEqual({ version: kb.version });
    expect(d.knowledgeBase.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(samples)('%s: validates against the result schema', (_name, run) => {
    expectValid(run());
  });

  it.each(samples)('%s: every reason is written in both languages', (_name, run) => {
    const d = run();
    const reasons = [
      d.overall.reason, ...d.cells.map((c) => c.reason), ...d.flags.map((f) => f.reason), ...d.priorities.flatMap((p) => p.reasons),
      ...d.roadmap.map((r) => r.reason), ...d.cases.map((c) => c.reason), ...d.policies.map((p) => p.reason),
    ];
    for (const r of reasons) {
      expect(r.text['zh-CN'].trim()).not.toBe('');
      expect(r.text.en.trim()).not.toBe('');
    }
  });
});
