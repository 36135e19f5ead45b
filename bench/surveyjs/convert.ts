/**
 * The quick scan (questionnaires/quick.json) as a SurveyJS survey, for `npm run bench:surveyjs`: the same question
 * texts, help texts and options in Chinese, in the same order, one SurveyJS page per AIMM section (AIMM's page on a
 * wide screen), under the questionnaire's title. The lists AIMM builds from the knowledge base (sectors, provinces, cities, industry types) are
 * written out as choices from the same seed files. What SurveyJS cannot express the same way is listed in `notes`
 * (and printed by the benchmark). Run alone: `npx tsx bench/surveyjs/convert.ts` writes survey.generated.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Condition, Question, Questionnaire } from '../../src/engine/index.ts';

const LANG = 'zh-CN';
type Text = Record<string, string>;
interface Seed<T> { records: T[] }
interface Sector { id: string; parent?: string; name: Text }
interface Region { id: string; parent?: string; name: Text }
interface IndustryType { id: string; name: Text; traits: Text }

interface Choice { value: string; text: string; visibleIf?: string }
type Element = Record<string, unknown>;
export interface SurveyJson {
  locale: string;
  title: string;
  showQuestionNumbers: 'off';
  pages: { name: string; title: string; elements: Element[] }[];
}

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T;
const zh = (t: Text | undefined): string => t?.[LANG] ?? '';
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An AIMM condition as a SurveyJS expression; null for what SurveyJS cannot see (the inferred industry type). */
function expression(c: Condition, notes: string[]): string | null {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => expression(x, notes));
    if (parts.some((p) => p === null)) return null;
    return `(${parts.join('all' in c ? ' and ' : ' or ')})`;
  }
  if ('not' in c) {
    const inner = expression(c.not, notes);
    return inner === null ? null : `!(${inner})`;
  }
  if ('industryType' in c) {
    notes.push('a condition on the industry type (AIMM infers it from the sector) has no SurveyJS equivalent: the question is always shown');
    return null;
  }
  if ('in' in c) return `{${c.question}} anyof [${c.in.map(quote).join(', ')}]`;
  const bounds = [c.min !== undefined ? `{${c.question}} >= ${c.min}` : '', c.max !== undefined ? `{${c.question}} <= ${c.max}` : ''].filter(Boolean);
  return `(${bounds.join(' and ')})`;
}

/** An option's text, with its help text after it (AIMM shows it under the option; a SurveyJS choice has one text). */
const optionText = (o: { text: Text; help?: Text }): string => (o.help ? `${zh(o.text)}（${zh(o.help)}）` : zh(o.text));

export function toSurveyJs(q: Questionnaire = read<Questionnaire>('questionnaires/quick.json')): { json: SurveyJson; notes: string[] } {
  const notes: string[] = [];
  const sectors = read<Seed<Sector>>('seeds/sectors.json').records;
  const regions = read<Seed<Region>>('seeds/regions.json').records;
  const types = read<Seed<IndustryType>>('seeds/industry-types.json').records;
  const messages = read<{ question: Record<string, string> }>(`src/i18n/locales/${LANG}.json`).question;

  const element = (question: Question): Element => {
    const base: Element = { name: question.id, title: zh(question.text) };
    if (question.help) base['description'] = zh(question.help);
    if (question.required) base['isRequired'] = true;
    if (question.visibleIf) {
      const e = expression(question.visibleIf, notes);
      if (e !== null) base['visibleIf'] = e;
    }
    const own: Choice[] = (question.options ?? []).map((o) => ({ value: o.id, text: optionText(o) }));
    switch (question.type) {
      case 'single':
        return { type: 'radiogroup', ...base, choices: own };
      case 'multi':
        if (question.options?.some((o) => o.exclusive)) notes.push(`${question.id}: an exclusive option is an ordinary choice in SurveyJS`);
        return { type: 'checkbox', ...base, choices: own, ...(question.maxSelect ? { maxSelectedChoices: question.maxSelect } : {}) };
      case 'number':
        if (question.unit) notes.push(`${question.id}: the unit (${zh(question.unit)}) is the input's placeholder (a SurveyJS text input has no unit beside it)`);
        return { type: 'text', ...base, inputType: 'number', ...(question.min !== undefined ? { min: question.min } : {}), ...(question.max !== undefined ? { max: question.max } : {}), ...(question.unit ? { placeholder: zh(question.unit) } : {}) };
      case 'text':
        return { type: 'text', ...base, maxLength: 2000 };
      case 'sector': {
        notes.push(`${question.id}: AIMM's sector picker (a searchable list of ${sectors.length} GB/T 4754 classes, matched on keywords too) is a SurveyJS dropdown of the same classes, searched by its text`);
        const division = (s: Sector): string => (s.parent ? zh(sectors.find((x) => x.id === s.parent)?.name) : '');
        return { type: 'dropdown', ...base, searchEnabled: true, choices: sectors.map((s) => ({ value: s.id, text: division(s) ? `${s.id} ${zh(s.name)}（${division(s)}）` : `${s.id} ${zh(s.name)}` })) };
      }
      case 'region':
        return { type: 'dropdown', ...base, choices: regions.filter((r) => r.parent === undefined).map((r) => ({ value: r.id, text: zh(r.name) })) };
      case 'city': {
        const province = (q.sections.flatMap((s) => s.questions).find((x) => x.type === 'region') as Question).id;
        const cities: Choice[] = regions.filter((r) => r.parent !== undefined).map((r) => ({ value: r.id, text: zh(r.name), visibleIf: `{${province}} = ${quote(r.parent as string)}` }));
        return { type: 'dropdown', ...base, choices: [...cities, ...own] };
      }
      case 'industry-type':
        notes.push(`${question.id}: AIMM shows the industry type it inferred from the sector, with its reason; SurveyJS shows the four types to choose from, and "${messages['useImpliedNone']}" first`);
        return {
          type: 'radiogroup', ...base,
          choices: [{ value: 'implied', text: messages['useImpliedNone'] ?? '' }, ...types.map((t) => ({ value: t.id, text: `${zh(t.name)}：${zh(t.traits)}` }))],
        };
    }
  };

  const json: SurveyJson = {
    locale: 'zh-cn',
    // The questionnaire's and the sections' descriptions are left out: AIMM's question pages do not show them.
    title: zh(q.title),
    showQuestionNumbers: 'off',
    pages: q.sections.map((s) => ({ name: s.id, title: zh(s.title), elements: s.questions.map(element) })),
  };
  return { json, notes };
}

export const GENERATED = fileURLToPath(new URL('./survey.generated.json', import.meta.url));

/** Writes the survey next to main.ts, which imports it; returns what differs from AIMM. */
export function writeSurvey(): string[] {
  const { json, notes } = toSurveyJs();
  writeFileSync(GENERATED, `${JSON.stringify(json, null, 1)}\n`);
  return notes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const n of writeSurvey()) console.log(`- ${n}`);
  console.log(`wrote ${GENERATED}`);
}
