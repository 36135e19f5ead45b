import { readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  diagnose, KNOWLEDGE_KINDS, type KnowledgeBase, type Locale, type Questionnaire,
} from '../engine/index.ts';
import { carryOver, checkAnswers } from '../schemas/answers.ts';
import { formatIssue, type ValidationIssue } from '../schemas/issues.ts';
import { checkKnowledgeFile } from '../schemas/knowledge.ts';
import { checkQuestionnaire } from '../schemas/questionnaire.ts';
import { checkQuestionnaireAgainstKnowledge } from '../schemas/knowledge.ts';
import { checkProgrammePack } from '../schemas/programme-pack.ts';
import { checkConfig } from '../embed/config.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR } from '../knowledge/node.ts';
import { toMarkdown } from './markdown.ts';
import { parseImport } from '../persistence/exchange.ts';
import { csvHeader, csvLine, errorRow, jsonLine, toRow, type Row } from '../export/table.ts';

const USAGE = `Usage:
  aimm validate <file>            check a questionnaire, a knowledge file, an answers file, a .aimm.json file,
                                  a programme pack or a deployment's aimm.config.json
  aimm score <answers.json> [--questionnaire <file>] [--lang zh-CN|en] [--format json|md] [--date YYYY-MM-DD]
  aimm score --batch <dir|file.jsonl> [--format csv|jsonl] [--lang zh-CN|en] [--date YYYY-MM-DD]
                                  one row per answers file (a folder's *.json, .aimm.json diagnoses, or
                                  JSON Lines), an error row for each bad one
    --date: the report date that decides which programmes are still open (default: today)
Exit status: 0 fine, 1 invalid input (in a batch: any row failed), 2 wrong usage.`;

type Io = { out: (s: string) => void; err: (s: string) => void };
const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

class InputError extends Error {
  constructor(message: string, readonly issues: ValidationIssue[] = []) {
    super(message);
  }
}

const T = {
  notJson: { 'zh-CN': '不是有效的 JSON', en: 'is not valid JSON' },
  unreadable: { 'zh-CN': '无法读取', en: 'cannot be read' },
  invalid: { 'zh-CN': '无效', en: 'is invalid' },
  valid: { 'zh-CN': '有效', en: 'is valid' },
  unknownKind: { 'zh-CN': '无法识别文件类型：需要 "kind"（questionnaire 或知识库类型）或答卷字段', en: 'is not a known kind of file: expected a "kind" (questionnaire or a knowledge kind) or an answers file' },
  noQuestionnaire: { 'zh-CN': '找不到问卷', en: 'no questionnaire found with id' },
  versionMismatch: { 'zh-CN': '提示：答卷针对的问卷版本与当前版本不同', en: 'note: the answers were given for another version of the questionnaire' },
  setAside: { 'zh-CN': '以下回答在当前版本中已不适用，未计入：', en: 'these answers no longer fit the current version and were set aside:' },
} as const;

function readJson(path: string, lang: Locale): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${path} ${T.unreadable[lang]}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`${path} ${T.notJson[lang]}: ${(e as Error).message}`);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A runtime config: named aimm.config.json, or shaped like one (no kind, an embed or programmePacks part). */
function isConfig(path: string, data: unknown): boolean {
  return basename(path) === 'aimm.config.json' || (isRecord(data) && !('kind' in data) && ('embed' in data || 'programmePacks' in data));
}

async function validateFile(path: string, lang: Locale, io: Io): Promise<number> {
  const data = readJson(path, lang);
  const kind = isRecord(data) ? data['kind'] : undefined;
  let issues: ValidationIssue[];
  if (kind === 'programme-pack') {
    // As the app checks it before merging: the policy record schema, then regions, sectors, dates and links.
    const checked = checkProgrammePack(data, loadKnowledgeBase());
    issues = checked.ok ? [] : checked.issues;
  } else if (isConfig(path, data)) {
    const checked = await checkConfig(data);
    issues = checked.ok ? [] : checked.issues;
    if (checked.ok) {
      // The packs it lists, where they lie next to it as they will on the server.
      for (const [i, pack] of checked.config.programmePacks.entries()) {
        const file = join(dirname(path), pack.src.replace(/^\//, ''));
        let packData: unknown;
        try {
          packData = JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          io.err(`${path}: programmePacks[${i}].src: ${lang === 'en' ? `${file} not found here or not JSON; checked again when the app loads it` : `此处找不到 ${file} 或不是 JSON；应用加载时会再次检查`}\n`);
          continue;
        }
        const packChecked = checkProgrammePack(packData, loadKnowledgeBase());
        if (!packChecked.ok) issues.push(...packChecked.issues.map((x) => ({ ...x, path: `programmePacks[${i}] (${pack.src}): ${x.path}` })));
      }
    }
  } else if (kind === 'questionnaire') {
    const checked = checkQuestionnaire(data);
    issues = checked.ok ? checkQuestionnaireAgainstKnowledge(checked.value, loadKnowledgeBase()) : checked.issues;
  } else if (typeof kind === 'string' && (KNOWLEDGE_KINDS as readonly string[]).includes(kind)) {
    const checked = checkKnowledgeFile(data);
    issues = checked.ok ? [] : checked.issues;
  } else if (kind === 'aimm-workspace' || kind === 'aimm-diagnosis') {
    // A .aimm.json file, checked exactly as the app's import checks it.
    const kb = loadKnowledgeBase();
    const result = parseImport(readFileSync(path, 'utf8'), {
      questionnaires: { quick: findQuestionnaire('aimm-quick', undefined, lang), full: findQuestionnaire('aimm-full', undefined, lang) },
      knowledge: kb,
      existing: [],
      summarize: () => ({ answered: 0, total: 0, status: null, score: null, stage: null }),
    });
    issues = result.ok ? [] : result.issues;
  } else if (isRecord(data) && 'answers' in data && 'questionnaire' in data) {
    const checked = checkAnswers(data);
    issues = checked.ok ? [] : checked.issues;
    if (checked.ok) {
      const q = findQuestionnaire(checked.value.questionnaire.id, undefined, lang);
      // Against the questionnaire and the knowledge base: ranges, choices, codes, versions.
      const again = checkAnswers(data, q, loadKnowledgeBase());
      if (!again.ok) issues = again.issues;
    }
  } else {
    throw new InputError(`${path} ${T.unknownKind[lang]}`);
  }
  if (issues.length) {
    io.err(`${path} ${T.invalid[lang]}:\n${issues.map((i) => `  ${formatIssue(i, lang)}`).join('\n')}\n`);
    return 1;
  }
  io.out(`${path} ${T.valid[lang]}\n`);
  return 0;
}

function findQuestionnaire(id: string, file: string | undefined, lang: Locale): Questionnaire {
  const paths = file ? [file] : readdirSync(QUESTIONNAIRES_DIR).filter((n) => n.endsWith('.json')).map((n) => join(QUESTIONNAIRES_DIR, n));
  for (const path of paths) {
    const checked = checkQuestionnaire(readJson(path, lang));
    if (!checked.ok) throw new InputError(`${path} ${T.invalid[lang]}`, checked.issues);
    if (file || checked.value.id === id) return checked.value;
  }
  throw new InputError(`${T.noQuestionnaire[lang]} "${id}"`);
}

function score(path: string, opts: { questionnaire?: string; lang: Locale; format: 'json' | 'md'; date: string }, io: Io, kb: KnowledgeBase): number {
  const data = readJson(path, opts.lang);
  const shape = checkAnswers(data);
  if (!shape.ok) throw new InputError(`${path} ${T.invalid[opts.lang]}`, shape.issues);
  const questionnaire = findQuestionnaire(shape.value.questionnaire.id, opts.questionnaire, opts.lang);
  let answers = shape.value;
  if (answers.questionnaire.id === questionnaire.id && answers.questionnaire.version !== questionnaire.version) {
    // Another version: what still fits carries over, the rest is listed on stderr.
    const carried = carryOver(answers, questionnaire);
    io.err(`${T.versionMismatch[opts.lang]} (${answers.questionnaire.version} → ${questionnaire.version})\n`);
    if (carried.setAside.length) io.err(`${T.setAside[opts.lang]}\n${carried.setAside.map((i) => `  ${formatIssue(i, opts.lang)}`).join('\n')}\n`);
    answers = carried.file;
  }
  const checked = checkAnswers(answers, questionnaire, kb);
  if (!checked.ok) throw new InputError(`${path} ${T.invalid[opts.lang]}`, checked.issues);
  const result = diagnose({ questionnaire, knowledgeBase: kb, answers: checked.value }, { date: opts.date });
  io.out(opts.format === 'md' ? toMarkdown(result, { questionnaire, kb, lang: opts.lang, answers: checked.value }) : `${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

/** Answers files of a batch, one at a time: a folder's *.json (an .aimm.json gives each of its diagnoses), or JSON Lines. */
async function* batchInputs(path: string, lang: Locale): AsyncGenerator<{ source: string; data: unknown; date?: string | null; id?: string | undefined } | { source: string; error: string }> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path} ${T.unreadable[lang]}`);
  }
  const expand = function* (source: string, data: unknown) {
    if (isRecord(data) && (data['kind'] === 'aimm-workspace' || data['kind'] === 'aimm-diagnosis') && Array.isArray(data['diagnoses'])) {
      for (const [i, d] of data['diagnoses'].entries()) {
        const rec = isRecord(d) ? d : {};
        yield { source: `${source}#${i}`, data: rec['answers'], date: typeof rec['completedAt'] === 'string' ? rec['completedAt'] : null, id: typeof rec['id'] === 'string' ? rec['id'] : undefined };
      }
    } else yield { source, data };
  };
  if (isDir) {
    for (const name of readdirSync(path).filter((n) => n.endsWith('.json')).sort()) {
      const source = basename(name);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(path, name), 'utf8'));
      } catch (e) {
        yield { source, error: `${T.notJson[lang]}: ${(e as Error).message}` };
        continue;
      }
      yield* expand(source, data);
    }
    return;
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const source = `${basename(path)}:${n}`;
    let data: unknown;
    try {
      data = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch (e) {
      yield { source, error: `${T.notJson[lang]}: ${(e as Error).message}` };
      continue;
    }
    yield* expand(source, data);
  }
}

/** Scores every answers file of a batch, streaming one row each; a bad file gets an error row, never a stop. */
async function scoreBatch(path: string, format: 'csv' | 'jsonl', lang: Locale, date: string, io: Io, kb: KnowledgeBase): Promise<number> {
  const questionnaires = new Map<string, Questionnaire>();
  let failed = 0;
  const emit = (row: Row): void => io.out(format === 'csv' ? csvLine(row) : jsonLine(row));
  if (format === 'csv') io.out(`\uFEFF${csvHeader()}`);
  for await (const input of batchInputs(path, lang)) {
    if ('error' in input) {
      failed++;
      emit(errorRow(input.source, input.error));
      continue;
    }
    try {
      const shape = checkAnswers(input.data);
      if (!shape.ok) throw new InputError(T.invalid[lang], shape.issues);
      const id = shape.value.questionnaire.id;
      let q = questionnaires.get(id);
      if (!q) {
        q = findQuestionnaire(id, undefined, lang);
        questionnaires.set(id, q);
      }
      const checked = checkAnswers(input.data, q, kb);
      if (!checked.ok) throw new InputError(T.invalid[lang], checked.issues);
      const diagnosis = diagnose({ questionnaire: q, knowledgeBase: kb, answers: checked.value }, { date });
      emit(toRow({ source: input.source, ...(input.id ? { id: input.id } : {}), date: input.date ?? null, file: checked.value, diagnosis }));
    } catch (e) {
      failed++;
      const message = e instanceof InputError
        ? `${e.message}${e.issues.length ? `: ${e.issues.map((i) => formatIssue(i, lang)).join('; ')}` : ''}`
        : String((e as Error).message ?? e);
      emit(errorRow(input.source, message));
    }
  }
  return failed > 0 ? 1 : 0;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        questionnaire: { type: 'string', short: 'q' },
        lang: { type: 'string', default: 'zh-CN' },
        format: { type: 'string' },
        batch: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (values.lang !== 'zh-CN' && values.lang !== 'en') {
    io.err(`--lang must be zh-CN or en (got ${String(values.lang)})\n`);
    return 2;
  }
  const lang: Locale = values.lang;
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    io.err(`--date must be YYYY-MM-DD (got ${date})\n`);
    return 2;
  }
  if (values.batch !== undefined) {
    const format = values.format ?? 'csv';
    if (command !== 'score' || file !== undefined || (format !== 'csv' && format !== 'jsonl')) {
      io.err(`${format !== 'csv' && format !== 'jsonl' ? `--format with --batch must be csv or jsonl (got ${format})\n` : ''}${USAGE}\n`);
      return 2;
    }
    try {
      return await scoreBatch(values.batch, format, lang, date, io, loadKnowledgeBase());
    } catch (e) {
      io.err(`${e instanceof InputError ? e.message : String((e as Error)?.message ?? e)}\n`);
      return 1;
    }
  }
  const format0 = values.format ?? 'json';
  if (format0 !== 'json' && format0 !== 'md') {
    io.err(`--format must be json or md (got ${String(format0)})\n`);
    return 2;
  }
  if (!command || !file || extra.length > 0 || (command !== 'validate' && command !== 'score')) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  try {
    if (command === 'validate') return await validateFile(file, lang, io);
    const format: 'json' | 'md' = format0;
    const opts = { lang, format, date, ...(values.questionnaire ? { questionnaire: values.questionnaire } : {}) };
    return score(file, opts, io, loadKnowledgeBase());
  } catch (e) {
    // Whatever the input, a message and an exit status, never a stack trace.
    if (!(e instanceof InputError)) {
      io.err(`${file}: ${e instanceof RangeError ? (lang === 'en' ? 'nested too deeply to be read' : '嵌套过深，无法读取') : String((e as Error)?.message ?? e)}\n`);
      return 1;
    }
    io.err(`${e.message}${e.issues.length ? `:\n${e.issues.map((i) => `  ${formatIssue(i, lang)}`).join('\n')}` : ''}\n`);
    return 1;
  }
}

