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

export const ORGANIZATIONS: readonly Organization[] = ['factory', 'enterprise', 'ecosystem'];
export const VALUE_FORMS: readonly ValueForm[] = ['product', 'manufacturing', 'service'];
export const STAGES: readonly Stage[] = ['none', 'digital', 'networked', 'intelligent'];
export const NEEDS: readonly Need[] = ['financing', 'talent', 'platform', 'standards', 'security', 'pilots', 'rnd'];
export const INDUSTRY_TYPES: readonly IndustryTypeId[] = ['labor-intensive', 'capital-intensive', 'technology-led', 'market-driven'];

export interface Cell {
  organization: Organization;
  value: ValueForm;
}

// ---------- Questionnaire ----------

export type QuestionType = 'single' | 'multi' | 'number' | 'text' | 'sector' | 'region' | 'industry-type';
export type SectionKind = 'profile' | 'maturity' | 'challenge' | 'readiness';

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
}

export interface Question {
  id: string;
  type: QuestionType;
  text: LocalizedText;
  help?: LocalizedText;
  cell?: Cell;
  weight?: number;
  foundation?: boolean;
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
 * Well-known profile keys: sector, industryType, employees, revenue, province, productionMode, painPoints.
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

export interface Sector {
  id: string;
  name: LocalizedText;
  /** Everyday search words beside the official name (五金, plastics …). */
  keywords?: Record<Locale, string[]>;
  industryType: IndustryTypeId;
  processIndustry: boolean;
  source: string;
}

export interface Region {
  id: string;
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
  problem: LocalizedText;
  solution: LocalizedText;
  results: LocalizedText[];
  lesson: LocalizedText;
  source: string;
}

export interface Policy {
  id: string;
  kind: 'recommendation' | 'lever' | 'programme' | 'subsidy';
  country: 'CN' | 'US' | 'DE' | 'JP';
  regions?: string[];
  title: LocalizedText;
  summary: LocalizedText;
  needs: Need[];
  cells?: Cell[];
  industryTypes?: IndustryTypeId[];
  maxEmployees?: number;
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

export interface RoadmapRecord extends Cell {
  id: string;
  stage: Exclude<Stage, 'none'>;
  actions: LocalizedText[];
  needs: Need[];
  source: string;
}

export interface Rules {
  kind: 'rules';
  version: string;
  stageThresholds: Record<Exclude<Stage, 'none'>, number>;
  minCoverage: number;
  minScoredCells: number;
  painPointBoost: number;
  prerequisiteFactor: { met: number; unmet: number };
  foundationRule: { highLevel: Level; foundationMaxLevel: Level };
  cellPrerequisites: { cell: Cell; requires: Cell; minStage: Stage }[];
  defaultTargets: CellTarget[];
  gapNeeds: Record<Exclude<Stage, 'none'>, Need[]>;
  policyScopeFactor: { domestic: number; international: number; regional: number };
  policyKindFactor: Record<Policy['kind'], number>;
  maxPriorities: number;
  maxCases: number;
  maxPolicies: number;
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
export type RoadmapFile = RecordsFile<'roadmap', RoadmapRecord>;

export type KnowledgeFile =
  | CubeFile | IndustryTypesFile | SectorsFile | RegionsFile | CasesFile | PoliciesFile
  | ChallengesFile | ImpactsFile | FieldsFile | PainPointsFile | RoadmapFile | Rules;
export type KnowledgeKind = KnowledgeFile['kind'];
export const KNOWLEDGE_KINDS: readonly KnowledgeKind[] = [
  'cube', 'industry-types', 'sectors', 'regions', 'cases', 'policies',
  'challenges', 'impacts', 'fields', 'pain-points', 'roadmap', 'rules',
];

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
  roadmap: RoadmapRecord[];
  rules: Rules;
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
  projected: boolean;
  basis: AnswerBasis[];
  reason: Reason;
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
  prerequisitesMet: boolean;
  reasons: Reason[];
}

export interface RoadmapStep extends Cell {
  id: string;
  rank: number;
  fromStage: Stage;
  toStage: Exclude<Stage, 'none'>;
  actions: LocalizedText[];
  needs: Need[];
  reason: Reason;
}

export interface Match {
  id: string;
  score: number;
  reason: Reason;
}

export interface PolicyMatch extends Match {
  needs: Need[];
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

export interface Diagnosis {
  status: 'ok' | 'insufficient';
  questionnaire: { id: string; version: string };
  knowledgeBase: { version: string };
  industryType: { id: IndustryTypeId | null; source: IndustryTypeSource; sector: string | null };
  progress: { answered: number; visible: number };
  coverage: { answered: number; scorable: number; unknown: number; notApplicable: number; ratio: number };
  confidence: number;
  overall: { score: number | null; stage: Stage | null; weightedScore: number | null; reason: Reason };
  cells: CellResult[];
  axes: { organization: AxisResult[]; value: AxisResult[] };
  flags: Flag[];
  priorities: Priority[];
  roadmap: RoadmapStep[];
  needs: NeedResult[];
  challenges: ChallengeResult[];
  painPoints: string[];
  cases: Match[];
  policies: PolicyMatch[];
  plannedSteps: string[];
}
