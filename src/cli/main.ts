import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  diagnose, KNOWLEDGE_KINDS, type KnowledgeBase, type Locale, type Questionnaire,
} from '../engine/index.ts';
import { carryOver, checkAnswers } from '../schemas/answers.ts';
import { formatIssue, type ValidationIssue } from '../schemas/issues.ts';
import { checkKnowledgeFile } from '../schemas/knowledge.ts';
import { checkQuestionnaire } from '../schemas/questionnaire.ts';
import { checkQuestionnaireAgainstKnowledge } from '../schemas/knowledge.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR } from '../knowledge/node.ts';
import { toMarkdown } from './markdown.ts';

const USAGE = `Usage:
  aimm validate <file>            check a questionnaire, a knowledge file or an answers file
  aimm score <answers.json> [--questionnaire <file>] [--lang zh-CN|en] [--format json|md] [--date YYYY-MM-DD]
    --date: the report date that decides which programmes are still open (default: today)
Exit status: 0 fine, 1 invalid input, 2 wrong usage.`;

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

function validateFile(path: string, lang: Locale, io: Io): number {
  const data = readJson(path, lang);
  const kind = isRecord(data) ? data['kind'] : undefined;
  let issues: ValidationIssue[];
  if (kind === 'questionnaire') {
    const checked = checkQuestionnaire(data);
    issues = checked.ok ? checkQuestionnaireAgainstKnowledge(checked.value, loadKnowledgeBase()) : checked.issues;
  } else if (typeof kind === 'string' && (KNOWLEDGE_KINDS as readonly string[]).includes(kind)) {
    const checked = checkKnowledgeFile(data);
    issues = checked.ok ? [] : checked.issues;
  } else if (isRecord(data) && 'answers' in data && 'questionnaire' in data) {
    const checked = checkAnswers(data);
    issues = checked.ok ? [] : checked.issues;
    if (checked.ok) {
      const q = findQuestionnaire(checked.value.questionnaire.id, undefined, lang);
      const again = checkAnswers(data, q);
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
  const checked = checkAnswers(answers, questionnaire);
  if (!checked.ok) throw new InputError(`${path} ${T.invalid[opts.lang]}`, checked.issues);
  const result = diagnose({ questionnaire, knowledgeBase: kb, answers: checked.value }, { date: opts.date });
  io.out(opts.format === 'md' ? toMarkdown(result, { questionnaire, kb, lang: opts.lang, answers: checked.value }) : `${JSON.stringify(result, null, 2)}\n`);
  return 0;
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
        format: { type: 'string', default: 'json' },
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
  if (values.format !== 'json' && values.format !== 'md') {
    io.err(`--format must be json or md (got ${String(values.format)})\n`);
    return 2;
  }
  const lang: Locale = values.lang;
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    io.err(`--date must be YYYY-MM-DD (got ${date})\n`);
    return 2;
  }
  if (!command || !file || extra.length > 0 || (command !== 'validate' && command !== 'score')) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  try {
    if (command === 'validate') return validateFile(file, lang, io);
    const format: 'json' | 'md' = values.format;
    const opts = { lang, format, date, ...(values.questionnaire ? { questionnaire: values.questionnaire } : {}) };
    return score(file, opts, io, loadKnowledgeBase());
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(`${e.message}${e.issues.length ? `:\n${e.issues.map((i) => `  ${formatIssue(i, lang)}`).join('\n')}` : ''}\n`);
    return 1;
  }
}

