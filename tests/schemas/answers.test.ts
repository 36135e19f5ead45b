/**
 * checkAnswers: the shape of an answers file, then (with its questionnaire) that it names only that
 * questionnaire's questions and options, each with a value of the right kind.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../src/engine/index.ts';
import { QUESTIONNAIRES_DIR } from '../../src/knowledge/node.ts';
import { checkAnswers } from '../../src/schemas/answers.ts';
import { formatIssue } from '../../src/schemas/issues.ts';
import { checkQuestionnaire } from '../../src/schemas/questionnaire.ts';

const EXAMPLE = fileURLToPath(new URL('../../docs/examples/electronics-assembler.json', import.meta.url));

function questionnaire(name: 'full' | 'quick'): Questionnaire {
  const checked = checkQuestionnaire(JSON.parse(readFileSync(`${QUESTIONNAIRES_DIR}${name}.json`, 'utf8')) as unknown);
  if (!checked.ok) throw new Error(`${name}.json is invalid`);
  return checked.value;
}

const full = questionnaire('full');
const quick = questionnaire('quick');
const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown> & {
  profile: Record<string, unknown>;
  answers: Record<string, unknown>;
};

/** The example with a change, checked against the full questionnaire (or shape only). */
function messages(data: unknown, q: Questionnaire | undefined = full): string[] {
  const checked = checkAnswers(data, q);
  return checked.ok ? [] : checked.issues.map((i) => formatIssue(i, 'en'));
}

function changed(change: (a: typeof example) => void): typeof example {
  const copy = structuredClone(example);
  change(copy);
  return copy;
}

describe('checkAnswers accepts', () => {
  it('docs/examples/electronics-assembler.json', () => {
    expect(messages(example)).toEqual([]);
    expect(messages(example, undefined)).toEqual([]);
    const checked = checkAnswers(example, full);
    expect(checked.ok && checked.value.questionnaire).toEqual({ id: full.id, version: full.version });
  });

  it('an empty answer set for either questionnaire', () => {
    expect(messages({ questionnaire: { id: full.id, version: full.version }, profile: {}, answers: {} })).toEqual([]);
    expect(messages({ questionnaire: { id: quick.id, version: quick.version }, profile: {}, answers: {} }, quick)).toEqual([]);
  });

  it('an answers file from another version of the same questionnaire (the CLI only notes it)', () => {
    expect(messages(changed((a) => Object.assign(a, { questionnaire: { id: full.id, version: '0.9.0' } })))).toEqual([]);
  });
});

describe('checkAnswers rejects wrong shapes with clear messages', () => {
  const cases: [string, unknown, Questionnaire | undefined, string[]][] = [
    ['not an object', 42, undefined, ['must be an object (got 42)']],
    ['an array', [example], undefined, [`must be an object (got ${JSON.stringify([example]).slice(0, 57)}…)`]],
    ['a missing questionnaire', changed((a) => delete a['questionnaire']), undefined, ['questionnaire: is required but missing']],
    ['a missing answers map', changed((a) => delete (a as Partial<typeof a>).answers), undefined, ['answers: is required but missing']],
    ['answers as an array', changed((a) => Object.assign(a, { answers: [] })), undefined, ['answers: must be an object (got [])']],
    ['a questionnaire without a version', changed((a) => Object.assign(a, { questionnaire: { id: full.id } })), undefined, ['questionnaire.version: is required but missing']],
    ['an unknown top-level field', changed((a) => Object.assign(a, { answer: {} })), undefined, ['answer: is not a known field (a typo?)']],
    ['an unknown option id', changed((a) => Object.assign(a.answers, { 'fm-programs': 'l4' })), full, ['answers.fm-programs: has no option "l4"']],
    ['a multi question given a string', changed((a) => Object.assign(a.profile, { painPoints: 'quality' })), full, ['profile.painPoints: a multiple-choice question takes a list of option ids']],
    ['a multi question given an unknown option', changed((a) => Object.assign(a.profile, { painPoints: ['quality', 'boredom'] })), full, ['profile.painPoints: has no option "boredom"']],
    ['a single question given a list', changed((a) => Object.assign(a.answers, { 'em-cost': ['l1'] })), full, ['answers.em-cost: a single-choice question takes one option id']],
    ['a number question given a string', changed((a) => Object.assign(a.profile, { employees: '300' })), full, ['profile.employees: must be a number (got "300")']],
    ['a text question given a number', changed((a) => Object.assign(a.profile, { sector: 39 })), full, ['profile.sector: must be a text']],
    ['answers for another questionnaire', changed((a) => Object.assign(a, { questionnaire: { id: quick.id, version: quick.version } })), full, [`questionnaire.id: these answers belong to questionnaire "${quick.id}", not "${full.id}"`]],
    ['a profile key in answers', changed((a) => Object.assign(a.answers, { sector: 'C39' })), full, ['answers.sector: no such question in this questionnaire (it belongs in profile)']],
    ['an answer key in profile', changed((a) => Object.assign(a.profile, { 'em-cost': 'l1' })), full, ['profile.em-cost: no such question in this questionnaire (it belongs in answers)']],
    ['a question the questionnaire does not have', changed((a) => Object.assign(a.answers, { 'fp-process-control-2': 'l1' })), full, ['answers.fp-process-control-2: no such question in this questionnaire']],
    ['a full-only question in quick answers', { questionnaire: { id: quick.id, version: quick.version }, profile: {}, answers: { 'fm-programs': 'l1' } }, quick, ['answers.fm-programs: no such question in this questionnaire']],
  ];

  it.each(cases)('%s', (_name, data, q, expected) => {
    expect(messages(data, q)).toEqual(expected);
    const checked = checkAnswers(data, q);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    for (const issue of checked.issues) {
      expect(issue.message['zh-CN'].trim()).not.toBe('');
      expect(issue.message.en.trim()).not.toBe('');
    }
  });

  it('reports every wrong answer, not only the first', () => {
    const data = changed((a) => Object.assign(a.answers, { 'fm-programs': 'x', 'em-cost': 'y' }));
    expect(messages(data)).toEqual(['answers.fm-programs: has no option "x"', 'answers.em-cost: has no option "y"']);
  });

  it('an answer value of no known shape', () => {
    const data = changed((a) => Object.assign(a.answers, { 'fm-programs': { level: 2 } }));
    expect(messages(data, undefined)).toEqual(['answers.fm-programs: must be a text or a number or a list (got {"level":2})']);
    const zh = checkAnswers(data);
    expect(zh.ok ? '' : formatIssue(zh.issues[0] ?? { path: '', message: { 'zh-CN': '', en: '' } }, 'zh-CN')).toBe(
      'answers.fm-programs: 应为文本或数字或列表（实际为 {"level":2}）',
    );
  });

  it('a key that is not a question id', () => {
    const data = changed((a) => Object.assign(a.answers, { 'bad key!': 'l1' }));
    expect(messages(data, undefined)).toEqual(['answers: has the wrong format (got "bad key!")']);
  });
});
