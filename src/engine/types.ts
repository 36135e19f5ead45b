import type { PackOrigin } from './packs.ts';

/**
 * The engine's public types: its whole contract with the app and the CLI.
 * They mirror the JSON Schemas in src/schemas/, which validate the data before it reaches the engine.
 */

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** A text in both languages; always rendered as plain text. */
export type LocalizedText = Record<Locale, string>;

export type Organization = 'factory' | 'enterprise' | 'ecosystem';
export type ValueForm = 'product' | 'manufacturing' | 'service';
export type Stage = 'none' | 'digital' | 'networked' | 'intelligent';
export type Level = 0 | 1 | 2 | 3;
export type Need = 'financing' | 'talent' | 'platform' | 'standards' | 'security' | 'pilots' | 'rnd';
export type IndustryTypeId = 'labor-intensive' | 'capital-intensive' | 'technology-led' | 'market-driven';
/** Capabilities outside the cube that the cells stand on (as SIRI scores Organisation apart from Process and Technology). */
export type EnablerId = 'data' | 'ot-security' | 'organisation';
/** Who in a company would know an answer: used to say whom to ask when too much is "don't know". */
export type RoleId =
  | 'owner' | 'production' | 'quality' | 'equipment' | 'it' | 'finance' | 'sales' | 'purchasing' | 'warehouse' | 'rnd' | 'ehs' | 'hr';
/** The national SME size classes for industry (工信部联企业〔2011〕300号), plus large. */
export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

export const ORGANIZATIONS: readonly Organization[] = ['factory', 'enterprise', 'ecosystem'];
export const VALUE_FORMS: readonly ValueForm[] = ['product', 'manufacturing', 'service'];
export const STAGES: readonly Stage[] = ['none', 'digital', 'networked', 'intelligent'];
export const NEEDS: readonly Need[] = ['financing', 'talent', 'platform', 'standards', 'security', 'pilots', 'rnd'];
export const INDUSTRY_TYPES: readonly IndustryTypeId[] = ['labor-intensive', 'capital-intensive', 'technology-led', 'market-driven'];
export const ENABLERS: readonly EnablerId[] = ['data', 'ot-security', 'organisation'];
export const ROLES: readonly RoleId[] = ['owner', 'production', 'quality', 'equipment', 'it', 'finance', 'sales', 'purchasing', 'warehouse', 'rnd', 'ehs', 'hr'];
export const SIZE_CLASSES: readonly SizeClass[] = ['micro', 'small', 'medium', 'large'];

export interface Cell {
  organization: Organization;
  value: ValueForm;
}

// ---------- Questionnaire ----------

/** `city`: a city of the chosen province from the regions data (`seeds/regions.json`), or the question's own "other" option. */
export type QuestionType = 'single' | 'multi' | 'number' | 'text' | 'sector' | 'region' | 'city' | 'industry-type';
export type SectionKind = 'profile' | 'maturity' | 'enabler' | 'outcome' | 'challenge' | 'readiness';

export type Condition =
  | { question: string; in: string[] }
  | { question: string; min?: number; max?: number }
  | { industryType: IndustryTypeId[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface Option {
  id: string;
  text: LocalizedText;
  help?: LocalizedText;
  level?: Level;
  special?: 'na' | 'unknown';
  needs?: Need[];
  challenges?: string[];
  painPoint?: string;
  exclusive?: boolean;
  /** On an outcome band: the cells whose priority this figure raises, and by how much. */
  outcomeEffect?: OutcomeEffect;
  /** How many roadmap steps the company can carry at once, as this answer suggests (the smallest given wins). */
  capacity?: number;
  /** On a revenue band: last year's revenue in 万元 (CNY 10,000), for the size class. */
  range?: { min?: number; max?: number };
}

export interface OutcomeEffect {
  cells: Cell[];
  /** 1–1.5; the product over all figures is capped by `rules.outcomeFactorMax`. */
  factor: number;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: LocalizedText;
  /** A short name for the question in reports (e.g. 准时交付率), where the full question would be too long. */
  label?: LocalizedText;
  help?: LocalizedText;
  cell?: Cell;
  /** An enabler question's capability (enabler sections only). */
  enabler?: EnablerId;
  /** Who in the company would know the answer. */
  askWho?: RoleId;
  weight?: number;
  foundation?: boolean;
  /**
   * The practices (question ids) this question's higher rungs stand on: its claim is credited at most
   * `foundationCap.maxAbove` rungs above the lowest of their answers. Default: the cell's foundation question;
   * an empty list: nothing in particular.
   */
  standsOn?: string[];
  required?: boolean;
  min?: number;
  max?: number;
  unit?: LocalizedText;
  maxSelect?: number;
  visibleIf?: Condition;
  options?: Option[];
}

export interface Section {
  id: string;
  kind: SectionKind;
  title: LocalizedText;
  description?: LocalizedText;
  questions: Question[];
}

export interface Questionnaire {
  kind: 'questionnaire';
  id: string;
  version: string;
  depth: 'quick' | 'full';
  title: LocalizedText;
  description: LocalizedText;
  estimatedMinutes: number;
  sections: Section[];
}

// ---------- Answers ----------

export type AnswerValue = string | number | string[];
export type AnswerMap = Record<string, AnswerValue>;

/**
 * What a user gave. Profile answers (the profile section) live in `profile`, the rest in `answers`.
 * Well-known profile keys: sector, industryType, employees, revenue, province, productionMode, orderType,
 * ownDesign, afterSales, painPoints.
 */
export interface AnswersFile {
  questionnaire: { id: string; version: string };
  profile: AnswerMap;
  answers: AnswerMap;
  meta?: { company?: string; assessor?: string; organization?: string; date?: string };
}

// ---------- Knowledge base ----------

export interface AxisValue {
  id: string;
  name: LocalizedText;
  keyword: LocalizedText;
  description: LocalizedText;
  source: string;
}
export interface Axis {
  name: LocalizedText;
  description: LocalizedText;
  values: AxisValue[];
}
export interface StageRecord {
  id: Stage;
  level: Level;
  name: LocalizedText;
  keyword: LocalizedText;
  description: LocalizedText;
  source: string;
}
export interface CellRecord extends Cell {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  topics: LocalizedText[];
  source: string;
}
export interface CubeFile {
  kind: 'cube';
  version: string;
  name: LocalizedText;
  description: LocalizedText;
  source: string;
  axes: { paradigm: Axis; organization: Axis; value: Axis };
  stages: StageRecord[];
  cells: CellRecord[];
}

export interface CellWeight extends Cell { weight: number }
export interface CellTarget extends Cell { stage: Stage }

export interface IndustryType {
  id: IndustryTypeId;
  name: LocalizedText;
  traits: LocalizedText;
  typicalIndustries: LocalizedText;
  bottleneck: LocalizedText;
  aiRole: LocalizedText;
  weightRationale: LocalizedText;
  weights: CellWeight[];
  targets: CellTarget[];
  source: string;
}

export interface SectorBlend {
  industryType: IndustryTypeId;
  share: number;
}

/**
 * A GB/T 4754-2017 division (C13), group (C384) or class (C3841). Groups and classes are listed where a division
 * mixes industry types; `blend` is set where a class itself does.
 */
export interface Sector {
  id: string;
  parent?: string;
  name: LocalizedText;
  /** Everyday search words beside the official name (五金, plastics …). */
  keywords?: Record<Locale, string[]>;
  industryType: IndustryTypeId;
  blend?: SectorBlend[];
  /** Why this sector gets its type, in plain words. */
  typeReason?: LocalizedText;
  processIndustry: boolean;
  source: string;
}

export interface Region {
  id: string;
  /** A city's province. */
  parent?: string;
  name: LocalizedText;
  source: string;
}

export type ValueChainStage = 'rnd' | 'production' | 'quality' | 'supply-chain' | 'operations' | 'platform' | 'service';

export interface Case {
  id: string;
  company: LocalizedText;
  title: LocalizedText;
  valueChainStage: ValueChainStage;
  cells: Cell[];
  industryTypes: IndustryTypeId[];
  stage: Stage;
  /** GB/T 4754 codes of the company's business, the most specific known. */
  sectors: string[];
  sizeBand: SizeClass | 'unknown';
  /** The year the case was published or reported. */
  year?: number;
  /** enterprise: the company's own case (or one published about it); vendor: a provider's story about its offering. */
  provider: 'enterprise' | 'vendor';
  /** The practice it shows, in a line. */
  practice: LocalizedText;
  problem: LocalizedText;
  solution: LocalizedText;
  results: LocalizedText[];
  lesson: LocalizedText;
  source: string;
}

/**
 * programme: what a company can apply for (national, provincial, city); offering: an operator's or vendor's
 * service, labelled as such; background: national strategy, the report's advice to government, foreign practice.
 */
export type PolicyGroup = 'programme' | 'offering' | 'background';
export const POLICY_GROUPS: readonly PolicyGroup[] = ['programme', 'offering', 'background'];
export type PolicyKind =
  | 'programme' | 'subsidy' | 'recognition' | 'loan' | 'recommendation' | 'lever' | 'strategy' | 'offering';

/** Who may apply: every field left out means "no limit". */
export interface Eligibility {
  /** Province (GB/T 2260, two digits) or city (four digits) codes. */
  regions?: string[];
  /** GB/T 4754 codes; "C" is all of manufacturing. */
  sectors?: string[];
  minEmployees?: number;
  maxEmployees?: number;
  /** In 万元. */
  maxRevenue?: number;
  /** The stage the company's overall result must reach (e.g. a programme asking for GB/T 39116 level 2). */
  minStage?: Exclude<Stage, 'none'>;
  /** The MIIT SME digital level required (1–4). */
  miitLevel?: number;
  /** Small and medium enterprises only (national size classes). */
  sme?: boolean;
}

export interface Policy {
  id: string;
  group: PolicyGroup;
  kind: PolicyKind;
  country: 'CN' | 'US' | 'DE' | 'JP';
  issuer?: LocalizedText;
  documentNo?: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** What it gives, exactly as the source states it. */
  benefit?: LocalizedText;
  eligibility?: Eligibility;
  /** ISO dates; a programme is shown only on report dates within them. */
  validFrom?: string;
  validUntil?: string;
  needs: Need[];
  cells?: Cell[];
  industryTypes?: IndustryTypeId[];
  url?: string;
  source: string;
}

export interface NamedRecord {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  points: LocalizedText[];
  needs?: Need[];
  source: string;
}

export interface PainPoint {
  id: string;
  name: LocalizedText;
  cells: Cell[];
  source: string;
}

/** How much a step takes, by a published rule (rules.effortClasses). */
export type Effort = 'no-new-system' | 'one-system' | 'integration';
export const EFFORTS: readonly Effort[] = ['no-new-system', 'one-system', 'integration'];
/** now: the first months; next: 6–12 months; later: 12–24 months (names and spans in rules.phases). */
export type Phase = 'now' | 'next' | 'later';
export const PHASES: readonly Phase[] = ['now', 'next', 'later'];

/** What fires a scenario: a weak answer, a pain point, or an outcome band. */
export type ScenarioTrigger =
  | { question: string; maxLevel: Level }
  | { painPoint: string }
  | { outcome: string; in: string[] };

/** Whom a scenario fits; every filter given must match the profile. */
export interface ScenarioFit {
  sectors?: string[];
  orderTypes?: string[];
  productionModes?: string[];
  ownDesign?: string[];
  afterSales?: string[];
  sizes?: SizeClass[];
}

/**
 * One concrete improvement a consultant would put on a roadmap: triggered by specific weak answers, standing
 * on practices already in place, reaching one rung of its cell (or enabler), with the KPI to baseline first.
 */
export interface Scenario {
  id: string;
  cell?: Cell;
  enabler?: EnablerId;
  stage: Exclude<Stage, 'none'>;
  title: LocalizedText;
  solution: LocalizedText;
  kpi: LocalizedText;
  effort: Effort;
  triggers: ScenarioTrigger[];
  requires: { question: string; minLevel: Level }[];
  fits?: ScenarioFit;
  /** Left out when any of these fires (e.g. energy work where energy is a small share of cost). */
  skipIf?: ScenarioTrigger[];
  cases: string[];
  needs: Need[];
  source: string;
}

export interface EnablerRecord {
  id: EnablerId;
  name: LocalizedText;
  description: LocalizedText;
  source: string;
}

/** A job title the app names to say whom to ask: vocabulary, not facts, so it carries no source. */
export interface RoleRecord {
  id: RoleId;
  name: LocalizedText;
}

/** A public yardstick the users know, and how our overall score maps onto it (indicatively). */
export interface Yardstick {
  id: string;
  name: LocalizedText;
  /** What the mapping is and is not. */
  note: LocalizedText;
  /** Levels in ascending order; the last whose minScore the overall score reaches applies. */
  levels: { id: string; name: LocalizedText; minScore: number }[];
  source: string;
}

/** An enabler too weak for a rung: cells may not be planned beyond `maxStage` until it reaches `minStage`. */
export interface EnablerGate {
  enabler: EnablerId;
  minStage: Exclude<Stage, 'none'>;
  cells: Cell[];
  /** The highest rung a gated cell may be planned to while the enabler is below `minStage`. */
  maxStage: Stage;
  reason: LocalizedText;
}

/** A national SME size class: the first whose minima both employees and revenue reach applies. */
export interface SizeClassRule {
  id: SizeClass;
  minEmployees: number;
  /** In 万元 (CNY 10,000). */
  minRevenue: number;
}

export interface TargetRaise {
  when: Condition;
  cells: Cell[];
  minStage: Exclude<Stage, 'none'>;
  /** The cells weigh at least this much while the condition holds. */
  minWeight?: number;
  /**
   * Where the owner also names a pain point felt first in one of these cells, the climb past its target counts
   * at this factor instead of `painStretchFactor`: this is where the company competes and where it says it hurts.
   */
  stretchFactor?: number;
  reason: LocalizedText;
}

/**
 * While the profile condition holds, these pain points and outcome figures also point at these cells, with full
 * effect (e.g. in engineer-to-order work every order passes through design, so late orders are partly design's).
 */
export interface ProfileLink {
  when: Condition;
  cells: Cell[];
  painPoints: string[];
  outcomes: string[];
  reason: LocalizedText;
}

export interface CellPrerequisite {
  cell: Cell;
  requires: { question: string; minLevel: Level };
  reason: LocalizedText;
}

export interface Rules {
  kind: 'rules';
  version: string;
  stageThresholds: Record<Exclude<Stage, 'none'>, number>;
  minCoverage: number;
  minScoredCells: number;
  painPointBoost: number;
  prerequisiteFactor: { met: number; unmet: number };
  /**
   * Claims are credited at most `maxAbove` rungs above the cell's foundation answer; a capped answer counts
   * `confidenceWeight` towards confidence instead of 1.
   */
  foundationCap: { maxAbove: number; confidenceWeight: number };
  /** At or above this share of "don't know" among the answers, no priorities are given: find out first. */
  maxUnknownShare: number;
  enablerGates: EnablerGate[];
  /** The most the outcome figures together may multiply a cell's priority by. */
  outcomeFactorMax: number;
  /** Roadmap steps per phase when no answer says how many the company can carry. */
  defaultCapacity: number;
  /** Each effort class with its published rule, its usual span, and how much it weighs on the roadmap (quick wins first). */
  effortClasses: Record<Effort, { name: LocalizedText; rule: LocalizedText; months: [number, number]; weight: number }>;
  phases: Record<Phase, { name: LocalizedText; months: [number, number] }>;
  /**
   * A cell already at its target still becomes a priority when a pain point or an outcome figure points at it:
   * its gap is then the way to the next rung, times this factor.
   */
  painStretchFactor: number;
  /**
   * A pain point or an outcome figure weighs fully on the first cell it lists, where the loss is felt, and this
   * share of its effect on the other cells it lists (so a cell many of them touch in passing is not counted as
   * the home of every loss).
   */
  secondaryLinkShare: number;
  /** Pain points and figures that also point at a cell for some kinds of business (see ProfileLink). */
  profileLinks: ProfileLink[];
  /** Targets raised by what the profile says (e.g. service after the sale matters to those who sell equipment). */
  targetRaises: TargetRaise[];
  /** A scenario of the company's own sector weighs this much more than a generic one. */
  scenarioSectorFactor: number;
  /** A scenario a pain point or an outcome figure fired weighs this much more. */
  scenarioSignalFactor: number;
  /** A foundation step that holds a priority back weighs this much more than that priority. */
  foundationFirstFactor: number;
  sizeClasses: SizeClassRule[];
  /** A cell's next rung stands on a practice elsewhere (a question at a minimum rung), for the stated reason. */
  cellPrerequisites: CellPrerequisite[];
  defaultTargets: CellTarget[];
  /** Needs a roadmap step implies by the rung it climbs to. */
  gapNeeds: Record<Exclude<Stage, 'none'>, Need[]>;
  policyScopeFactor: { domestic: number; international: number; regional: number; city: number };
  policyKindFactor: Record<PolicyKind, number>;
  /** A programme the company is not yet eligible for ranks this much lower. */
  policyGapFactor: number;
  maxPriorities: number;
  maxCases: number;
  maxPolicies: Record<PolicyGroup, number>;
  source: string;
}

interface RecordsFile<K extends string, R> {
  kind: K;
  version: string;
  records: R[];
}
export type IndustryTypesFile = RecordsFile<'industry-types', IndustryType>;
export type SectorsFile = RecordsFile<'sectors', Sector>;
export type RegionsFile = RecordsFile<'regions', Region>;
export type CasesFile = RecordsFile<'cases', Case>;
export type PoliciesFile = RecordsFile<'policies', Policy>;
export type ChallengesFile = RecordsFile<'challenges', NamedRecord>;
export type ImpactsFile = RecordsFile<'impacts', NamedRecord>;
export type FieldsFile = RecordsFile<'fields', NamedRecord>;
export type PainPointsFile = RecordsFile<'pain-points', PainPoint>;
export type ScenariosFile = RecordsFile<'scenarios', Scenario>;
export type EnablersFile = RecordsFile<'enablers', EnablerRecord>;
export type RolesFile = RecordsFile<'roles', RoleRecord>;
export type YardsticksFile = RecordsFile<'yardsticks', Yardstick>;

export type KnowledgeFile =
  | CubeFile | IndustryTypesFile | SectorsFile | RegionsFile | CasesFile | PoliciesFile
  | ChallengesFile | ImpactsFile | FieldsFile | PainPointsFile | ScenariosFile | EnablersFile | RolesFile | YardsticksFile | Rules;
export type KnowledgeKind = KnowledgeFile['kind'];
export const KNOWLEDGE_KINDS: readonly KnowledgeKind[] = [
  'cube', 'industry-types', 'sectors', 'regions', 'cases', 'policies',
  'challenges', 'impacts', 'fields', 'pain-points', 'scenarios', 'enablers', 'roles', 'yardsticks', 'rules',
];

/** The knowledge files the questions themselves need (sector search, industry type, province): loaded first. */
export const QUESTION_KINDS = ['industry-types', 'sectors', 'regions'] as const satisfies readonly KnowledgeKind[];

/** The part of the knowledge base the question screens need; the rest (cases, policies, …) is the report's. */
export type QuestionKnowledge = Pick<KnowledgeBase, 'version' | 'industryTypes' | 'sectors' | 'regions'>;

/** The whole knowledge base, assembled from the files in seeds/. */
export interface KnowledgeBase {
  version: string;
  cube: CubeFile;
  industryTypes: IndustryType[];
  sectors: Sector[];
  regions: Region[];
  cases: Case[];
  policies: Policy[];
  challenges: NamedRecord[];
  impacts: NamedRecord[];
  fields: NamedRecord[];
  painPoints: PainPoint[];
  scenarios: Scenario[];
  enablers: EnablerRecord[];
  roles: RoleRecord[];
  yardsticks: Yardstick[];
  rules: Rules;
  /** The programme packs merged in at run time (applyProgrammePack), in order; absent for the built-in data. */
  packs?: PackOrigin[];
}

// ---------- Result ----------

/** Why the engine decided something: the rule, the answers behind it, and a sentence in both languages. */
export interface Reason {
  rule: string;
  text: LocalizedText;
  answers: string[];
}

/** One answer as the engine used it. */
export interface AnswerBasis {
  questionId: string;
  optionId: string;
  level: Level | null;
  special?: 'na' | 'unknown';
  /** The rung credited when the claim was capped by the cell's foundation (below `level`). */
  credited?: Level;
}

export interface CellResult extends Cell {
  score: number | null;
  stage: Stage | null;
  weight: number;
  target: Stage;
  answered: number;
  visible: number;
  unknown: number;
  notApplicable: number;
  /** Answers credited below their claim because the foundation does not carry them. */
  capped: number;
  projected: boolean;
  basis: AnswerBasis[];
  reason: Reason;
}

export interface EnablerResult {
  id: EnablerId;
  score: number | null;
  stage: Stage | null;
  answered: number;
  visible: number;
  unknown: number;
  basis: AnswerBasis[];
  reason: Reason;
}

/** An outcome figure the user gave that raised a priority. */
export interface OutcomeHit {
  questionId: string;
  optionId: string;
  factor: number;
}

export interface AxisResult {
  id: string;
  score: number | null;
  stage: Stage | null;
}

export interface Priority extends Cell {
  rank: number;
  score: number;
  stage: Stage;
  target: Stage;
  nextStage: Exclude<Stage, 'none'>;
  gap: number;
  weight: number;
  priorityScore: number;
  painPoints: string[];
  outcomes: OutcomeHit[];
  prerequisitesMet: boolean;
  /** Enablers too weak for the next rung: the roadmap builds them first and holds this cell back. */
  blockedBy: EnablerId[];
  /** Only foundation work for this cell for now (its claims were capped, or a practice it stands on is missing). */
  foundationOnly: boolean;
  /** The numbers behind priorityScore (gap × weight × pain × prerequisites × outcomes), for the details. */
  factors: { gap: number; weight: number; pain: number; prerequisites: number; outcomes: number };
  reasons: Reason[];
}

/** A scenario on the roadmap: when, what it reaches, what must come first, and why it was chosen. */
export interface RoadmapStep {
  /** The scenario's id. */
  id: string;
  /** Position on the roadmap, from 1. */
  order: number;
  phase: Phase;
  /** The cell it lifts, or null for an enabler step (a foundation outside the cube). */
  cell: Cell | null;
  enabler: EnablerId | null;
  fromStage: Stage;
  toStage: Exclude<Stage, 'none'>;
  /** The rank of the cell's priority, when the cell is one. */
  priority: number | null;
  effort: Effort;
  title: LocalizedText;
  solution: LocalizedText;
  kpi: LocalizedText;
  /** Roadmap steps that must be done first (their ids). */
  after: string[];
  cases: string[];
  needs: Need[];
  reason: Reason;
}

/** A question to settle before a diagnosis can be trusted, and who in the company would know. */
export interface FindOut {
  questionId: string;
  askWho: RoleId | null;
}

export interface Match {
  id: string;
  score: number;
  reason: Reason;
}

/** eligible: every stated condition is met; conditional: one cannot be told from the answers (city, size); gap: the company is not there yet. */
export type EligibilityStatus = 'eligible' | 'conditional' | 'gap';

export interface PolicyMatch extends Match {
  group: PolicyGroup;
  needs: Need[];
  /** For programmes: how the company stands against the eligibility; null for offerings and background. */
  status: EligibilityStatus | null;
}

export interface NeedResult {
  id: Need;
  answers: string[];
  cells: Cell[];
}

export interface Flag extends Cell {
  rule: 'foundation' | 'prerequisite';
  reason: Reason;
}

export interface ChallengeResult {
  id: string;
  answers: string[];
}

export type IndustryTypeSource = 'profile' | 'sector' | 'none';

export interface IndustryTypeResult {
  id: IndustryTypeId | null;
  source: IndustryTypeSource;
  sector: string | null;
  /** The sector's mix of types when its class mixes them (source "sector" only); the weights blend by share. */
  blend: SectorBlend[] | null;
  /** Why the sector implies this type (source "sector" only). */
  reason: LocalizedText | null;
}

export interface SizeResult {
  class: SizeClass | null;
  employees: number | null;
  /** The revenue band's range in 万元, when given. */
  revenue: { min?: number; max?: number } | null;
  reason: Reason;
}

export interface IndicativeLevel {
  yardstick: string;
  level: string | null;
  score: number | null;
}
export interface Diagnosis {
  /** ok; insufficient: too few answers; uncertain: too many "don't know" — find out first. */
  status: 'ok' | 'insufficient' | 'uncertain';
  questionnaire: { id: string; version: string; depth: 'quick' | 'full' };
  knowledgeBase: { version: string };
  industryType: IndustryTypeResult;
  size: SizeResult;
  progress: { answered: number; visible: number };
  coverage: { answered: number; scorable: number; unknown: number; notApplicable: number; ratio: number };
  confidence: number;
  overall: { score: number | null; stage: Stage | null; weightedScore: number | null; reason: Reason };
  cells: CellResult[];
  axes: { organization: AxisResult[]; value: AxisResult[] };
  enablers: EnablerResult[];
  flags: Flag[];
  /** The questions to settle first when status is "uncertain" (otherwise empty). */
  findOutFirst: FindOut[];
  priorities: Priority[];
  /** How many steps each phase of the roadmap holds, and the answers that said so. */
  capacity: { steps: number; answers: string[] };
  roadmap: RoadmapStep[];
  needs: NeedResult[];
  challenges: ChallengeResult[];
  painPoints: string[];
  cases: Match[];
  policies: PolicyMatch[];
  indicative: IndicativeLevel[];
  plannedSteps: string[];
}
