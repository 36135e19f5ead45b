import type { AnswersFile, KnowledgeBase, Questionnaire } from '../engine/index.ts';
import { checkAnswers } from '../schemas/answers.ts';
import { validateWorkspaceFile } from '../schemas/generated/workspace.validator.js';
import { fromAjv, type ValidationIssue } from '../schemas/issues.ts';
import {
  checkRecord, isRecord, newId, FORMAT_VERSION, type Checked, type Depth, type DiagnosisRecord, type Summary,
} from './format.ts';

/**
 * `.aimm.json` files: one diagnosis or a whole workspace, as `src/schemas/workspace.schema.json` publishes
 * them; and today's answers files (`aimm-answers-….json`), which import as one diagnosis each.
 */
export const EXCHANGE_FORMAT_VERSION = 1;
/** Larger than a workspace of a thousand full diagnoses: refuse before reading it all. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const SCHEMA_URL = 'https://aimm.local/schemas/workspace.schema.json';

export interface ExportedDiagnosis {
  id: string;
  companyId: string;
  previousId?: string;
  title?: string;
  depth: Depth;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  knowledgeVersion?: string;
  answers: AnswersFile;
}

export interface ExchangeFile {
  $schema: string;
  kind: 'aimm-diagnosis' | 'aimm-workspace';
  formatVersion: typeof EXCHANGE_FORMAT_VERSION;
  exportedAt: string;
  diagnoses: ExportedDiagnosis[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function exportDiagnosis(r: DiagnosisRecord): ExportedDiagnosis {
  return {
    id: r.id,
    companyId: r.companyId,
    ...(r.previousId ? { previousId: r.previousId } : {}),
    ...(r.title ? { title: r.title } : {}),
    depth: r.depth,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    ...(r.completedAt !== null ? { completedAt: iso(r.completedAt) } : {}),
    ...(r.knowledgeVersion ? { knowledgeVersion: r.knowledgeVersion } : {}),
    answers: structuredClone(r.file),
  };
}

export function exportFile(records: DiagnosisRecord[], kind: ExchangeFile['kind'], at: number = Date.now()): ExchangeFile {
  return { $schema: SCHEMA_URL, kind, formatVersion: EXCHANGE_FORMAT_VERSION, exportedAt: iso(at), diagnoses: records.map(exportDiagnosis) };
}

/** `aimm-<company or "workspace">-<date>.aimm.json`, with only characters every file system accepts. */
export function exchangeFileName(label: string, date: Date = new Date()): string {
  const safe = label.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `aimm${safe ? `-${safe}` : ''}-${date.toISOString().slice(0, 10)}.aimm.json`;
}

export interface ImportContext {
  questionnaires: Record<Depth, Questionnaire>;
  knowledge: KnowledgeBase;
  existing: readonly DiagnosisRecord[];
  /** The engine's counts and scores for the list (the importer does not load the engine itself). */
  summarize: (file: AnswersFile, depth: Depth) => Summary;
  now?: number;
}

export type ImportResult =
  | { ok: true; records: Checked<DiagnosisRecord>[]; alreadyThere: number }
  | { ok: false; issues: ValidationIssue[] };

const issue = (path: string, zh: string, en: string): ValidationIssue => ({ path, message: { 'zh-CN': zh, en } });
const prefix = (base: string, issues: ValidationIssue[]): ValidationIssue[] =>
  issues.map((i) => ({ ...i, path: i.path ? `${base}.${i.path}` : base }));

function depthOf(questionnaireId: unknown): Depth | null {
  return questionnaireId === 'aimm-quick' ? 'quick' : questionnaireId === 'aimm-full' ? 'full' : null;
}

/** What kind of file this is when it is not ours, to say so plainly. */
function wrongKind(data: unknown): ValidationIssue {
  const kind = isRecord(data) ? data['kind'] : undefined;
  if (kind === 'questionnaire') return issue('kind', '这是一份问卷文件，不是诊断文件', 'this is a questionnaire file, not a diagnoses file');
  if (typeof kind === 'string') return issue('kind', `这是一个 "${kind.slice(0, 40)}" 文件，不是 AIMM 的诊断文件`, `this is a "${kind.slice(0, 40)}" file, not an AIMM diagnoses file`);
  return issue('', '这不是 AIMM 的诊断文件（.aimm.json）或答卷文件', 'this is not an AIMM diagnoses file (.aimm.json) or answers file');
}

/** Checks one diagnosis's answers against its questionnaire and the knowledge base; every problem is listed. */
function checkOne(answers: unknown, depth: Depth | null, path: string, ctx: ImportContext): ValidationIssue[] {
  const qid = isRecord(answers) && isRecord(answers['questionnaire']) ? answers['questionnaire']['id'] : undefined;
  const fileDepth = depthOf(qid);
  if (!fileDepth) {
    return [issue(`${path}.questionnaire.id`, `属于其他问卷 "${String(qid).slice(0, 64)}"，本工具只有快速扫描（aimm-quick）和完整诊断（aimm-full）`, `belongs to another questionnaire, "${String(qid).slice(0, 64)}": this app has the quick scan (aimm-quick) and the full diagnosis (aimm-full)`)];
  }
  if (depth && depth !== fileDepth) return [issue(`${path}.questionnaire.id`, `与诊断深度 "${depth}" 不符`, `does not match the depth "${depth}"`)];
  const checked = checkAnswers(answers, ctx.questionnaires[fileDepth], ctx.knowledge);
  return checked.ok ? [] : prefix(path, checked.issues);
}

const parseDate = (s: unknown, fallback: number): number => {
  const t = typeof s === 'string' ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

function sameAnswers(a: AnswersFile, b: AnswersFile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads a file the user picked. Nothing is written here: the result is the records to add, or every problem
 * found (not only the first), in both languages.
 */
export function parseImport(text: string, ctx: ImportContext): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, issues: [issue('', `文件太大（超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），不是本工具保存的文件`, `the file is too large (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB) to be one this app saved`)] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const where = /position (\d+)/.exec(String((e as Error).message))?.[1];
    return { ok: false, issues: [issue('', `文件不是有效的 JSON${where ? `（第 ${where} 个字符附近）` : ''}，可能已损坏或不完整`, `the file is not valid JSON${where ? ` (near character ${where})` : ''}: damaged or cut short`)] };
  }
  const now = ctx.now ?? Date.now();
  let items: { depth: Depth | null; answers: unknown; raw: Record<string, unknown> | null }[];
  const issues: ValidationIssue[] = [];

  if (isRecord(data) && 'kind' in data) {
    const kind = data['kind'];
    if (kind !== 'aimm-diagnosis' && kind !== 'aimm-workspace') return { ok: false, issues: [wrongKind(data)] };
    const version = data['formatVersion'];
    if (typeof version === 'number' && version > EXCHANGE_FORMAT_VERSION) {
      return { ok: false, issues: [issue('formatVersion', `文件来自更新版本的工具（格式 ${version}，本工具读到 ${EXCHANGE_FORMAT_VERSION}），请先更新本工具`, `the file comes from a newer version of the app (format ${version}; this one reads up to ${EXCHANGE_FORMAT_VERSION}): update the app first`)] };
    }
    let valid: boolean;
    try {
      valid = validateWorkspaceFile(data);
    } catch {
      return { ok: false, issues: [issue('', '文件结构嵌套过深，无法读取', 'the file is nested too deeply to be read')] };
    }
    if (!valid) {
      // Answer problems are reported below, with their questionnaire's words: keep the envelope's here.
      issues.push(...fromAjv(validateWorkspaceFile.errors).filter((i) => !/^diagnoses\[\d+\]\.answers\./.test(i.path)));
    }
    const list = Array.isArray(data['diagnoses']) ? data['diagnoses'].slice(0, 1000) : [];
    items = list.map((d) => ({
      depth: isRecord(d) && (d['depth'] === 'quick' || d['depth'] === 'full') ? d['depth'] : null,
      answers: isRecord(d) ? d['answers'] : undefined,
      raw: isRecord(d) ? d : null,
    }));
    items.forEach((item, i) => {
      if (item.raw) issues.push(...checkOne(item.answers, item.depth, `diagnoses[${i}].answers`, ctx));
    });
  } else if (isRecord(data) && 'questionnaire' in data && 'answers' in data) {
    issues.push(...checkOne(data, null, '', ctx).map((i) => ({ ...i, path: i.path.replace(/^\./, '') })));
    items = [{ depth: depthOf(isRecord(data['questionnaire']) ? data['questionnaire']['id'] : null), answers: data, raw: null }];
  } else {
    return { ok: false, issues: [wrongKind(data)] };
  }
  if (issues.length) {
    const seen = new Set<string>();
    return { ok: false, issues: issues.filter((i) => !seen.has(`${i.path}|${i.message.en}`) && seen.add(`${i.path}|${i.message.en}`)) };
  }

  // Ids stay, so that a round trip gives the same workspace; one already taken by another diagnosis is renewed.
  const taken = new Map(ctx.existing.map((r) => [r.id, r]));
  const renamed = new Map<string, string>();
  const records: Checked<DiagnosisRecord>[] = [];
  let alreadyThere = 0;
  for (const item of items) {
    const file = item.answers as AnswersFile;
    const depth = depthOf(file.questionnaire.id) as Depth;
    const raw = item.raw ?? {};
    let id = typeof raw['id'] === 'string' ? raw['id'] : newId();
    const existing = taken.get(id);
    if (existing) {
      if (sameAnswers(existing.file, file)) {
        alreadyThere++;
        continue;
      }
      const fresh = newId();
      renamed.set(id, fresh);
      id = fresh;
    }
    const created = parseDate(raw['createdAt'], now);
    const updated = parseDate(raw['updatedAt'], created);
    const stamps: Record<string, number> = {};
    for (const k of Object.keys(file.profile)) stamps[`profile.${k}`] = updated;
    for (const k of Object.keys(file.answers)) stamps[`answers.${k}`] = updated;
    for (const k of Object.keys(file.meta ?? {})) stamps[`meta.${k}`] = updated;
    const summary = ctx.summarize(file, depth);
    // A plain answers file carries no completion date: complete answers count as completed when last changed.
    const complete = summary.total > 0 && summary.answered === summary.total;
    const completedAt = raw['completedAt'] !== undefined ? parseDate(raw['completedAt'], updated) : complete ? updated : null;
    const checked = checkRecord({
      format: 'aimm-record', formatVersion: FORMAT_VERSION, id,
      companyId: typeof raw['companyId'] === 'string' ? raw['companyId'] : id,
      title: typeof raw['title'] === 'string' ? raw['title'] : '',
      depth, file: structuredClone(file), stamps, position: null, createdAt: created, updatedAt: updated,
      completedAt,
      deletedAt: null,
      previousId: typeof raw['previousId'] === 'string' ? raw['previousId'] : null,
      knowledgeVersion: typeof raw['knowledgeVersion'] === 'string' ? raw['knowledgeVersion'] : null,
      summary,
    });
    if (checked.ok) records.push(checked.value);
  }
  for (const r of records) if (r.previousId && renamed.has(r.previousId)) r.previousId = renamed.get(r.previousId) ?? r.previousId;
  return { ok: true, records, alreadyThere };
}
