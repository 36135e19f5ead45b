/**
 * Model v2: what the answers beyond the cube change — outcome figures, capacity, enablers that gate the
 * roadmap, honesty when too much is "don't know", the size class, blended industry types and the indicative
 * crosswalk to the yardsticks users know.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELLS, diagnose, sameCell, type AnswersFile, type Diagnosis, type KnowledgeBase, type Level } from '../../src/engine/index.ts';
import { knowledgeBase, loadQuestionnaire, scenario } from './scenario.ts';

const kb = knowledgeBase();
const rules = kb.rules;
const full = loadQuestionnaire('full');
const questions = full.sections.flatMap((s) => s.questions.map((q) => ({ q, kind: s.kind })));

function withRules(change: Partial<KnowledgeBase['rules']>): KnowledgeBase {
  const copy = structuredClone(kb);
  Object.assign(copy.rules, change);
  return copy;
}

const priorityOf = (d: Diagnosis, organization: string, value: string) => d.priorities.find((p) => p.organization === organization && p.value === value);
/** Every enabler question answered at one level. */
function enablersAt(s: ReturnType<typeof scenario>, level: Level): ReturnType<typeof scenario> {
  for (const { q, kind } of questions) if (kind === 'enabler') s.answerLevel(q.id, level);
  return s;
}
/** A middling company: every shown cell at rung 1, enablers at rung 1, a budget for two steps. */
const middling = (profile = {}) => enablersAt(scenario({ profile: { sector: 'C3399', ...profile } }).answerAll(1), 1).answer('rd-budget', '100k-1m');

describe('outcome figures raise the cells they point at, within bounds, and say so', () => {
  it('a large labour-cost share raises the cells that relieve labour, with the figure named in the reason', () => {
    const base = middling().diagnosis();
    const labour = middling().answer('out-labour-share', 'gt45').diagnosis();
    const option = questions.find((x) => x.q.id === 'out-labour-share')?.q.options?.find((o) => o.id === 'gt45');
    expect(option?.outcomeEffect?.cells.length).toBeGreaterThan(0);
    const full = option?.outcomeEffect?.factor ?? NaN;
    let checked = 0;
    (option?.outcomeEffect?.cells ?? []).forEach((cell, k) => {
      const before = priorityOf(base, cell.organization, cell.value);
      const after = priorityOf(labour, cell.organization, cell.value);
      if (!before || !after) return;
      checked++;
      expect(after.priorityScore).toBeGreaterThan(before.priorityScore);
      const reason = after.reasons.find((r) => r.rule === 'outcome-figure');
      expect(reason?.answers).toEqual(['out-labour-share']);
      expect(reason?.text['zh-CN']).toContain(option?.text['zh-CN'] ?? '?');
      // Full effect on the first cell the figure lists (where labour cost is spent), a share on the others.
      const factor = k === 0 ? full : Math.round((1 + (full - 1) * rules.secondaryLinkShare) * 100) / 100;
      expect(after.outcomes).toEqual([{ questionId: 'out-labour-share', optionId: 'gt45', factor }]);
    });
    expect(checked, 'cells raised by the figure that are priorities with and without it').toBeGreaterThan(0);
  });

  it('a good band or "don\'t know" changes nothing, and no figure means no outcome reason at all', () => {
    const base = middling().diagnosis();
    for (const d of [middling().answer('out-labour-share', 'lt10').diagnosis(), middling().answer('out-labour-share', 'unknown').diagnosis()]) {
      expect(d.priorities.map((p) => p.priorityScore)).toEqual(base.priorities.map((p) => p.priorityScore));
    }
    expect(base.priorities.every((p) => p.outcomes.length === 0 && !p.reasons.some((r) => r.rule === 'outcome-figure'))).toBe(true);
  });

  it('every figure at its worst multiplies a priority by at most outcomeFactorMax', () => {
    const worst = middling();
    for (const { q, kind } of questions) {
      if (kind !== 'outcome') continue;
      const bad = [...(q.options ?? [])].sort((a, b) => (b.outcomeEffect?.factor ?? 1) - (a.outcomeEffect?.factor ?? 1))[0];
      if (bad) worst.answer(q.id, bad.id);
    }
    const d = worst.diagnosis();
    const base = middling().diagnosis();
    for (const p of d.priorities) {
      expect(p.factors.outcomes).toBeLessThanOrEqual(rules.outcomeFactorMax);
      const before = priorityOf(base, p.organization, p.value);
      if (!before) continue;
      // A figure may also let the cell count the climb past its target (the stretch, bounded by the rung above);
      // beyond that gap, the figures together multiply the score by at most outcomeFactorMax.
      const threshold = rules.stageThresholds.intelligent;
      expect(p.gap).toBeLessThanOrEqual(Math.max(before.gap, threshold - p.score));
      expect((p.priorityScore / before.priorityScore) * (before.gap / p.gap)).toBeLessThanOrEqual(rules.outcomeFactorMax + 0.05);
    }
    expect(d.priorities.some((p) => p.outcomes.length >= 2)).toBe(true);
  });
});

describe('capacity: the roadmap holds no more than the company can carry', () => {
  it('no budget and nobody to lead: one step; a real budget and a team: more', () => {
    const weak = (budget: string) => enablersAt(scenario({ profile: { sector: 'C3399' } }).answerAll(0), 3).answer('rd-budget', budget).diagnosis();
    const small = enablersAt(scenario({ profile: { sector: 'C3399' } }).answerAll(0), 0).answer('rd-budget', 'none').diagnosis();
    expect(small.capacity).toEqual({ steps: 1, answers: ['og-leadership', 'rd-budget'] });
    expect(small.roadmap.filter((x) => x.phase === 'now')).toHaveLength(1);
    expect(small.roadmap.length).toBeLessThanOrEqual(3);
    const big = weak('gt-1m');
    expect(big.capacity.steps).toBe(4);
    expect(big.roadmap.filter((x) => x.phase === 'now').length).toBeGreaterThan(1);
  });

  it('the smallest capacity any answer gives wins, and the answers behind it are named', () => {
    const s = middling().answer('rd-budget', 'gt-1m').answerLevel('og-leadership', 0);
    const d = s.diagnosis();
    expect(d.capacity).toEqual({ steps: 1, answers: ['og-leadership'] });
    expect(d.roadmap.every((x) => x.reason.answers.includes('og-leadership'))).toBe(true);
  });

  it('without any such answer the default capacity applies', () => {
    const d = scenario().answerAll(1).diagnosis();
    expect(d.capacity).toEqual({ steps: rules.defaultCapacity, answers: [] });
  });
});

describe('enablers outside the cube gate the roadmap', () => {
  const gate = rules.enablerGates.find((g) => g.enabler === 'data');
  if (!gate) throw new Error('no data gate in the rules');
  const gated = gate.cells[0];
  if (!gated) throw new Error('the data gate names no cell');

  it('master data at the bottom holds back the next rung of the cells it gates, and its own steps come first', () => {
    // The gated cell sits at the gate's highest plannable rung (digital), so its next rung is held back.
    const s = enablersAt(middling(), 1).answer('rd-budget', 'gt-1m').answerCell(gated.organization, gated.value, 1);
    for (const { q, kind } of questions) if (kind === 'enabler' && q.enabler === 'data') s.answerLevel(q.id, 0);
    // A team that can carry four steps at a time: the foundation then fits in the first phase.
    s.answerLevel('og-leadership', 3);
    const d = s.diagnosis();
    const p = priorityOf(d, gated.organization, gated.value);
    expect(p?.blockedBy).toContain('data');
    expect(p?.reasons.some((r) => r.rule === 'enabler-gate' && r.text.en.includes(gate.reason.en))).toBe(true);
    const data = d.roadmap.find((r) => r.enabler === 'data');
    // Anything above the gate's ceiling waits for the data step.
    for (const r of d.roadmap) {
      if (r.cell !== null && sameCell(r.cell, gated) && r.toStage !== 'digital') expect(r.after).toContain(data?.id);
    }
    expect(data?.phase).toBe('now');
    expect(data?.reason.text.en).toContain('holds a priority back');
    const held = d.priorities.find((x) => x.blockedBy.includes('data'));
    expect(held).toBeDefined();
  });

  it('once master data is in place the cell climbs again', () => {
    const s = enablersAt(middling(), 2).answer('rd-budget', 'gt-1m').answerCell(gated.organization, gated.value, 1);
    const d = s.diagnosis();
    const p = priorityOf(d, gated.organization, gated.value);
    expect(p).toBeDefined();
    expect(p?.blockedBy).not.toContain('data');
    expect(d.roadmap.some((r) => r.cell !== null && sameCell(r.cell, gated))).toBe(true);
  });

  it('an enabler nobody answered gates nothing (the quick scan asks one question each)', () => {
    const d = scenario().answerAll(1).diagnosis();
    expect(d.enablers.every((e) => e.score === null)).toBe(true);
    expect(d.priorities.every((p) => p.blockedBy.length === 0)).toBe(true);
  });
});

describe('honest under uncertainty', () => {
  /** Every shown maturity and enabler question answered "don't know", except the first `known` at rung 1. */
  function unsure(known: number) {
    const s = scenario({ profile: { sector: 'C3399' } });
    let i = 0;
    for (const { q, kind } of questions) {
      if (kind !== 'maturity' && kind !== 'enabler') continue;
      if (q.visibleIf) continue;
      if (i++ < known) s.answerLevel(q.id, 1);
      else s.answerSpecial(q.id, 'unknown');
    }
    return s;
  }

  it('mostly "don\'t know": no priorities or roadmap, a find-out-first list naming who would know', () => {
    const d = unsure(5).diagnosis();
    expect(d.status).toBe('uncertain');
    expect(d.priorities).toEqual([]);
    expect(d.roadmap).toEqual([]);
    expect(d.cases).toEqual([]);
    expect(d.findOutFirst.length).toBe(d.coverage.unknown + d.enablers.reduce((n, e) => n + e.unknown, 0));
    expect(d.findOutFirst.every((f) => f.askWho !== null && kb.roles.some((r) => r.id === f.askWho))).toBe(true);
    expect(d.overall.reason.rule).toBe('overall-uncertain');
    expect(d.overall.reason.text['zh-CN']).toContain(String(Math.round(rules.maxUnknownShare * 100)));
  });

  it('the threshold is data: below it the diagnosis is given', () => {
    const d = unsure(5).diagnosis();
    const share = (d.coverage.unknown + d.enablers.reduce((n, e) => n + e.unknown, 0)) / (d.coverage.answered + d.enablers.reduce((n, e) => n + e.answered, 0));
    const lenient = scenario({ knowledgeBase: withRules({ maxUnknownShare: Math.min(1, share + 0.01) }), profile: unsure(5).profile, answers: unsure(5).answers }).diagnosis();
    expect(lenient.status).toBe('ok');
    expect(lenient.findOutFirst).toEqual([]);
    expect(unsure(60).diagnosis().status).toBe('ok');
  });

  it('every maturity and enabler question says who would know it', () => {
    for (const { q, kind } of questions) if (kind === 'maturity' || kind === 'enabler') expect(q.askWho, q.id).toBeDefined();
  });
});

describe('size class by the national SME classification', () => {
  const sizeOf = (employees: number, revenue?: string) => scenario({ profile: { employees, ...(revenue ? { revenue } : {}) } }).diagnosis().size;

  it.each([
    [60, '3m-20m', 'small'],
    [15, '3m-20m', 'micro'],
    [300, 'lt-3m', 'micro'],
    [300, '20m-100m', 'medium'],
    [2000, 'gt-400m', 'large'],
    [2000, '100m-400m', 'medium'],
  ] as const)('%i employees with revenue %s → %s', (employees, revenue, expected) => {
    const size = sizeOf(employees, revenue);
    expect(size.class).toBe(expected);
    expect(size.reason.rule).toBe('size-class');
  });

  it('employees alone give an estimate that says so; nothing gives no class', () => {
    expect(sizeOf(300)).toMatchObject({ class: 'medium', revenue: null });
    expect(sizeOf(300).reason.rule).toBe('size-class-employees');
    expect(scenario().diagnosis().size.class).toBeNull();
  });
});

describe('blended industry types', () => {
  it('a class that mixes types weighs each cell by the shares of its blend', () => {
    const sector = kb.sectors.find((s) => s.blend && s.blend.length > 1);
    if (!sector?.blend) throw new Error('no blended sector');
    const d = scenario({ profile: { sector: sector.id } }).answerAll(1).diagnosis();
    expect(d.industryType.blend).toEqual(sector.blend);
    for (const cell of d.cells) {
      let expected = 0;
      for (const part of sector.blend) expected += part.share * (kb.industryTypes.find((t) => t.id === part.industryType)?.weights.find((w) => sameCell(w, cell))?.weight ?? 1);
      expect(cell.weight).toBeCloseTo(expected, 2);
    }
  });

  it('after the user changes the type, no blend and no sector reason remain', () => {
    const sector = kb.sectors.find((s) => s.blend && s.blend.length > 1);
    const d = scenario({ profile: { sector: sector?.id ?? '', industryType: 'labor-intensive' } }).diagnosis();
    expect(d.industryType).toMatchObject({ id: 'labor-intensive', source: 'profile', blend: null, reason: null });
  });
});

describe('indicative levels on the yardsticks users know', () => {
  it('place the overall score on each yardstick\'s bands, and none without a diagnosis', () => {
    for (const level of [0, 1, 2, 3] as Level[]) {
      const d = scenario().answerAll(level).diagnosis();
      expect(d.indicative.map((i) => i.yardstick)).toEqual(kb.yardsticks.map((y) => y.id));
      for (const i of d.indicative) {
        const y = kb.yardsticks.find((x) => x.id === i.yardstick);
        const expected = [...(y?.levels ?? [])].reverse().find((l) => (d.overall.score ?? -1) >= l.minScore);
        expect(i.level).toBe(expected?.id);
      }
    }
    expect(scenario().diagnosis().indicative.every((i) => i.level === null)).toBe(true);
  });

  it('each yardstick says it is indicative, in both languages', () => {
    for (const y of kb.yardsticks) {
      expect(y.note['zh-CN']).toMatch(/参考|仅供/);
      expect(y.note.en).toMatch(/indicative/i);
    }
  });
});

describe('gating: questions that cannot apply are not asked', () => {
  const visible = (profile: Record<string, string>) => {
    const d = scenario({ profile }).diagnosis();
    return d.cells.reduce((n, c) => n + c.visible, 0);
  };

  it('sold-unit service questions only with after-sales service; configurators only for own-design made-to-order', () => {
    expect(visible({ afterSales: 'yes' })).toBeGreaterThan(visible({ afterSales: 'no' }));
    const jobShop = visible({ orderType: 'contract', ownDesign: 'customer', afterSales: 'no' });
    const designer = visible({ orderType: 'make-to-order', ownDesign: 'own', afterSales: 'no' });
    expect(designer).toBeGreaterThan(jobShop);
  });

  it('a hidden question takes no share of its cell: the cell renormalises over what is shown', () => {
    const d = scenario({ profile: { afterSales: 'no' } }).answerCell('ecosystem', 'service', 2).diagnosis();
    const cell = d.cells.find((c) => c.organization === 'ecosystem' && c.value === 'service');
    expect(cell?.visible).toBe(cell?.answered);
    expect(cell?.score).toBe(66.7);
    expect(CELLS.length).toBe(9);
  });
});

describe('words an owner understands', () => {
  it('priority reasons say why in words; the multipliers are kept apart for the details', () => {
    const d = middling().answer('out-labour-share', 'gt45').answer('painPoints', ['labor', 'quality']).diagnosis();
    expect(d.priorities.length).toBeGreaterThan(0);
    for (const p of d.priorities) {
      for (const r of p.reasons) {
        expect(r.text['zh-CN'], r.rule).not.toMatch(/×\s*\d/);
        expect(r.text.en, r.rule).not.toMatch(/×\s*\d/);
      }
      const f = p.factors;
      expect(Math.abs(f.gap * f.weight * f.pain * f.prerequisites * f.outcomes - p.priorityScore)).toBeLessThanOrEqual(0.2 + 0.01 * p.priorityScore);
    }
  });
});

describe('ranking rules a consultant checks (docs/model.md, Priorities)', () => {
  const personaFile = (id: string): AnswersFile =>
    JSON.parse(readFileSync(join(import.meta.dirname, '..', 'personas', `${id}.json`), 'utf8')) as AnswersFile;
  const run = (file: AnswersFile) => diagnose({ questionnaire: full, knowledgeBase: kb, answers: file }, { date: '2026-12-01' });
  const withProfile = (file: AnswersFile, profile: Record<string, string>): AnswersFile => ({ ...file, profile: { ...file.profile, ...profile } });
  const cellOf = (d: Diagnosis, o: string, v: string) => d.cells.find((c) => c.organization === o && c.value === v);

  it('a pained cell that slips below its target never counts a smaller gap than it did at the target', () => {
    // The machine-tool exporter names slow R&D; its design cell stands just short of its target.
    const file = personaFile('shandong-machine-tool');
    const base = priorityOf(run(file), 'enterprise', 'product');
    expect(base, 'design is a priority').toBeDefined();
    for (const q of ['ep-design-data', 'ep-npi', 'ep-virtual-testing']) {
      const level = Number(String(file.answers[q]).slice(1));
      if (!(level > 0)) continue;
      const lower = priorityOf(run({ ...file, answers: { ...file.answers, [q]: `l${level - 1}` } }), 'enterprise', 'product');
      expect(lower?.gap ?? 0, `${q} one rung lower`).toBeGreaterThanOrEqual(base?.gap ?? Infinity);
    }
    // And raised to the target, the cell still climbs for the pain point, by no more than it does below.
    const atTarget = run({ ...file, answers: { ...file.answers, 'ep-process-planning': 'l2', 'ep-npi': 'l2', 'ep-knowledge-reuse': 'l2' } });
    expect(cellOf(atTarget, 'enterprise', 'product')?.stage).toBe('networked');
    expect(priorityOf(atTarget, 'enterprise', 'product')?.gap ?? 0).toBeLessThanOrEqual(base?.gap ?? 0);
  });

  it('a make-to-stock maker weighs forecasting and the supply chain more, and says why', () => {
    const file = personaFile('guangdong-appliance');
    const stock = run(file);
    const order = run(withProfile(file, { orderType: 'make-to-order' }));
    const rule = kb.rules.targetRaises.find((r) => JSON.stringify(r.when).includes('make-to-stock'));
    expect(cellOf(stock, 'ecosystem', 'manufacturing')?.weight).toBeGreaterThanOrEqual(rule?.minWeight ?? Infinity);
    expect(cellOf(order, 'ecosystem', 'manufacturing')?.weight).toBeLessThan(rule?.minWeight ?? 0);
    const p = priorityOf(stock, 'ecosystem', 'manufacturing');
    expect(p?.reasons.map((r) => r.rule)).toContain('target-raised');
    expect(p?.rank ?? 9).toBeLessThan(priorityOf(order, 'ecosystem', 'manufacturing')?.rank ?? 9);
  });

  it('engineer-to-order: late orders and long lead times count towards design too, and the report says so', () => {
    const file = personaFile('guangdong-custom-furniture');
    const eto = run(withProfile(file, { orderType: 'engineer-to-order' }));
    const mto = run(withProfile(file, { orderType: 'make-to-order' }));
    const design = priorityOf(eto, 'enterprise', 'product');
    expect(design, `design among the priorities: ${eto.priorities.map((p) => `${p.organization}-${p.value}`).join(' ')}`).toBeDefined();
    expect(design?.painPoints).toContain('delivery');
    expect(design?.outcomes.map((o) => o.questionId)).toEqual(expect.arrayContaining(['out-on-time-delivery', 'out-lead-time']));
    const link = design?.reasons.find((r) => r.rule === 'profile-link');
    expect(link?.answers).toEqual(['orderType']);
    expect(link?.text['zh-CN']).toContain('按单设计');
    const designMto = priorityOf(mto, 'enterprise', 'product');
    expect(designMto?.painPoints ?? []).not.toContain('delivery');
    expect(designMto?.reasons.map((r) => r.rule) ?? []).not.toContain('profile-link');
  });

  it('a foundation step counts as unlocking only up to the rung a gate asks for', () => {
    // The dyeing plant: metering online waits for the machine network; the network inventory unlocks it, the
    // backup drill (a rung above what the gate asks) does not, and may not crowd energy out of the first year.
    const d = run(personaFile('zhejiang-dyeing'));
    const gate = kb.rules.enablerGates.find((g) => g.enabler === 'ot-security');
    const unlock = d.roadmap.filter((s) => s.enabler === 'ot-security' && s.toStage === gate?.minStage);
    const beyond = d.roadmap.filter((s) => s.enabler === 'ot-security' && s.toStage !== gate?.minStage);
    expect(unlock.length).toBeGreaterThan(0);
    for (const b of beyond) for (const u of unlock) expect(u.order, `${u.id} before ${b.id}`).toBeLessThan(b.order);
    const energy = d.roadmap.find((s) => s.reason.answers.includes('fm-energy-metering'));
    expect(energy?.phase).toBe('next');
    expect(energy?.after.some((id) => unlock.some((u) => u.id === id))).toBe(true);
  });
});
