import type { Diagnosis, Organization, Stage, ValueForm } from '../../engine/index.ts';

/** What moved between two diagnoses of one company: each cell and the overall score, with both bases. */
export interface CellDelta {
  organization: Organization;
  value: ValueForm;
  before: number | null;
  after: number | null;
  /** after − before, rounded to one decimal; null when either is not scored. */
  delta: number | null;
  stageBefore: Stage | null;
  stageAfter: Stage | null;
}

export interface Comparison {
  cells: CellDelta[];
  overall: { before: number | null; after: number | null; delta: number | null; stageBefore: Stage | null; stageAfter: Stage | null };
  weighted: { before: number | null; after: number | null; delta: number | null };
  before: { questionnaire: string; version: string; knowledge: string | null; date: number };
  after: { questionnaire: string; version: string; knowledge: string | null; date: number };
  /** Same questionnaire and version, same knowledge base: the numbers compare like for like. */
  likeForLike: boolean;
  differs: { questionnaire: boolean; knowledge: boolean };
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : r1(b - a));

export interface Side {
  diagnosis: Diagnosis;
  /** The questionnaire and knowledge-base versions the answers were given on (from the saved record). */
  answeredOn: { questionnaire: string; version: string; knowledge: string | null };
  date: number;
}

export function compareDiagnoses(before: Side, after: Side): Comparison {
  const cells: CellDelta[] = after.diagnosis.cells.map((c) => {
    const b = before.diagnosis.cells.find((x) => x.organization === c.organization && x.value === c.value);
    return {
      organization: c.organization,
      value: c.value,
      before: b?.score ?? null,
      after: c.score,
      delta: diff(b?.score ?? null, c.score),
      stageBefore: b?.stage ?? null,
      stageAfter: c.stage,
    };
  });
  const q = before.answeredOn.questionnaire !== after.answeredOn.questionnaire || before.answeredOn.version !== after.answeredOn.version;
  const k = before.answeredOn.knowledge !== after.answeredOn.knowledge;
  return {
    cells,
    overall: {
      before: before.diagnosis.overall.score,
      after: after.diagnosis.overall.score,
      delta: diff(before.diagnosis.overall.score, after.diagnosis.overall.score),
      stageBefore: before.diagnosis.overall.stage,
      stageAfter: after.diagnosis.overall.stage,
    },
    weighted: {
      before: before.diagnosis.overall.weightedScore,
      after: after.diagnosis.overall.weightedScore,
      delta: diff(before.diagnosis.overall.weightedScore, after.diagnosis.overall.weightedScore),
    },
    before: { ...before.answeredOn, date: before.date },
    after: { ...after.answeredOn, date: after.date },
    likeForLike: !q && !k,
    differs: { questionnaire: q, knowledge: k },
  };
}
