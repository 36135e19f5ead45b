import type { AnswerMap, AnswersFile, AnswerValue, Stage } from '../engine/index.ts';
import type { ValidationIssue } from '../schemas/issues.ts';

/**
 * How a diagnosis is kept in the browser (IndexedDB, or memory when storage is blocked). Every record carries
 * its format version; `migrate` reads any older version, `checkRecord` is the only way to a record that may be
 * written (the `Checked` brand): nothing reaches storage before it was checked.
 */
export const FORMAT_VERSION = 1;
export type Depth = 'quick' | 'full';

export interface Summary {
  /** Questions answered / shown, as the engine counts them (the landing page's "answered n of m"). */
  answered: number;
  total: number;
  status: 'ok' | 'insufficient' | 'uncertain' | null;
  score: number | null;
  stage: Stage | null;
}

export interface DiagnosisRecord {
  format: 'aimm-record';
  formatVersion: typeof FORMAT_VERSION;
  id: string;
  /** Diagnoses of one company share it: its history, and what a re-assessment compares with. */
  companyId: string;
  /** A name the user gave it; empty: the company's name is shown. */
  title: string;
  depth: Depth;
  file: AnswersFile;
  /**
   * When each answer, meta field, the title and the trash state last changed (ms): two tabs writing the same
   * diagnosis merge answer by answer, the later change wins, none is lost. A stamp without a value: removed.
   */
  stamps: Record<string, number>;
  position: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the last answer was given that left nothing open; null while questions are open. */
  completedAt: number | null;
  /** In the trash since; null: not in the trash. */
  deletedAt: number | null;
  /** The diagnosis this one re-assesses (its answers were the starting point). */
  previousId: string | null;
  knowledgeVersion: string | null;
  summary: Summary;
}

declare const CHECKED: unique symbol;
/** A value that went through a check: only this module makes them, and only these can be written. */
export type Checked<T> = T & { readonly [CHECKED]: true };

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
const META_FIELDS = ['company', 'assessor', 'organization', 'date'] as const;
export const MAX_TEXT = 200;
/** Far more answers than any questionnaire has: a record beyond it is not one of ours. */
const MAX_ANSWERS = 500;

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Own enumerable keys only, never a prototype's; `__proto__` as a key is kept as data, not followed. */
function entries(x: Record<string, unknown>): [string, unknown][] {
  return Object.keys(x).map((k) => [k, Object.prototype.hasOwnProperty.call(x, k) ? x[k] : undefined]);
}

const issue = (path: string, zh: string, en: string): ValidationIssue => ({ path, message: { 'zh-CN': zh, en } });

/** One answer's shape (the questionnaire checks the rest): a text, a finite number, or a short list of ids. */
export function answerShapeOk(value: unknown): value is AnswerValue {
  if (typeof value === 'string') return value.length <= 2000;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    if (value.length > 50) return false;
    const seen = new Set<string>();
    for (const v of value) {
      if (typeof v !== 'string' || v.length > 64 || seen.has(v)) return false;
      seen.add(v);
    }
    return true;
  }
  return false;
}

function safeKey(key: string): boolean {
  return ID.test(key) && key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}

/**
 * Reads an answers file as far as it can be read: what is well formed is kept, each thing that is not is
 * reported and left out. Null when it is not an answers file at all. Never recurses into the input.
 */
export function salvageFile(data: unknown, path = 'file'): { file: AnswersFile; dropped: ValidationIssue[] } | null {
  if (!isRecord(data)) return null;
  const q = data['questionnaire'];
  if (!isRecord(q) || typeof q['id'] !== 'string' || !ID.test(q['id']) || typeof q['version'] !== 'string' || !VERSION.test(q['version'])) return null;
  const dropped: ValidationIssue[] = [];
  const maps = { profile: Object.create(null) as AnswerMap, answers: Object.create(null) as AnswerMap };
  for (const group of ['profile', 'answers'] as const) {
    const map = data[group];
    if (map === undefined) continue;
    if (!isRecord(map)) {
      dropped.push(issue(`${path}.${group}`, '应为对象', 'must be an object'));
      continue;
    }
    let n = 0;
    for (const [key, value] of entries(map)) {
      if (++n > MAX_ANSWERS) {
        dropped.push(issue(`${path}.${group}`, `回答过多（超过 ${MAX_ANSWERS} 个）`, `too many answers (over ${MAX_ANSWERS})`));
        break;
      }
      if (!safeKey(key)) dropped.push(issue(`${path}.${group}`, `题目编号无效：${key.slice(0, 40)}`, `not a question id: ${key.slice(0, 40)}`));
      else if (!answerShapeOk(value)) dropped.push(issue(`${path}.${group}.${key}`, '回答的格式无法识别', 'the answer has a shape no question takes'));
      else maps[group][key] = Array.isArray(value) ? [...value] : value;
    }
  }
  const file: AnswersFile = { questionnaire: { id: q['id'], version: q['version'] }, profile: { ...maps.profile }, answers: { ...maps.answers } };
  const meta = data['meta'];
  if (isRecord(meta)) {
    const m: NonNullable<AnswersFile['meta']> = {};
    for (const [key, value] of entries(meta)) {
      if (!(META_FIELDS as readonly string[]).includes(key)) {
        dropped.push(issue(`${path}.meta.${key.slice(0, 40)}`, '不是可识别的字段', 'is not a known field'));
      } else if (typeof value !== 'string') {
        dropped.push(issue(`${path}.meta.${key}`, '应为文本', 'must be a text'));
      } else if (value.length > MAX_TEXT) {
        // Kept, shortened: a long company name is no reason to lose a diagnosis.
        m[key as (typeof META_FIELDS)[number]] = value.slice(0, MAX_TEXT);
        dropped.push(issue(`${path}.meta.${key}`, `超过 ${MAX_TEXT} 个字符，已截短`, `longer than ${MAX_TEXT} characters: shortened`));
      } else if (value) m[key as (typeof META_FIELDS)[number]] = value;
    }
    if (Object.keys(m).length) file.meta = m;
  } else if (meta !== undefined) dropped.push(issue(`${path}.meta`, '应为对象', 'must be an object'));
  return { file, dropped };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const STAGES: readonly string[] = ['none', 'digital', 'networked', 'intelligent'];

function readSummary(x: unknown): Summary {
  const s = isRecord(x) ? x : {};
  const status = s['status'] === 'ok' || s['status'] === 'insufficient' || s['status'] === 'uncertain' ? s['status'] : null;
  return {
    answered: Math.max(0, Math.floor(num(s['answered']) ?? 0)),
    total: Math.max(0, Math.floor(num(s['total']) ?? 0)),
    status,
    score: num(s['score']),
    stage: typeof s['stage'] === 'string' && STAGES.includes(s['stage']) ? (s['stage'] as Stage) : null,
  };
}

export type RecordCheck =
  | { ok: true; value: Checked<DiagnosisRecord>; dropped: ValidationIssue[] }
  | { ok: false; reason: 'unreadable' | 'future'; issues: ValidationIssue[] };

/**
 * The one door to a writable record: reads a stored (or built) record, at the current format version.
 * What can be saved is saved (a bad meta field costs that field, not the answers); a record that is not
 * one at all, or comes from a newer version of the app, is refused and must be kept aside.
 */
export function checkRecord(raw: unknown): RecordCheck {
  if (!isRecord(raw) || raw['format'] !== 'aimm-record') return { ok: false, reason: 'unreadable', issues: [issue('', '不是本工具保存的诊断', 'not a diagnosis saved by this app')] };
  const version = raw['formatVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'unreadable', issues: [issue('formatVersion', '缺少格式版本', 'the format version is missing')] };
  if (version > FORMAT_VERSION) return { ok: false, reason: 'future', issues: [issue('formatVersion', `来自更新版本的工具（格式 ${version}）`, `saved by a newer version of the app (format ${version})`)] };
  const id = raw['id'];
  if (typeof id !== 'string' || !ID.test(id)) return { ok: false, reason: 'unreadable', issues: [issue('id', '编号无效', 'the id is invalid')] };
  const depth = raw['depth'];
  if (depth !== 'quick' && depth !== 'full') return { ok: false, reason: 'unreadable', issues: [issue('depth', '诊断深度无效', 'the depth is invalid')] };
  const salvaged = salvageFile(raw['file']);
  if (!salvaged) return { ok: false, reason: 'unreadable', issues: [issue('file', '回答无法读取', 'the answers cannot be read')] };
  const dropped = [...salvaged.dropped];
  const stamps: Record<string, number> = {};
  if (isRecord(raw['stamps'])) {
    let n = 0;
    for (const [k, v] of entries(raw['stamps'])) {
      if (++n > MAX_ANSWERS * 2 + 10) break;
      const t = num(v);
      if (t !== null && k.length <= 80 && !k.startsWith('__proto__') && k !== 'constructor') stamps[k] = t;
    }
  }
  const created = num(raw['createdAt']) ?? 0;
  const text = (x: unknown): string => (typeof x === 'string' ? x.slice(0, MAX_TEXT) : '');
  const companyId = typeof raw['companyId'] === 'string' && ID.test(raw['companyId']) ? raw['companyId'] : id;
  const previousId = typeof raw['previousId'] === 'string' && ID.test(raw['previousId']) ? raw['previousId'] : null;
  const position = typeof raw['position'] === 'string' && ID.test(raw['position']) ? raw['position'] : null;
  const record: DiagnosisRecord = {
    format: 'aimm-record',
    formatVersion: FORMAT_VERSION,
    id,
    companyId,
    title: text(raw['title']),
    depth,
    file: salvaged.file,
    stamps,
    position,
    createdAt: created,
    updatedAt: num(raw['updatedAt']) ?? created,
    completedAt: num(raw['completedAt']),
    deletedAt: num(raw['deletedAt']),
    previousId,
    knowledgeVersion: typeof raw['knowledgeVersion'] === 'string' && VERSION.test(raw['knowledgeVersion']) ? raw['knowledgeVersion'] : null,
    summary: readSummary(raw['summary']),
  };
  return { ok: true, value: record as Checked<DiagnosisRecord>, dropped };
}

/** A record built in the app (a new diagnosis, an edit): checked like a stored one. Throws only on a bug. */
export function checked(record: DiagnosisRecord): Checked<DiagnosisRecord> {
  const result = checkRecord(record);
  if (!result.ok) throw new Error(`not a valid diagnosis record: ${result.issues.map((i) => i.message.en).join('; ')}`);
  return result.value;
}

/** Keys of everything that two tabs may change: each answer, each meta field, the title, the trash state. */
function keysOf(r: DiagnosisRecord): Set<string> {
  const keys = new Set<string>(Object.keys(r.stamps));
  for (const k of Object.keys(r.file.profile)) keys.add(`profile.${k}`);
  for (const k of Object.keys(r.file.answers)) keys.add(`answers.${k}`);
  for (const k of Object.keys(r.file.meta ?? {})) keys.add(`meta.${k}`);
  return keys;
}

type Field = AnswerValue | number | null | undefined;

function getField(r: DiagnosisRecord, key: string): Field {
  const dot = key.indexOf('.');
  const group = dot < 0 ? key : key.slice(0, dot);
  const name = key.slice(dot + 1);
  if (group === 'profile' || group === 'answers') return Object.prototype.hasOwnProperty.call(r.file[group], name) ? r.file[group][name] : undefined;
  if (group === 'meta') return (r.file.meta as Record<string, string> | undefined)?.[name];
  if (key === 'title') return r.title;
  if (key === 'deletedAt') return r.deletedAt;
  return undefined;
}

function setField(r: DiagnosisRecord, key: string, value: Field): void {
  const dot = key.indexOf('.');
  const group = dot < 0 ? key : key.slice(0, dot);
  const name = key.slice(dot + 1);
  if ((group === 'profile' || group === 'answers') && safeKey(name)) {
    if (value === undefined || value === null) delete r.file[group][name];
    else r.file[group][name] = value;
  } else if (group === 'meta' && (META_FIELDS as readonly string[]).includes(name)) {
    const meta: Record<string, string> = { ...(r.file.meta ?? {}) };
    if (typeof value === 'string' && value) meta[name] = value;
    else delete meta[name];
    if (Object.keys(meta).length) r.file.meta = meta;
    else delete r.file.meta;
  } else if (key === 'title') r.title = typeof value === 'string' ? value : '';
  else if (key === 'deletedAt') r.deletedAt = typeof value === 'number' ? value : null;
}

const same = (a: Field, b: Field): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Two versions of one diagnosis (the stored one and this tab's) made one: for each answer the later change
 * wins; the rest (position, summary) is this tab's. `theirs` lists what came from the stored one.
 */
export function mergeRecords(stored: DiagnosisRecord, mine: DiagnosisRecord): { record: DiagnosisRecord; theirs: string[] } {
  const out: DiagnosisRecord = structuredClone(mine);
  const theirs: string[] = [];
  for (const key of new Set([...keysOf(stored), ...keysOf(mine)])) {
    const a = stored.stamps[key] ?? 0;
    const b = mine.stamps[key] ?? 0;
    if (a > b) {
      out.stamps[key] = a;
      const value = getField(stored, key);
      if (!same(value, getField(mine, key))) theirs.push(key);
      setField(out, key, value);
    }
  }
  out.updatedAt = Math.max(stored.updatedAt, mine.updatedAt);
  out.createdAt = Math.min(stored.createdAt || mine.createdAt, mine.createdAt || stored.createdAt);
  return { record: out, theirs };
}

/** Sets one field with the time of the change: the only way the app edits a record. */
export function edit(record: DiagnosisRecord, key: string, value: Field, at: number): DiagnosisRecord {
  const out: DiagnosisRecord = structuredClone(record);
  setField(out, key, value);
  out.stamps[key] = Math.max(at, (record.stamps[key] ?? 0) + 1);
  // Moving to the trash and back is no change of the diagnosis itself: its date stays.
  if (key !== 'deletedAt') out.updatedAt = at;
  return out;
}

/** An id no other diagnosis has, safe in an address. */
export function newId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 16);
}

export function emptyRecord(depth: Depth, questionnaire: { id: string; version: string }, at: number, companyId?: string): DiagnosisRecord {
  const id = newId();
  return {
    format: 'aimm-record', formatVersion: FORMAT_VERSION, id, companyId: companyId ?? newId(), title: '', depth,
    file: { questionnaire: { ...questionnaire }, profile: {}, answers: {} },
    stamps: {}, position: null, createdAt: at, updatedAt: at, completedAt: null, deletedAt: null, previousId: null,
    knowledgeVersion: null, summary: { answered: 0, total: 0, status: null, score: null, stage: null },
  };
}

/** JSON text of anything, or null when it cannot be written out (too deep, cyclic, a BigInt). */
export function safeStringify(value: unknown, space?: number): string | null {
  try {
    return JSON.stringify(value, null, space) ?? null;
  } catch {
    return null;
  }
}

/**
 * JSON-like text of any value, however deep or cyclic, without recursion: what a set-aside item is downloaded
 * as when JSON.stringify gives up. Cycles are written "[cycle]", other non-JSON values as their type.
 */
export function textOf(value: unknown): string {
  const plain = safeStringify(value);
  if (plain !== null) return plain;
  const out: string[] = [];
  const seen = new Set<object>();
  type Step = { v: unknown } | { s: string } | { leave: object };
  const stack: Step[] = [{ v: value }];
  while (stack.length) {
    const step = stack.pop() as Step;
    if ('s' in step) {
      out.push(step.s);
      continue;
    }
    if ('leave' in step) {
      seen.delete(step.leave);
      continue;
    }
    const v = step.v;
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (typeof v === 'object') {
      if (seen.has(v)) {
        out.push('"[cycle]"');
        continue;
      }
      seen.add(v);
      const isArray = Array.isArray(v);
      const keys = isArray ? [] : Object.keys(v);
      const items: Step[] = [];
      if (isArray) (v as unknown[]).forEach((x, i) => items.push(...(i ? [{ s: ',' }] : []), { v: x }));
      else keys.forEach((k, i) => items.push({ s: `${i ? ',' : ''}${JSON.stringify(k)}:` }, { v: (v as Record<string, unknown>)[k] }));
      stack.push({ leave: v }, { s: isArray ? ']' : '}' }, ...items.reverse(), { s: isArray ? '[' : '{' });
    } else out.push(JSON.stringify(`[${typeof v}]`));
  }
  return out.join('');
}
