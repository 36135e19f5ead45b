import type { ErrorObject } from 'ajv';
import type { Locale, LocalizedText } from '../engine/index.ts';

/** One thing wrong with a file: where (a JSON path a person can follow) and what, in both languages. */
export interface ValidationIssue {
  path: string;
  message: LocalizedText;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** `/sections/1/questions/3/level` → `sections[1].questions[3].level` */
export function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function joinPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A value nested thousands of levels deep (or otherwise not writable): say what it is, not what it holds.
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : '…';
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: { 'zh-CN': '文本', en: 'a text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  integer: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是/否', en: 'true or false' },
  object: { 'zh-CN': '对象', en: 'an object' },
  array: { 'zh-CN': '列表', en: 'a list' },
  null: { 'zh-CN': '空值', en: 'null' },
};

function typeName(type: unknown): LocalizedText {
  const types = Array.isArray(type) ? type : [type];
  const names = types.map((t) => TYPE_NAMES[String(t)] ?? { 'zh-CN': String(t), en: String(t) });
  return { 'zh-CN': names.map((n) => n['zh-CN']).join('或'), en: names.map((n) => n.en).join(' or ') };
}

/** Turns ajv's errors into messages a person can act on; drops the noise of failed alternatives. */
export function fromAjv(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const list = errors ?? [];
  // oneOf/anyOf report every branch that failed; keep the summary only when nothing more precise is there.
  // propertyNames only summarises the precise error on the name itself.
  const precise = list.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const chosen = precise.length > 0 ? precise : list;
  // Alternatives that differ only in type ("a text", "a number", "a list") make one message, not one per branch.
  const merged: ErrorObject[] = [];
  const typeAt = new Map<string, { type: unknown[] }>();
  for (const e of chosen) {
    const same = e.keyword === 'type' ? typeAt.get(e.instancePath) : undefined;
    if (same) {
      same.type.push(...[(e.params as { type: unknown }).type].flat());
      continue;
    }
    if (e.keyword === 'type') {
      const params = { type: [(e.params as { type: unknown }).type].flat() };
      typeAt.set(e.instancePath, params);
      merged.push({ ...e, params });
    } else merged.push(e);
  }
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const e of merged) {
    const issue = describe(e);
    const key = `${issue.path}|${issue.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function describe(e: ErrorObject): ValidationIssue {
  const path = toPath(e.instancePath);
  const got = shown(e.data);
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        path: joinPath(path, String(p['missingProperty'])),
        message: { 'zh-CN': '缺少必填项', en: 'is required but missing' },
      };
    case 'additionalProperties':
      return {
        path: joinPath(path, String(p['additionalProperty'])),
        message: { 'zh-CN': '不是可识别的字段（拼写错误？）', en: 'is not a known field (a typo?)' },
      };
    case 'type':
      return { path, message: { 'zh-CN': `应为${typeName(p['type'])['zh-CN']}（实际为 ${got}）`, en: `must be ${typeName(p['type']).en} (got ${got})` } };
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map((v) => String(v)).join(', ');
      return { path, message: { 'zh-CN': `应为以下之一：${allowed}（实际为 ${got}）`, en: `must be one of ${allowed} (got ${got})` } };
    }
    case 'const':
      return { path, message: { 'zh-CN': `应为 ${shown(p['allowedValue'])}（实际为 ${got}）`, en: `must be ${shown(p['allowedValue'])} (got ${got})` } };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const min = parent['minimum'] ?? parent['exclusiveMinimum'];
      const max = parent['maximum'] ?? parent['exclusiveMaximum'];
      if (min !== undefined && max !== undefined) {
        return { path, message: { 'zh-CN': `应在 ${String(min)}–${String(max)} 之间（实际为 ${got}）`, en: `must be ${String(min)}–${String(max)} (got ${got})` } };
      }
      const cmp = e.keyword.endsWith('inimum') ? { zh: '不小于', en: 'at least' } : { zh: '不大于', en: 'at most' };
      const strict = e.keyword.startsWith('exclusive') ? { zh: '（不含）', en: ' (exclusive)' } : { zh: '', en: '' };
      return { path, message: { 'zh-CN': `应${cmp.zh} ${String(p['limit'])}${strict.zh}（实际为 ${got}）`, en: `must be ${cmp.en} ${String(p['limit'])}${strict.en} (got ${got})` } };
    }
    case 'minLength':
      return Number(p['limit']) <= 1
        ? { path, message: { 'zh-CN': '不能为空', en: 'must not be empty' } }
        : { path, message: { 'zh-CN': `至少 ${String(p['limit'])} 个字符`, en: `must have at least ${String(p['limit'])} characters` } };
    case 'maxLength':
      return { path, message: { 'zh-CN': `最多 ${String(p['limit'])} 个字符`, en: `must have at most ${String(p['limit'])} characters` } };
    case 'minItems':
      return { path, message: { 'zh-CN': `至少需要 ${String(p['limit'])} 项（实际 ${Array.isArray(e.data) ? e.data.length : 0} 项）`, en: `needs at least ${String(p['limit'])} item(s) (got ${Array.isArray(e.data) ? e.data.length : 0})` } };
    case 'maxItems':
      return { path, message: { 'zh-CN': `最多 ${String(p['limit'])} 项`, en: `must have at most ${String(p['limit'])} item(s)` } };
    case 'uniqueItems':
      return { path, message: { 'zh-CN': '列表中有重复项', en: 'has duplicate items' } };
    case 'pattern':
      return { path, message: { 'zh-CN': `格式不对（实际为 ${got}）`, en: `has the wrong format (got ${got})` } };
    case 'not': {
      // A `not: { required: [field] }` forbids one field (options on a question that is not single or multi);
      // point at that field rather than calling it a clash between two fields.
      const banned = (e.schema as { required?: unknown } | undefined)?.required;
      if (Array.isArray(banned) && banned.length === 1) {
        const field = String(banned[0]);
        return {
          path: joinPath(path, field),
          message: field === 'options'
            ? { 'zh-CN': '只有单选题和多选题可以有选项', en: 'only single and multi questions have options' }
            : { 'zh-CN': '此处不允许该字段', en: 'is not allowed here' },
        };
      }
      return { path, message: { 'zh-CN': '同时给了互斥的字段（如 level 与 special）', en: 'combines fields that exclude each other (e.g. level and special)' } };
    }
    case 'discriminator':
      return { path: joinPath(path, 'kind'), message: { 'zh-CN': `不是可识别的文件类型（实际为 ${shown((e.data as Record<string, unknown> | undefined)?.['kind'])}）`, en: `is not a known kind of file (got ${shown((e.data as Record<string, unknown> | undefined)?.['kind'])})` } };
    default:
      return { path, message: { 'zh-CN': `不符合格式要求（${e.keyword}）`, en: e.message ?? `is invalid (${e.keyword})` } };
  }
}

export function formatIssue(issue: ValidationIssue, locale: Locale): string {
  return issue.path ? `${issue.path}: ${issue.message[locale]}` : issue.message[locale];
}

/** Reports duplicates in a list of ids, pointing at the second occurrence. */
export function duplicateIds(items: readonly { id: string }[], basePath: string): ValidationIssue[] {
  const seen = new Map<string, number>();
  const out: ValidationIssue[] = [];
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      out.push({
        path: joinPath(joinPath(basePath, i), 'id'),
        message: { 'zh-CN': `编号 "${item.id}" 重复（第一次出现在 [${first}]）`, en: `duplicate id "${item.id}" (first used at [${first}])` },
      });
    } else seen.set(item.id, i);
  });
  return out;
}
