import type {
  Case, Cell, EnablerId, EnablerRecord, IndustryType, IndustryTypeId, KnowledgeBase, LocalizedText, PainPoint, Policy,
  Scenario, Stage,
} from './types.ts';
import { ENABLERS, INDUSTRY_TYPES, NEEDS, POLICY_GROUPS } from './types.ts';
import { CELLS, cellIndex, cellMask, sameCell } from './cells.ts';

/**
 * Lookup tables derived from a knowledge base. The engine scores many answer sets against the same knowledge
 * base, so what the rules would otherwise find by scanning arrays on every diagnosis is looked up once here, by
 * position in CELLS (0–8) or by id. Every table keeps the first record when ids repeat, as `find` would.
 */
export interface Prepared {
  /** The cube's name of each cell, by position in CELLS. */
  cellNames: LocalizedText[];
  stageNames: Map<string, LocalizedText>;
  industryTypes: Map<string, PreparedIndustryType>;
  /** The target of each cell when no industry type is known (`rules.defaultTargets`). */
  defaultTargets: Stage[];
  /** Each pain point with the cells it points at; `primary` is the first listed, where the loss is felt. */
  painPoints: Map<string, { record: PainPoint; cells: number; primary: number }>;
  regionNames: Map<string, LocalizedText>;
  /** `rules.cellPrerequisites` in their order, cells as positions in CELLS. */
  prerequisites: Prerequisite[];
  /** The prerequisites of each cell, by position in CELLS. */
  prerequisitesOf: Prerequisite[][];
  /** The scenario catalogue, in its order (ties in the roadmap keep it). */
  scenarios: Scenario[];
  cases: PreparedCase[];
  policies: PreparedPolicy[];
  /** Enabler records by position in ENABLERS (undefined when the knowledge base lacks one). */
  enablers: (EnablerRecord | undefined)[];
  /** `rules.enablerGates` with the enabler as a position in ENABLERS and the cells as a mask. */
  gates: PreparedGate[];
  roleNames: Map<string, LocalizedText>;
  sectorNames: Map<string, LocalizedText>;
}

export interface PreparedGate {
  enabler: number;
  enablerId: EnablerId;
  minStage: Stage;
  maxStage: Stage;
  cells: number;
  reason: LocalizedText;
}

export interface PreparedIndustryType {
  record: IndustryType;
  /** Weight and target of each cell, by position in CELLS. */
  weights: number[];
  targets: Stage[];
}

export interface Prerequisite {
  cell: number;
  question: string;
  minLevel: number;
  reason: LocalizedText;
}

/** A case or policy with the cells it names as a mask and its place in id order (ties broken by id). */
export interface Ordered<R> {
  record: R;
  cells: number;
  order: number;
}

/** Industry types as a mask over INDUSTRY_TYPES positions (see `typeBit`). */
export interface PreparedCase extends Ordered<Case> {
  types: number;
}

/**
 * A policy with its optional fields made explicit: policies differ in which fields they carry, and reading them
 * through one object shape keeps the matching loop fast.
 */
export interface PreparedPolicy extends Ordered<Policy> {
  group: number;
  /** Province codes and city codes it names (empty: nationwide). */
  provinces: string[];
  cities: string[];
  sectors: string[] | null;
  /** The industry types it is limited to, as a mask (0: any). */
  types: number;
  minEmployees: number | null;
  maxEmployees: number | null;
  maxRevenue: number | null;
  minStage: Stage | null;
  miitLevel: number | null;
  sme: boolean;
  validFrom: string | null;
  validUntil: string | null;
  /** Positions in NEEDS of the policy's needs, in its order. */
  needIndexes: number[];
  domestic: boolean;
  kindFactor: number;
}

const cache = new WeakMap<KnowledgeBase, Prepared>();

export function prepare(kb: KnowledgeBase): Prepared {
  let prepared = cache.get(kb);
  if (!prepared) {
    prepared = build(kb);
    cache.set(kb, prepared);
  }
  return prepared;
}

function build(kb: KnowledgeBase): Prepared {
  const rules = kb.rules;
  const prerequisites = rules.cellPrerequisites.map((p) => ({
    cell: cellIndex(p.cell),
    question: p.requires.question,
    minLevel: p.requires.minLevel,
    reason: p.reason,
  }));
  return {
    cellNames: CELLS.map((cell) => kb.cube.cells.find((c) => sameCell(c, cell))?.name ?? { 'zh-CN': `${cell.organization}-${cell.value}`, en: `${cell.organization}-${cell.value}` }),
    stageNames: firstById(kb.cube.stages, (s) => s.name),
    industryTypes: firstById(kb.industryTypes, (record) => ({
      record,
      weights: CELLS.map((cell) => record.weights.find((w) => sameCell(w, cell))?.weight ?? 1),
      targets: targetsOf(record.targets),
    })),
    defaultTargets: targetsOf(rules.defaultTargets),
    painPoints: firstById(kb.painPoints, (record) => ({ record, cells: cellMask(record.cells), primary: record.cells[0] ? cellIndex(record.cells[0]) : -1 })),
    regionNames: firstById(kb.regions, (r) => r.name),
    prerequisites,
    prerequisitesOf: CELLS.map((_, i) => prerequisites.filter((p) => p.cell === i)),
    scenarios: kb.scenarios,
    cases: ordered(kb.cases, (c) => c.cells).map((c) => ({ ...c, types: typeMask(c.record.industryTypes) })),
    policies: ordered(kb.policies, (p) => p.cells ?? []).map(({ record, cells, order }) => {
      const e = record.eligibility ?? {};
      const regions = e.regions ?? [];
      const sectors = e.sectors && !e.sectors.includes('C') ? e.sectors : null;
      return {
        record,
        cells,
        order,
        group: POLICY_GROUPS.indexOf(record.group),
        provinces: regions.filter((r) => r.length === 2),
        cities: regions.filter((r) => r.length > 2),
        sectors,
        types: typeMask(record.industryTypes ?? []),
        minEmployees: e.minEmployees ?? null,
        maxEmployees: e.maxEmployees ?? null,
        maxRevenue: e.maxRevenue ?? null,
        minStage: e.minStage ?? null,
        miitLevel: e.miitLevel ?? null,
        sme: e.sme === true,
        validFrom: record.validFrom ?? null,
        validUntil: record.validUntil ?? null,
        needIndexes: record.needs.map((n) => NEEDS.indexOf(n)),
        domestic: record.country === 'CN',
        kindFactor: rules.policyKindFactor[record.kind],
      };
    }),
    enablers: ENABLERS.map((id) => kb.enablers.find((e) => e.id === id)),
    gates: rules.enablerGates.map((g) => ({
      enabler: ENABLERS.indexOf(g.enabler),
      enablerId: g.enabler,
      minStage: g.minStage,
      maxStage: g.maxStage,
      cells: cellMask(g.cells),
      reason: g.reason,
    })),
    roleNames: firstById(kb.roles, (r) => r.name),
    sectorNames: firstById(kb.sectors, (r) => r.name),
  };
}

/** The bit of an industry type in the masks above; 0 for none. */
export function typeBit(type: string | null): number {
  const i = type === null ? -1 : INDUSTRY_TYPES.indexOf(type as IndustryTypeId);
  return i < 0 ? 0 : 1 << i;
}

function typeMask(types: readonly string[]): number {
  let mask = 0;
  for (const type of types) mask |= typeBit(type);
  return mask;
}

function targetsOf(targets: readonly (Cell & { stage: Stage })[]): Stage[] {
  return CELLS.map((cell) => targets.find((t) => sameCell(t, cell))?.stage ?? 'networked');
}

function firstById<R extends { id: string }, V>(records: readonly R[], value: (record: R) => V): Map<string, V> {
  const map = new Map<string, V>();
  for (const record of records) if (!map.has(record.id)) map.set(record.id, value(record));
  return map;
}

/** Ranks records by `localeCompare` of their ids once, so sorting results needs no string comparison. */
function ordered<R extends { id: string }>(records: readonly R[], cells: (record: R) => Cell[]): Ordered<R>[] {
  const byId = records.map((_, i) => i).sort((a, b) => (records[a] as R).id.localeCompare((records[b] as R).id));
  const order: number[] = [];
  byId.forEach((i, k) => {
    const previous = byId[k - 1];
    const tie = previous !== undefined && (records[previous] as R).id.localeCompare((records[i] as R).id) === 0;
    order[i] = tie ? (order[previous] as number) : k;
  });
  return records.map((record, i) => ({ record, cells: cellMask(cells(record)), order: order[i] as number }));
}
