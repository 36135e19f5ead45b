/**
 * Persona suite: realistic companies (answers files beside this test) run through the real engine, with the
 * properties a manufacturing consultant would insist on. A failing assertion here means the diagnosis is wrong
 * for that company — fix the model, do not weaken the assertion.
 *
 * The assertions read as a small domain language, defined below:
 *   expectType(d, 'capital-intensive', { source: 'sector', blendWith: ['technology-led'] })
 *   expectNotAsked(p, ['ecp-configurator'])        questions gated away for this business
 *   expectTopPriorities(d, ['factory-product'], { within: 2 })
 *   expectNotTopPriorities(d, ['ecosystem-service'], { within: 3 })
 *   expectFirstPhase(d, { maxSteps: 2 })           the roadmap a company can carry
 *   expectFlag(d, 'foundation', 'factory-product'), expectNotStrongest(d, 'factory-product')
 *   expectProgrammesCurrent(d), expectProgrammesInProvince(d, '13')
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diagnose, visibleQuestions,
  type AnswersFile, type Cell, type Diagnosis, type IndustryTypeId, type IndustryTypeSource, type Level, type Organization,
  type Phase, type RoleId, type SizeClass, type Stage, type ValueForm,
  PHASES,
} from '../../src/engine/index.ts';
import { knowledgeBase, loadQuestionnaire } from '../engine/scenario.ts';

// ---------- the personas ----------

const REPORT_DATE = '2026-12-01';
const questionnaire = loadQuestionnaire('full');
const kb = knowledgeBase();

interface Persona {
  id: string;
  file: AnswersFile;
  d: Diagnosis;
}

const cache = new Map<string, Persona>();
function persona(id: string): Persona {
  const hit = cache.get(id);
  if (hit) return hit;
  const file = JSON.parse(readFileSync(join(import.meta.dirname, `${id}.json`), 'utf8')) as AnswersFile;
  const d = diagnose({ questionnaire, knowledgeBase: kb, answers: file }, { date: REPORT_DATE });
  const p = { id, file, d };
  cache.set(id, p);
  return p;
}

// ---------- the domain language ----------

type CellName = `${Organization}-${ValueForm}`;
const cellName = (c: Cell): CellName => `${c.organization}-${c.value}`;
const STAGE_ORDER: readonly Stage[] = ['none', 'digital', 'networked', 'intelligent'];
const rung = (s: Stage | null): number => (s === null ? -1 : STAGE_ORDER.indexOf(s));

/** The priorities as "organization-value" in rank order. */
const ranking = (d: Diagnosis): CellName[] => d.priorities.map(cellName);
const describeRanking = (d: Diagnosis): string =>
  ranking(d).map((c, i) => `${i + 1}.${c}(${d.priorities[i]?.priorityScore})`).join(' ') || '(none)';

/** The answers file answers every visible question, only visible ones, with option ids that exist. */
function expectCompleteAnswers(p: Persona): void {
  const visible = visibleQuestions(questionnaire, p.file, kb);
  const visibleIds = new Set(visible.map((e) => e.question.id));
  const given = { ...p.file.profile, ...p.file.answers };
  // industryType left empty means "confirm the inferred type", which is how the form records a confirmation; the
  // city is optional (left open where the company's description does not name it: city programmes stay conditional).
  const optional = new Set(visible.filter((e) => e.question.type === 'city').map((e) => e.question.id));
  const missing = [...visibleIds].filter((id) => !(id in given) && id !== 'industryType' && !optional.has(id));
  const hidden = Object.keys(given).filter((id) => !visibleIds.has(id));
  expect(missing, `${p.id}: visible questions left unanswered`).toEqual([]);
  expect(hidden, `${p.id}: answers to questions not shown to this company`).toEqual([]);
  for (const e of visible) {
    const value = given[e.question.id];
    if (value === undefined || !e.question.options?.length) continue;
    if (e.question.type === 'city') {
      const cities = kb.regions.filter((r) => r.parent === p.file.profile['province']).map((r) => r.id);
      expect([...cities, ...e.question.options.map((o) => o.id)], `${p.id}: city = ${String(value)}`).toContain(value);
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      expect(e.question.options.map((o) => o.id), `${p.id}: ${e.question.id} = ${String(v)}`).toContain(v);
    }
  }
}

function expectType(
  d: Diagnosis, type: IndustryTypeId,
  opts: { source?: IndustryTypeSource; sector?: string; blendWith?: IndustryTypeId[]; noBlend?: boolean } = {},
): void {
  expect(d.industryType.id, 'industry type').toBe(type);
  if (opts.source) expect(d.industryType.source, 'where the type comes from').toBe(opts.source);
  if (opts.sector) expect(d.industryType.sector, 'sector class').toBe(opts.sector);
  if (opts.blendWith) {
    const blend = d.industryType.blend ?? [];
    expect(blend.map((b) => b.industryType), 'blend of the class').toEqual([type, ...opts.blendWith]);
    expect(blend[0]?.share ?? 0, 'the main type carries the largest share').toBeGreaterThan(0.5);
  }
  if (opts.noBlend) expect(d.industryType.blend, 'no blend').toBeNull();
  if (d.industryType.source === 'sector') expect(d.industryType.reason, 'the report says why the sector implies the type').not.toBeNull();
  if (d.industryType.source === 'profile') {
    expect(d.industryType.reason, 'after an override no text says "your sector makes you …"').toBeNull();
    expect(d.industryType.blend, 'after an override the sector blend no longer applies').toBeNull();
  }
}

function expectSize(d: Diagnosis, size: SizeClass): void {
  expect(d.size.class, 'national SME size class').toBe(size);
}

function askedIds(p: Persona): Set<string> {
  return new Set(visibleQuestions(questionnaire, p.file, kb).map((e) => e.question.id));
}
function expectNotAsked(p: Persona, ids: string[]): void {
  const asked = askedIds(p);
  expect(ids.filter((id) => asked.has(id)), `${p.id} must not be asked`).toEqual([]);
}
function expectAsked(p: Persona, ids: string[]): void {
  const asked = askedIds(p);
  expect(ids.filter((id) => !asked.has(id)), `${p.id} must be asked`).toEqual([]);
}

/** Every cell named is among the first `within` priorities. */
function expectTopPriorities(d: Diagnosis, cells: CellName[], { within }: { within: number }): void {
  const top = ranking(d).slice(0, within);
  expect(cells.filter((c) => !top.includes(c)), `missing from the top ${within}; ranking: ${describeRanking(d)}`).toEqual([]);
}
/** At least one of the cells named is among the first `within` priorities. */
function expectSomeTopPriority(d: Diagnosis, cells: CellName[], { within }: { within: number }): void {
  const top = ranking(d).slice(0, within);
  expect(cells.some((c) => top.includes(c)), `none of ${cells.join(', ')} in the top ${within}; ranking: ${describeRanking(d)}`).toBe(true);
}
function expectNotTopPriorities(d: Diagnosis, cells: CellName[], { within }: { within: number }): void {
  const top = ranking(d).slice(0, within);
  expect(cells.filter((c) => top.includes(c)), `must not be in the top ${within}; ranking: ${describeRanking(d)}`).toEqual([]);
}
/** A cell ranked above another. */
function expectRankedAbove(d: Diagnosis, higher: CellName, lower: CellName): void {
  const r = ranking(d);
  const hi = r.indexOf(higher);
  const lo = r.indexOf(lower);
  expect(hi, `${higher} must be a priority; ranking: ${describeRanking(d)}`).toBeGreaterThanOrEqual(0);
  if (lo >= 0) expect(hi, `${higher} must rank above ${lower}; ranking: ${describeRanking(d)}`).toBeLessThan(lo);
}

/**
 * The first phase ("now") a company can carry: no phase holds more steps than its capacity, the first phase no
 * more than `maxSteps`; every step climbs exactly one rung; no step comes before a step it stands on; with
 * `operational`, the first phase holds at least one step that changes how the plant or the business works (not
 * only enabler homework); with `touches`, one of those steps works on one of the cells named.
 */
function expectFirstPhase(d: Diagnosis, opts: { maxSteps: number; operational?: boolean; touches?: CellName[] }): void {
  const now = d.roadmap.filter((s) => s.phase === 'now');
  const steps = PHASES.map((ph) => `${ph}: ${d.roadmap.filter((s) => s.phase === ph).map((s) => s.id).join(', ') || '-'}`).join('; ');
  for (const ph of PHASES) {
    expect(d.roadmap.filter((s) => s.phase === ph).length, `phase ${ph} within the stated capacity (${d.capacity.steps}); ${steps}`)
      .toBeLessThanOrEqual(d.capacity.steps);
  }
  expect(now.length, `a first phase this company can carry; ${steps}`).toBeLessThanOrEqual(opts.maxSteps);
  for (const s of d.roadmap) {
    expect(rung(s.toStage) - rung(s.fromStage), `${s.id} climbs one rung`).toBeLessThanOrEqual(1);
    for (const before of s.after) {
      const b = d.roadmap.find((x) => x.id === before);
      if (b) expect(PHASES.indexOf(b.phase) <= PHASES.indexOf(s.phase) && b.order < s.order, `${before} before ${s.id}`).toBe(true);
    }
  }
  const cellSteps = now.filter((s) => s.cell !== null);
  if (opts.operational) expect(cellSteps.length, `at least one operational step in the first phase; ${steps}`).toBeGreaterThan(0);
  if (opts.touches) {
    const cells = cellSteps.map((s) => cellName(s.cell as Cell));
    expect(opts.touches.some((c) => cells.includes(c)), `first phase works on ${opts.touches.join(' or ')}; ${steps}`).toBe(true);
  }
}

const upTo = (phase: Phase): Phase[] => PHASES.slice(0, PHASES.indexOf(phase) + 1);
const describePlan = (d: Diagnosis): string =>
  PHASES.map((ph) => `${ph}: ${d.roadmap.filter((s) => s.phase === ph).map((s) => s.id).join(', ') || '-'}`).join('; ');

/** One of these scenarios (the knowledge base's own variant for this kind of plant) is planned by `by`. */
function expectPlanned(d: Diagnosis, scenarioIds: string[], { by }: { by: Phase }): void {
  const planned = d.roadmap.filter((s) => upTo(by).includes(s.phase)).map((s) => s.id);
  expect(scenarioIds.some((id) => planned.includes(id)), `one of ${scenarioIds.join(', ')} planned by "${by}"; ${describePlan(d)}`).toBe(true);
}
/** None of these scenarios is planned in the phases named. */
function expectNotPlanned(d: Diagnosis, scenarioIds: string[], { in: phases }: { in: Phase[] }): void {
  const planned = d.roadmap.filter((s) => phases.includes(s.phase)).map((s) => s.id);
  expect(scenarioIds.filter((id) => planned.includes(id)), `not planned in ${phases.join('/')}; ${describePlan(d)}`).toEqual([]);
}
/** A step on one of these cells, or one chosen because of one of these answers, is planned by `by`. */
function expectWorkOn(d: Diagnosis, what: { cells?: CellName[]; answers?: string[] }, { by }: { by: Phase }): void {
  const steps = d.roadmap.filter((s) => upTo(by).includes(s.phase));
  const hit = steps.some((s) =>
    (s.cell !== null && (what.cells ?? []).includes(cellName(s.cell))) || s.reason.answers.some((a) => (what.answers ?? []).includes(a)));
  expect(hit, `work on ${[...(what.cells ?? []), ...(what.answers ?? [])].join(', ')} planned by "${by}"; ${describePlan(d)}`).toBe(true);
}

function expectStatus(d: Diagnosis, status: Diagnosis['status']): void {
  expect(d.status, 'diagnosis status').toBe(status);
}
function expectFlag(d: Diagnosis, rule: 'foundation' | 'prerequisite', cell: CellName): void {
  expect(d.flags.filter((f) => f.rule === rule).map(cellName), `${rule} flags`).toContain(cell);
}
function expectNoFlag(d: Diagnosis, rule: 'foundation' | 'prerequisite', cell?: CellName): void {
  const flagged = d.flags.filter((f) => f.rule === rule).map(cellName);
  if (cell) expect(flagged, `${rule} flags`).not.toContain(cell);
  else expect(flagged, `${rule} flags`).toEqual([]);
}
/**
 * The summary's "strongest area" is the highest-scoring cell among those whose claims were not capped by what
 * they stand on (src/components/report/ReportSummary.vue): this cell is never it.
 */
function expectNotStrongest(d: Diagnosis, cell: CellName): void {
  const scored = d.cells.filter((c) => c.score !== null && c.capped === 0);
  const top = Math.max(...scored.map((c) => c.score as number));
  const strongest = scored.filter((c) => c.score === top).map(cellName);
  expect(strongest, `strongest cell(s) at ${top}: ${strongest.join(', ')}`).not.toContain(cell);
}
/** The rung an answer is credited at (after any foundation cap). */
function expectCredited(d: Diagnosis, questionId: string, level: Level): void {
  const b = d.cells.flatMap((c) => c.basis).find((x) => x.questionId === questionId);
  expect(b, `${questionId} scored`).toBeDefined();
  expect(b?.credited ?? b?.level, `${questionId} credited rung`).toBe(level);
}
function expectCellStage(d: Diagnosis, cell: CellName, atLeast: Stage): void {
  const c = d.cells.find((x) => cellName(x) === cell);
  expect(rung(c?.stage ?? null), `${cell} at ${c?.stage} (${c?.score}), at least ${atLeast}`).toBeGreaterThanOrEqual(rung(atLeast));
}
/** An outcome figure the owner gave raised this cell's priority (and says so). */
function expectOutcomeRaises(d: Diagnosis, cell: CellName, questionId: string): void {
  const p = d.priorities.find((x) => cellName(x) === cell);
  expect(p, `${cell} is a priority; ranking: ${describeRanking(d)}`).toBeDefined();
  expect(p?.outcomes.map((o) => o.questionId), `${cell} raised by`).toContain(questionId);
  expect(p?.reasons.map((r) => r.rule), `${cell} explains the figure`).toContain('outcome-figure');
}
/** No priorities, no roadmap presented as a diagnosis; a find-out-first list naming whom to ask. */
function expectFindOutFirst(d: Diagnosis, opts: { atLeast: number; askWho: RoleId[] }): void {
  expect(d.priorities, 'no priorities while most answers are unknown').toEqual([]);
  expect(d.roadmap, 'no roadmap while most answers are unknown').toEqual([]);
  expect(d.findOutFirst.length, 'questions to settle').toBeGreaterThanOrEqual(opts.atLeast);
  for (const f of d.findOutFirst) expect(f.askWho, `${f.questionId} says whom to ask`).not.toBeNull();
  const roles = new Set(d.findOutFirst.map((f) => f.askWho));
  expect(opts.askWho.filter((r) => !roles.has(r)), 'roles named in the find-out-first list').toEqual([]);
}

const policyById = new Map(kb.policies.map((p) => [p.id, p]));
const programmesOf = (d: Diagnosis) =>
  d.policies.filter((m) => m.group === 'programme').map((m) => policyById.get(m.id)).filter((p) => p !== undefined);

/** No expired (or not yet open) programme on the report date. */
function expectProgrammesCurrent(d: Diagnosis): void {
  for (const m of d.policies) {
    const p = policyById.get(m.id);
    expect(p, `policy ${m.id} exists`).toBeDefined();
    if (p?.validUntil) expect(p.validUntil >= REPORT_DATE, `${p.id} ended ${p.validUntil}`).toBe(true);
    if (p?.validFrom) expect(p.validFrom <= REPORT_DATE, `${p.id} opens ${p.validFrom}`).toBe(true);
  }
}
/** Regional programmes only from the company's own province (or its cities). */
function expectProgrammesInProvince(d: Diagnosis, province: string): void {
  for (const p of programmesOf(d)) {
    const regions = p.eligibility?.regions ?? [];
    if (regions.length === 0) continue;
    expect(regions.some((r) => r.slice(0, 2) === province), `${p.id} is for ${regions.join(', ')}, company in ${province}`).toBe(true);
  }
}
/**
 * City programmes of the company's province: with its city given, only that city's, as eligible (not
 * "conditional"); with "another city", none; with no city given, shown as conditional on the city.
 */
function expectCityProgrammes(d: Diagnosis, profile: AnswersFile['profile']): void {
  const province = profile['province'] as string;
  const city = profile['city'];
  const cityOnly = d.policies.map((m) => ({ m, regions: policyById.get(m.id)?.eligibility?.regions ?? [] }))
    .filter(({ regions }) => regions.length > 0 && !regions.includes(province));
  for (const { m, regions } of cityOnly) {
    if (typeof city !== 'string') {
      if (m.group === 'programme') expect(m.status, `${m.id} (for ${regions.join(', ')}) with no city given`).toBe('conditional');
    } else {
      expect(regions, `${m.group} ${m.id} is for ${regions.join(', ')}; the company is in ${city}`).toContain(city);
      if (m.group === 'programme') expect(m.status, `${m.id} in the company's own city`).not.toBe('conditional');
    }
  }
}
/** With its city given, a current programme of that city is among those shown. */
function expectOwnCityProgramme(d: Diagnosis, city: string): void {
  const own = kb.policies.filter((x) => x.group === 'programme' && (x.eligibility?.regions ?? []).includes(city)
    && (!x.validUntil || x.validUntil >= REPORT_DATE) && (!x.validFrom || x.validFrom <= REPORT_DATE));
  expect(own.length, `a current programme of ${city} in the knowledge base`).toBeGreaterThan(0);
  const shown = d.policies.filter((m) => own.some((x) => x.id === m.id));
  expect(shown.map((m) => m.id), `programmes of ${city} shown`).not.toEqual([]);
}

/** A large company is not pointed to programmes for SMEs only. */
function expectNoSmeOnlyProgrammes(d: Diagnosis, employees: number): void {
  for (const p of programmesOf(d)) {
    const e = p.eligibility ?? {};
    const smeOnly = e.sme === true || (e.maxEmployees !== undefined && employees > e.maxEmployees);
    const match = d.policies.find((m) => m.id === p.id);
    if (smeOnly) expect(match?.status, `${p.id} is for SMEs; a large company is not eligible`).toBe('gap');
  }
}
/** Offerings and background too: what is tagged for a region, a sector or SMEs is shown only where it applies. */
function expectEveryPointerApplies(d: Diagnosis, profile: AnswersFile['profile']): void {
  const province = profile['province'] as string;
  const sector = profile['sector'] as string;
  for (const m of d.policies) {
    const e = policyById.get(m.id)?.eligibility ?? {};
    if (e.regions?.length) expect(e.regions.some((r) => r.slice(0, 2) === province), `${m.group} ${m.id} is for ${e.regions.join(', ')}, company in ${province}`).toBe(true);
    if (e.sectors?.length) expect(e.sectors.some((x) => x === 'C' || sector.startsWith(x)), `${m.group} ${m.id} is for ${e.sectors.join(', ')}, company in ${sector}`).toBe(true);
    if (e.sme && m.group !== 'programme') expect(d.size.class, `${m.group} ${m.id} is for SMEs`).not.toBe('large');
  }
}
/** Among the cases shown, one from the company's own line (class or group) that shows work on one of these cells. */
function expectCaseOnCell(d: Diagnosis, line: string, cells: CellName[]): void {
  const shown = d.cases.map((m) => kb.cases.find((c) => c.id === m.id)).filter((c) => c !== undefined);
  const ids = shown.map((c) => c.id).join(', ') || '(none)';
  const hit = shown.filter((c) => (c.sectors ?? []).some((x) => x.startsWith(line)) && c.cells.some((cell) => cells.includes(cellName(cell))));
  expect(hit.map((c) => c.id), `a ${line} case on ${cells.join(' or ')} among: ${ids}`).not.toEqual([]);
}

/** Among the first three cases, one from the company's own division, and at most one vendor story. */
function expectCasesFit(d: Diagnosis, division: string): void {
  const first = d.cases.slice(0, 3).map((m) => kb.cases.find((c) => c.id === m.id) as unknown as { id: string; sectors?: string[]; provider?: string });
  const ids = first.map((c) => c?.id).join(', ') || '(none)';
  expect(first.some((c) => (c?.sectors ?? []).some((s) => s.startsWith(division))), `a ${division} case among the first three: ${ids}`).toBe(true);
  expect(first.filter((c) => c?.provider === 'vendor').length, `at most one vendor story among: ${ids}`).toBeLessThanOrEqual(1);
}

// ---------- the companies ----------

/** Sold-unit service questions: only for firms that service what they sell. */
const SOLD_UNIT_SERVICE = ['ecs-remote-monitoring', 'ecs-predictive-service', 'ecs-service-model', 'ecp-field-data'];
const OWN_DESIGN_ONLY = ['ep-virtual-testing', 'ep-knowledge-reuse'];
const PROCESS_ONLY = ['fp-process-control', 'fs-emissions'];

describe('every persona', () => {
  const ids = [
    'hebei-stamping', 'guangdong-appliance', 'zhejiang-api', 'guangdong-custom-furniture', 'jiangsu-li-cell',
    'henan-frozen-food', 'zhejiang-dyeing', 'shandong-machine-tool', 'chongqing-auto-parts', 'dongguan-garment-oem',
    'ningbo-injection', 'suzhou-smt', 'sichuan-precast-concrete', 'anhui-dont-know', 'hubei-ai-claims',
  ];
  it.each(ids)('%s answers every visible question with real option ids', (id) => expectCompleteAnswers(persona(id)));
  it.each(ids)('%s shows no expired programme and no other province\'s programme', (id) => {
    const p = persona(id);
    expectProgrammesCurrent(p.d);
    expectProgrammesInProvince(p.d, p.file.profile['province'] as string);
  });
  it.each(ids)('%s is shown city programmes by the city it gave: its own as eligible, none of another city, conditional when not given', (id) => {
    const p = persona(id);
    expectCityProgrammes(p.d, p.file.profile);
  });
  it.each(ids)('%s is shown offerings and background only where their region, sector and size apply', (id) => {
    const p = persona(id);
    expectEveryPointerApplies(p.d, p.file.profile);
  });
});

describe('Hebei metal-stamping shop, 60 people, build to print', () => {
  const p = persona('hebei-stamping');
  const { d } = p;
  it('is labour-intensive, from its class C3399', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C3399', noBlend: true }));
  it('is a small enterprise', () => expectSize(d, 'small'));
  it('is not asked about configurators, own design, sold units or process control', () => {
    expectNotAsked(p, ['ecp-configurator', ...OWN_DESIGN_ONLY, ...SOLD_UNIT_SERVICE, ...PROCESS_ONLY]);
    expectAsked(p, ['ep-process-planning', 'ecp-co-design', 'ecs-traceability', 'fm-programs']);
  });
  it('puts presses and dies (equipment) first, then quality or planning', () => {
    expectTopPriorities(d, ['factory-manufacturing'], { within: 2 });
    expectSomeTopPriority(d, ['factory-product', 'enterprise-manufacturing'], { within: 3 });
  });
  it('does not push product design, co-design or after-sales service', () =>
    expectNotTopPriorities(d, ['enterprise-product', 'ecosystem-product', 'ecosystem-service'], { within: 3 }));
  it('gets a first phase a boss-led shop under 100k can carry, with a real shop-floor step', () =>
    expectFirstPhase(d, { maxSteps: 2, operational: true, touches: ['factory-manufacturing', 'factory-product'] }));
  it('plans die and press upkeep (the stamping variant) within the first year', () =>
    expectPlanned(d, ['stamping-die-ledger', 'stamping-stroke-die-life'], { by: 'next' }));
  it('gets cases from metal products', () => expectCasesFit(d, 'C33'));
});

describe('Guangdong appliance maker, 2,000 people, on MES', () => {
  const p = persona('guangdong-appliance');
  const { d } = p;
  it('is labour-intensive (assembly), from C385', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C385' }));
  it('is a large enterprise', () => expectSize(d, 'large'));
  it('is asked about its sold, connected appliances but not a configurator (make-to-stock)', () => {
    expectAsked(p, SOLD_UNIT_SERVICE);
    expectAsked(p, OWN_DESIGN_ONLY);
    expectNotAsked(p, ['ecp-configurator', ...PROCESS_ONLY]);
  });
  it('ranks quality and equipment on the line first', () =>
    expectTopPriorities(d, ['factory-product', 'factory-manufacturing'], { within: 3 }));
  // Was a known gap: enterprise planning collected every pain and figure in passing and pushed forecasting out of
  // the top three. Fixed by secondary links at half effect and the make-to-stock weight on forecasting (docs/model.md).
  it('takes its demand-forecast pain seriously: supply chain and forecasting is a priority for a make-to-stock maker', () =>
    expectTopPriorities(d, ['ecosystem-manufacturing'], { within: 3 }));
  it('has no foundation contradictions and a full diagnosis', () => {
    expectStatus(d, 'ok');
    expectNoFlag(d, 'foundation');
  });
  it('is not pointed to SME-only programmes', () => expectNoSmeOnlyProgrammes(d, 2000));
  it('gets appliance cases', () => expectCasesFit(d, 'C385'));
});

describe('Zhejiang API plant, GMP paper batch records', () => {
  const p = persona('zhejiang-api');
  const { d } = p;
  it('is capital-intensive with a technology share, not an R&D house', () =>
    expectType(d, 'capital-intensive', { source: 'sector', sector: 'C2710', blendWith: ['technology-led'] }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is asked about process control and emissions, not about sold units or a configurator', () => {
    expectAsked(p, PROCESS_ONLY);
    expectNotAsked(p, ['ecp-configurator', ...SOLD_UNIT_SERVICE]);
  });
  it('credits the controlled paper batch record', () => {
    expectCredited(d, 'fp-batch-record', 1);
    expectCellStage(d, 'factory-product', 'digital');
  });
  it('ranks the batch record and quality control (electronic batch record, release by exception) first', () => {
    expectTopPriorities(d, ['factory-product'], { within: 2 });
    expectTopPriorities(d, ['factory-manufacturing'], { within: 3 });
  });
  it('does not treat R&D as the main lever', () => {
    expectRankedAbove(d, 'factory-product', 'enterprise-product');
    expectNotTopPriorities(d, ['enterprise-product', 'ecosystem-service'], { within: 3 });
  });
  it('has no foundation contradictions', () => expectNoFlag(d, 'foundation'));
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 3, operational: true }));
  it('plans the GMP electronic batch record (the pharma variant), not the generic barcode one, first', () =>
    expectPlanned(d, ['pharma-electronic-batch-record'], { by: 'now' }));
  it('gets pharmaceutical cases', () => expectCasesFit(d, 'C27'));
});

describe('Guangdong custom-furniture maker, make-to-order, 拆单 and kitting problems', () => {
  const p = persona('guangdong-custom-furniture');
  const { d } = p;
  it('is labour-intensive, from C21', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C21' }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is asked about its configurator and design validation', () => {
    expectAsked(p, ['ecp-configurator', ...OWN_DESIGN_ONLY]);
    expectNotAsked(p, PROCESS_ONLY);
  });
  it('ranks line-side kitting and sorting (equipment and logistics) in the top three', () =>
    expectTopPriorities(d, ['factory-manufacturing'], { within: 3 }));
  // Was a known gap: the answers file said make-to-order while the company designs every order (按单设计); with
  // engineer-to-order, the delivery pain and figures also point at design (rules.profileLinks).
  it('ranks the order-to-design chain (拆单, configurator, BOM) among the first four', () =>
    expectSomeTopPriority(d, ['ecosystem-product', 'enterprise-product'], { within: 4 }));
  it('credits nesting software that generates panel programs: it does not depend on machine monitoring', () => {
    expectCredited(d, 'fm-programs', 3);
    expectNoFlag(d, 'foundation', 'factory-manufacturing');
  });
  it('gets a first phase within its capacity, with an operational step', () => expectFirstPhase(d, { maxSteps: 3, operational: true }));
  it('plans kitting by order (its stated problem) within the first year', () =>
    expectPlanned(d, ['kitting-pick-lists', 'furniture-order-kitting'], { by: 'next' }));
  it('works on its top priority (equipment and line-side) in the first phase', () =>
    expectWorkOn(d, { cells: ['factory-manufacturing'] }, { by: 'now' }));
  it('gets furniture cases', () => expectCasesFit(d, 'C21'));
});

describe('Jiangsu lithium battery-cell maker (C3841)', () => {
  const p = persona('jiangsu-li-cell');
  const { d } = p;
  it('is capital-intensive with a technology share', () =>
    expectType(d, 'capital-intensive', { source: 'sector', sector: 'C3841', blendWith: ['technology-led'] }));
  it('is a large enterprise', () => expectSize(d, 'large'));
  it('is asked about process control (mixed mode), not about sold units', () => {
    expectAsked(p, PROCESS_ONLY);
    expectNotAsked(p, SOLD_UNIT_SERVICE);
  });
  // Was a known gap: enterprise planning was lifted by the quality and energy pains it only touches in passing.
  it('ranks yield (quality) and equipment/formation energy first', () =>
    expectTopPriorities(d, ['factory-product', 'factory-manufacturing'], { within: 2 }));
  it('does not push sales or after-sales service', () =>
    expectNotTopPriorities(d, ['enterprise-service', 'ecosystem-service'], { within: 3 }));
  it('has no foundation contradictions', () => expectNoFlag(d, 'foundation'));
  it('is not pointed to SME-only programmes', () => expectNoSmeOnlyProgrammes(d, 1200));
  it('works on energy (a stated pain; formation and ageing draw most of it) within the first year', () =>
    expectWorkOn(d, { answers: ['fm-energy-metering', 'out-energy-share'] }, { by: 'next' }));
  it('gets battery cases', () => expectCasesFit(d, 'C384'));
});

describe('Henan frozen-food maker (速冻), cold chain', () => {
  const p = persona('henan-frozen-food');
  const { d } = p;
  it('is market-driven with a capital share', () =>
    expectType(d, 'market-driven', { source: 'sector', sector: 'C1432', blendWith: ['capital-intensive'] }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is not asked about remote monitoring of sold units or a configurator', () => {
    expectNotAsked(p, [...SOLD_UNIT_SERVICE, 'ecp-configurator']);
    expectAsked(p, ['ecs-traceability', 'em-warehouse', ...PROCESS_ONLY]);
  });
  it('ranks demand forecasting and inventory (FEFO, cold store) in the top three', () =>
    expectTopPriorities(d, ['ecosystem-manufacturing', 'enterprise-manufacturing'], { within: 3 }));
  it('does not push product design or co-design', () =>
    expectNotTopPriorities(d, ['enterprise-product', 'ecosystem-product'], { within: 3 }));
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 2, operational: true }));
  it('plans FEFO lot control in the cold store within the first year', () =>
    expectPlanned(d, ['food-fefo-scanning', 'cold-storage-temperature-monitoring'], { by: 'next' }));
  it('gets frozen-food cases', () => expectCasesFit(d, 'C14'));
  it('gets a case from its own class (frozen rice and flour foods, C1432) among the first three', () => expectCasesFit(d, 'C1432'));
});

describe('Zhejiang dyeing plant (C1713), colour right-first-time, high energy share', () => {
  const p = persona('zhejiang-dyeing');
  const { d } = p;
  it('is capital-intensive with a market share, not treated like garment sewing', () =>
    expectType(d, 'capital-intensive', { source: 'sector', sector: 'C1713', blendWith: ['market-driven'] }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is asked about process control and effluent; not about own design, configurators or sold units', () => {
    expectAsked(p, PROCESS_ONLY);
    expectNotAsked(p, [...OWN_DESIGN_ONLY, 'ecp-configurator', ...SOLD_UNIT_SERVICE]);
  });
  it('ranks colour right-first-time (quality) and energy (equipment) first', () =>
    expectTopPriorities(d, ['factory-product', 'factory-manufacturing'], { within: 2 }));
  it('lets its energy share and first-pass yield raise those priorities, and says so', () => {
    expectOutcomeRaises(d, 'factory-manufacturing', 'out-energy-share');
    expectOutcomeRaises(d, 'factory-product', 'out-first-pass-yield');
  });
  it('does not push supply-chain, sales or after-sales work', () =>
    expectNotTopPriorities(d, ['ecosystem-product', 'enterprise-service', 'ecosystem-service'], { within: 3 }));
  it('starts on colour or energy in its first phase, not on the supply chain', () =>
    expectFirstPhase(d, { maxSteps: 2, operational: true, touches: ['factory-product', 'factory-manufacturing'] }));
  it('works on colour right-first-time within the first year', () =>
    expectWorkOn(d, { cells: ['factory-product'], answers: ['fp-process-parameters', 'fp-quality-checks', 'out-first-pass-yield'] }, { by: 'next' }));
  // Was a known gap: the maintenance log tied with networked energy metering and won on file order; a step both a
  // pain and a figure point to now counts both.
  it('works on energy (15–30 % of cost) within the first year', () =>
    expectWorkOn(d, { answers: ['fm-energy-metering', 'out-energy-share'] }, { by: 'next' }));
  it('gets textile dyeing cases', () => expectCasesFit(d, 'C17'));
  it('gets a dyeing case on energy and equipment (its top priority)', () => expectCaseOnCell(d, 'C17', ['factory-manufacturing']));
});

describe('Shandong machine-tool exporter (C342), own design, after-sales', () => {
  const p = persona('shandong-machine-tool');
  const { d } = p;
  it('is capital-intensive with a technology share', () =>
    expectType(d, 'capital-intensive', { source: 'sector', sector: 'C342', blendWith: ['technology-led'] }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is asked about its machines in the field, its configurator and virtual testing', () =>
    expectAsked(p, [...SOLD_UNIT_SERVICE, 'ecp-configurator', ...OWN_DESIGN_ONLY]));
  it('makes service around sold machines (remote monitoring, export after-sales) a top-three priority', () =>
    expectTopPriorities(d, ['ecosystem-service'], { within: 3 }));
  // Was a known gap: design stood just short of its target, so it counted a smaller gap than a cell at the target
  // would; now the climb past the target counts either way, in full where the profile says the company competes.
  it('ranks design and development among the first four (own design, R&D speed is a pain)', () =>
    expectTopPriorities(d, ['enterprise-product'], { within: 4 }));
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 3, operational: true }));
  it('is pointed to the Jinan city pilot as a programme it can apply for (its city given)', () => expectOwnCityProgramme(d, '3701'));
  it('plans export after-sales service (the machine-tool variant) within the first year', () =>
    expectPlanned(d, ['machine-tool-export-service', 'remote-monitoring', 'installed-base-register'], { by: 'next' }));
  it('does not start with energy metering: energy is under 3 % of cost and not a pain', () =>
    expectNotPlanned(d, ['energy-submeter-top-five', 'energy-metering-online', 'energy-load-shifting'], { in: ['now'] }));
  it('gets machinery cases', () => expectCasesFit(d, 'C34'));
  it('gets a machine-tool case (C342) among the first three, and one on service around sold machines', () => {
    expectCasesFit(d, 'C342');
    expectCaseOnCell(d, 'C342', ['ecosystem-service']);
  });
});

describe('Chongqing auto-parts supplier (C3670), IATF 16949', () => {
  const p = persona('chongqing-auto-parts');
  const { d } = p;
  it('is capital-intensive with a labour share', () =>
    expectType(d, 'capital-intensive', { source: 'sector', sector: 'C3670', blendWith: ['labor-intensive'] }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is not asked about sold units or process control', () => expectNotAsked(p, [...SOLD_UNIT_SERVICE, ...PROCESS_ONLY]));
  it('ranks quality and equipment first', () => expectTopPriorities(d, ['factory-product', 'factory-manufacturing'], { within: 3 }));
  it('does not push after-sales service', () => expectNotTopPriorities(d, ['ecosystem-service'], { within: 3 }));
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 3, operational: true }));
  it('gets auto-parts cases', () => expectCasesFit(d, 'C3670'));
  it('plans die life for its stamping lines within the first year', () =>
    expectPlanned(d, ['stamping-stroke-die-life', 'stamping-die-ledger'], { by: 'next' }));
  it('does not offer the past Liangjiang subsidy as a programme', () =>
    expect(programmesOf(d).map((x) => x.id)).not.toContain('cn-chongqing-liangjiang-auto-subsidy'));
});

describe('Dongguan garment OEM, 120 people, type confirmed as labour-intensive', () => {
  const p = persona('dongguan-garment-oem');
  const { d } = p;
  it('uses the owner\'s type, and no sector text remains', () => expectType(d, 'labor-intensive', { source: 'profile', sector: 'C1819' }));
  it('is a small enterprise', () => expectSize(d, 'small'));
  it('is not asked about own design, configurators or sold units', () =>
    expectNotAsked(p, [...OWN_DESIGN_ONLY, 'ecp-configurator', ...SOLD_UNIT_SERVICE, ...PROCESS_ONLY]));
  it('ranks the sewing floor (equipment, dispatch, line-side) first, raised by its labour share', () => {
    expectTopPriorities(d, ['factory-manufacturing'], { within: 2 });
    expectOutcomeRaises(d, 'factory-manufacturing', 'out-labour-share');
  });
  it('does not push co-design or after-sales service', () =>
    expectNotTopPriorities(d, ['ecosystem-product', 'ecosystem-service'], { within: 3 }));
  it('gets one or two first steps (budget only with subsidy)', () =>
    expectFirstPhase(d, { maxSteps: 2, operational: true, touches: ['factory-manufacturing', 'factory-product'] }));
  it('plans line balancing (the garment variant for labour cost) within the first year', () =>
    expectPlanned(d, ['garment-line-balancing'], { by: 'next' }));
  it('gets garment cases, not an IoT platform story first', () => {
    expectCasesFit(d, 'C18');
    expect(d.cases[0]?.id).not.toBe('tencent-hjurlong-jupiter-cloud');
  });
});

describe('Ningbo injection moulder, contract moulding', () => {
  const p = persona('ningbo-injection');
  const { d } = p;
  it('is labour-intensive, from C2929', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C2929' }));
  it('is a small enterprise', () => expectSize(d, 'small'));
  it('is not asked about own design, configurators or sold units', () =>
    expectNotAsked(p, [...OWN_DESIGN_ONLY, 'ecp-configurator', ...SOLD_UNIT_SERVICE]));
  it('ranks machines and moulds first (downtime is its pain)', () => expectTopPriorities(d, ['factory-manufacturing'], { within: 1 }));
  it('gets a first phase within its capacity with a shop-floor step', () =>
    expectFirstPhase(d, { maxSteps: 2, operational: true, touches: ['factory-manufacturing'] }));
  it('gets plastics cases', () => expectCasesFit(d, 'C29'));
});

describe('Suzhou SMT assembler, PCBA on consignment', () => {
  const p = persona('suzhou-smt');
  const { d } = p;
  it('is capital-intensive, from C3982', () => expectType(d, 'capital-intensive', { source: 'sector', sector: 'C3982' }));
  it('is a medium enterprise', () => expectSize(d, 'medium'));
  it('is not asked about own design or sold units', () => expectNotAsked(p, [...OWN_DESIGN_ONLY, ...SOLD_UNIT_SERVICE]));
  it('ranks material planning and the supply chain (shortages, customer forecasts) in the top three', () =>
    expectSomeTopPriority(d, ['enterprise-manufacturing', 'ecosystem-manufacturing'], { within: 3 }));
  it('does not rank inspection first: AOI and SPI already feed the MES', () =>
    expectNotTopPriorities(d, ['factory-product'], { within: 1 }));
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 3, operational: true }));
  it('gets electronics cases', () => expectCasesFit(d, 'C39'));
});

describe('Sichuan precast-concrete plant, building materials', () => {
  const p = persona('sichuan-precast-concrete');
  const { d } = p;
  it('is capital-intensive, from C302', () => expectType(d, 'capital-intensive', { source: 'sector', sector: 'C302' }));
  it('is a small enterprise (fewer than 300 people)', () => expectSize(d, 'small'));
  it('is asked about emissions (mixed mode) but not about sold units or own design', () => {
    expectAsked(p, PROCESS_ONLY);
    expectNotAsked(p, [...SOLD_UNIT_SERVICE, ...OWN_DESIGN_ONLY, 'ecp-configurator']);
  });
  it('ranks moulds, curing and equipment first', () => expectTopPriorities(d, ['factory-manufacturing'], { within: 2 }));
  it('gets a first phase that changes something on the shop floor, not only enabler homework', () =>
    expectFirstPhase(d, { maxSteps: 2, operational: true }));
  it('gets building-materials cases', () => expectCasesFit(d, 'C30'));
});

describe('Anhui machining shop whose new owner does not know most answers', () => {
  const p = persona('anhui-dont-know');
  const { d } = p;
  it('is labour-intensive, from C3484', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C3484' }));
  it('is a small enterprise', () => expectSize(d, 'small'));
  it('gets status "uncertain", not a diagnosis', () => expectStatus(d, 'uncertain'));
  it('gets a find-out-first list that names whom to ask', () =>
    expectFindOutFirst(d, { atLeast: 20, askWho: ['quality', 'equipment', 'production', 'warehouse', 'it'] }));
  it('lists only what it does not know', () => {
    const unknown = Object.entries(p.file.answers).filter(([, v]) => v === 'unknown').map(([k]) => k);
    for (const f of d.findOutFirst) expect(unknown, `${f.questionId} was answered`).toContain(f.questionId);
  });
  it('has low confidence', () => expect(d.confidence).toBeLessThan(0.5));
  it('does not pronounce a maturity verdict or an indicative MIIT / GB/T 39116 level from don\'t-knows', () => {
    expect(d.overall.stage, 'overall stage ("尚无数字化支撑" from 26 unknowns)').toBeNull();
    expect(d.indicative.filter((i) => i.level !== null).map((i) => `${i.yardstick}: ${i.level}`), 'indicative levels').toEqual([]);
  });
});

describe('Hubei parts maker claiming AI practices with no records', () => {
  const p = persona('hubei-ai-claims');
  const { d } = p;
  it('is labour-intensive, from C3484', () => expectType(d, 'labor-intensive', { source: 'sector', sector: 'C3484' }));
  it('is a small enterprise', () => expectSize(d, 'small'));
  it('is flagged "AI without data" where the foundation is missing', () => {
    expectFlag(d, 'foundation', 'factory-product');
    expectFlag(d, 'foundation', 'factory-manufacturing');
    expectFlag(d, 'foundation', 'enterprise-manufacturing');
  });
  it('does not credit the claims at face value', () => {
    expectCredited(d, 'fp-quality-checks', 1);
    expectCredited(d, 'fm-dispatch', 1);
    expectCredited(d, 'em-quality-system', 1);
    expect(d.confidence).toBeLessThan(1);
  });
  it('never calls a flagged cell its strongest', () => {
    for (const f of d.flags.filter((x) => x.rule === 'foundation')) expectNotStrongest(d, cellName(f));
  });
  it('plans only foundation rungs in flagged cells', () => {
    const flagged = new Set(d.flags.filter((x) => x.rule === 'foundation').map(cellName));
    for (const s of d.roadmap) {
      if (s.cell && flagged.has(cellName(s.cell))) expect(s.toStage, `${s.id} in a flagged cell`).toBe('digital');
    }
  });
  it('gets a first phase within its capacity', () => expectFirstPhase(d, { maxSteps: 2 }));
});
