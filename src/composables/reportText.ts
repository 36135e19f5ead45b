import {
  answerOf, chosenOptions, indexQuestionnaire, NEED_NAMES, sameCell,
  type AnswerBasis, type AnswerValue, type Cell, type IndexedQuestion, type Locale, type LocalizedText, type Need,
  type Organization, type Stage, type ValueForm,
} from '../engine/index.ts';
import type { ReportContext } from './reportContext.ts';

/** A message lookup as vue-i18n's `t` is called by the report: key, named values, plural count. */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string;

/** One answer as the report shows it: the question and what was chosen, both as plain text. */
export interface AnswerLine {
  id: string;
  question: string;
  answer: string;
  /** The rung (0–3) when the answer is a maturity option; null for N/A, don't-know or profile answers. */
  level: number | null;
  special: 'na' | 'unknown' | null;
}

/**
 * The knowledge base names its seed documents by file ("004_85ea87f431955e4c.txt"); the report names them by
 * title. Keyed by the file's number; each message key is written out so the message checks can find it.
 */
const SEED_SOURCES: Record<string, string> = {
  '000': 'report.sources.lenovoSensetime',
  '001': 'report.sources.chinaUnicom',
  '002': 'report.sources.chongqingBaidu',
  '003': 'report.sources.lectures',
  '004': 'report.sources.industryReport',
};
const SEED_FILE = /\b(\d{3})_[0-9a-f]+\.txt\b(\s*\(seed[^)]*\))?/g;

export function cellId(cell: Cell): string {
  return `${cell.organization}-${cell.value}`;
}

/** What the report's texts are written from: the messages, the language and the diagnosis' context. */
export interface ReportTextSource {
  t: Translate;
  lang: () => Locale;
  context: () => ReportContext | null;
}

/**
 * Names, numbers and answers in the report's language, without Vue: the screen (through `useReportText`) and the
 * Word export write the same texts from the same messages. Every text from data comes back as a plain string.
 */
export function createReportText(source: ReportTextSource) {
  const { t } = source;
  const report = { get value() { return source.context(); } };
  const lang = { get value() { return source.lang(); } };

  function text(value: LocalizedText | undefined | null): string {
    return value ? value[lang.value] : '';
  }

  function cellName(cell: Cell): string {
    const record = report.value?.knowledge?.cube.cells.find((c) => sameCell(c, cell));
    return record ? text(record.name) : cellId(cell);
  }

  function stageName(stage: Stage | null | undefined): string {
    if (!stage) return t('report.common.notScored');
    const record = report.value?.knowledge?.cube.stages.find((s) => s.id === stage);
    return record ? text(record.name) : stage;
  }

  function organizationName(id: Organization | string): string {
    const record = report.value?.knowledge?.cube.axes.organization.values.find((v) => v.id === id);
    return record ? text(record.name) : id;
  }

  function valueName(id: ValueForm | string): string {
    const record = report.value?.knowledge?.cube.axes.value.values.find((v) => v.id === id);
    return record ? text(record.name) : id;
  }

  function needName(id: Need): string {
    return text(NEED_NAMES[id]);
  }

  const numberFormats = new Map<Locale, Intl.NumberFormat>();
  function num(n: number | null | undefined): string {
    if (n === null || n === undefined) return '—';
    let format = numberFormats.get(lang.value);
    if (!format) numberFormats.set(lang.value, (format = new Intl.NumberFormat(lang.value, { maximumFractionDigits: 1 })));
    return format.format(n);
  }
  function pct(ratio: number): string {
    return `${Math.round(ratio * 100)}%`;
  }

  function list(items: string[]): string {
    return items.join(lang.value === 'zh-CN' ? '、' : ', ');
  }

  /** A non-option answer (sector, region, number, text, industry type) as text. */
  function valueText(entry: IndexedQuestion, value: AnswerValue): string {
    const kb = report.value?.knowledge;
    switch (entry.question.type) {
      case 'sector': {
        const sector = kb?.sectors.find((s) => s.id === value);
        return sector ? `${text(sector.name)} (${sector.id})` : String(value);
      }
      case 'city':
      case 'region': {
        const region = kb?.regions.find((r) => r.id === value);
        return region ? text(region.name) : String(value);
      }
      case 'industry-type': {
        const type = kb?.industryTypes.find((r) => r.id === value);
        return type ? text(type.name) : String(value);
      }
      case 'number':
        return entry.question.unit ? `${num(Number(value))} ${text(entry.question.unit)}` : num(Number(value));
      default:
        return Array.isArray(value) ? value.join(', ') : String(value);
    }
  }

  function lineFor(entry: IndexedQuestion, value: AnswerValue | undefined): AnswerLine | null {
    if (value === undefined) return null;
    const chosen = chosenOptions(entry, value);
    const single = chosen.length === 1 ? chosen[0] : undefined;
    const answer = entry.options.size > 0 && chosen.length > 0 ? list(chosen.map((o) => text(o.text))) : entry.options.size > 0 && entry.question.type !== 'city' ? '' : valueText(entry, value);
    if (answer === '') return null;
    return {
      id: entry.question.id,
      question: text(entry.question.text),
      answer,
      level: single && single.special === undefined && single.level !== undefined ? single.level : null,
      special: single?.special ?? null,
    };
  }

  /** The answers behind a reason: question text and chosen option text, in the order given, once each. */
  function answerLines(questionIds: readonly string[]): AnswerLine[] {
    const questionnaire = report.value?.questionnaire;
    if (!questionnaire) return [];
    const index = indexQuestionnaire(questionnaire);
    const given = { profile: report.value?.profile ?? {}, answers: report.value?.answers ?? {} };
    const out: AnswerLine[] = [];
    for (const id of new Set(questionIds)) {
      const entry = index.byId.get(id);
      if (!entry) continue;
      const line = lineFor(entry, answerOf(entry, given));
      if (line) out.push(line);
    }
    return out;
  }

  /** The answers a cell score was computed from, exactly as the engine used them. */
  function basisLines(basis: readonly AnswerBasis[]): AnswerLine[] {
    const questionnaire = report.value?.questionnaire;
    if (!questionnaire) return [];
    const index = indexQuestionnaire(questionnaire);
    const out: AnswerLine[] = [];
    for (const b of basis) {
      const entry = index.byId.get(b.questionId);
      const option = entry?.options.get(b.optionId);
      if (!entry || !option) continue;
      out.push({
        id: b.questionId,
        question: text(entry.question.text),
        answer: text(option.text),
        level: b.special ? null : b.level,
        special: b.special ?? null,
      });
    }
    return out;
  }

  /**
   * A record's source as readers know it: each part of "a; b" given its title when it is a seed document;
   * standards (GB/T 4754-2017) and anything unknown are shown as they are.
   */
  function sourceName(source: string): string {
    return source
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      // A seed file named anywhere in a part (with or without a note after it) is given its title.
      .map((part) => part.replace(SEED_FILE, (file, n: string) => {
        const key = SEED_SOURCES[n];
        return key ? t(key) : file;
      }))
      .join(lang.value === 'zh-CN' ? '；' : '; ');
  }

  function formatDate(date: Date): string {
    return new Intl.DateTimeFormat(lang.value, { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
  }

  /** The report's language now (the screen reads it as a computed `lang`). */
  function language(): Locale {
    return lang.value;
  }

  return {
    t, language, text, cellName, stageName, organizationName, valueName, needName, num, pct, list, answerLines, basisLines,
    formatDate, lineFor, sourceName,
  };
}
