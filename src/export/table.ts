import type { AnswersFile, Diagnosis, Organization, ValueForm } from '../engine/index.ts';

/**
 * One row per diagnosis, for a portal's or a consultant's own analysis (CSV for Excel, JSON Lines for code):
 * the same columns in the app's export and in `aimm score --batch`. Pure: no DOM, no Node.
 */
const ORGS: Organization[] = ['factory', 'enterprise', 'ecosystem'];
const VALUES: ValueForm[] = ['product', 'manufacturing', 'service'];
const CELLS = ORGS.flatMap((o) => VALUES.map((v) => `${o}-${v}`));

export const COLUMNS = [
  'source', 'error', 'id', 'company', 'date', 'questionnaire', 'questionnaireVersion', 'knowledgeVersion', 'status',
  'overallScore', 'overallStage', 'weightedScore', 'industryType', 'sector', 'province', 'employees', 'answered', 'visible',
  ...CELLS.flatMap((c) => [`${c}.score`, `${c}.stage`]),
] as const;

export type Row = Partial<Record<(typeof COLUMNS)[number], string | number | null>>;

export interface RowInput {
  source?: string;
  id?: string;
  /** The date the answers were completed (or last changed), ISO 8601. */
  date?: string | null;
  file: AnswersFile;
  diagnosis: Diagnosis;
}

const round = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const text = (x: unknown): string | number | null => (typeof x === 'string' || typeof x === 'number' ? x : null);

export function toRow(input: RowInput): Row {
  const d = input.diagnosis;
  const row: Row = {
    source: input.source ?? null,
    error: null,
    id: input.id ?? null,
    company: input.file.meta?.company ?? null,
    date: input.date ?? input.file.meta?.date ?? null,
    questionnaire: d.questionnaire.id,
    questionnaireVersion: d.questionnaire.version,
    knowledgeVersion: d.knowledgeBase.version,
    status: d.status,
    overallScore: round(d.overall.score),
    overallStage: d.overall.stage,
    weightedScore: round(d.overall.weightedScore),
    industryType: d.industryType.id,
    sector: text(input.file.profile['sector']),
    province: text(input.file.profile['province']),
    employees: text(input.file.profile['employees']),
    answered: d.progress.answered,
    visible: d.progress.visible,
  };
  for (const c of d.cells) {
    const key = `${c.organization}-${c.value}`;
    row[`${key}.score` as keyof Row] = round(c.score);
    row[`${key}.stage` as keyof Row] = c.stage;
  }
  return row;
}

export function errorRow(source: string, message: string): Row {
  return { source, error: message };
}

/** RFC 4180: quoted when needed, quotes doubled; a leading = + - @ is defused so Excel does not run it. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`;
}
export function csvLine(row: Row): string {
  return `${COLUMNS.map((c) => cell(row[c])).join(',')}\r\n`;
}
/** UTF-8 with a byte-order mark: Excel then opens Chinese text correctly. */
export function toCsv(rows: Row[]): string {
  return `\uFEFF${csvHeader()}${rows.map(csvLine).join('')}`;
}

export function jsonLine(row: Row): string {
  const out: Record<string, unknown> = {};
  for (const c of COLUMNS) if (row[c] !== undefined && row[c] !== null) out[c] = row[c];
  return `${JSON.stringify(out)}\n`;
}
export function toJsonLines(rows: Row[]): string {
  return rows.map(jsonLine).join('');
}
