/**
 * The questionnaire checks: the real questionnaires pass; broken copies of full.json are rejected with a JSON path
 * a person can follow and a message in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Option, Question, Questionnaire } from '../../src/engine/index.ts';
import { QUESTIONNAIRES_DIR, loadKnowledgeBase } from '../../src/knowledge/node.ts';
import { formatIssue, type ValidationIssue } from '../../src/schemas/issues.ts';
import { checkQuestionnaireAgainstKnowledge } from '../../src/schemas/knowledge.ts';
import { checkQuestionnaire } from '../../src/schemas/questionnaire.ts';

const raw = (name: string): unknown => JSON.parse(readFileSync(`${QUESTIONNAIRES_DIR}${name}.json`, 'utf8')) as unknown;
const full = raw('full') as Questionnaire;
const kb = loadKnowledgeBase();

/** Where a question sits in full.json, as a JSON path. */
function pathOf(q: Questionnaire, id: string): string {
  for (const [s, section] of q.sections.entries()) {
    const i = section.questions.findIndex((x) => x.id === id);
    if (i >= 0) return `sections[${s}].questions[${i}]`;
  }
  throw new Error(`no question ${id}`);
}

function question(q: Questionnaire, id: string): Question {
  const found = q.sections.flatMap((s) => s.questions).find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

function option(q: Question, pick: (o: Option) => boolean): [Option, number] {
  const k = (q.options ?? []).findIndex(pick);
  const o = q.options?.[k];
  if (!o) throw new Error(`no such option in ${q.id}`);
  return [o, k];
}

function issuesOf(data: unknown): ValidationIssue[] {
  const checked = checkQuestionnaire(data);
  return checked.ok ? [] : checked.issues;
}

const RECORDS = pathOf(full, 'fp-batch-record');
const [, L3] = option(question(full, 'fp-batch-record'), (o) => o.level === 3);

interface Broken {
  name: string;
  /** Breaks a deep copy of full.json. */
  apply: (q: Questionnaire) => void;
  path: string;
  message: RegExp;
}

const broken: Broken[] = [
  {
    name: 'a level outside 0–3',
    apply: (q) => Object.assign(option(question(q, 'fp-batch-record'), (o) => o.level === 3)[0], { level: 7 }),
    path: `${RECORDS}.options[${L3}].level`,
    message: /0–3.*got 7/,
  },
  {
    name: 'a text without its English',
    apply: (q) => {
      delete (question(q, 'fm-programs').text as Partial<Record<string, string>>)['en'];
    },
    path: `${pathOf(full, 'fm-programs')}.text.en`,
    message: /required/,
  },
  {
    name: 'an empty Chinese text',
    apply: (q) => {
      question(q, 'fm-programs').text['zh-CN'] = '';
    },
    path: `${pathOf(full, 'fm-programs')}.text.zh-CN`,
    message: /must not be empty/,
  },
  {
    name: 'an unknown question type',
    apply: (q) => Object.assign(question(q, 'revenue'), { type: 'dropdown' }),
    path: `${pathOf(full, 'revenue')}.type`,
    message: /must be one of single, multi.*got "dropdown"/,
  },
  {
    name: 'a duplicate question id',
    apply: (q) => Object.assign(question(q, 'fp-process-parameters'), { id: 'fp-batch-record' }),
    path: `${pathOf(full, 'fp-process-parameters')}.id`,
    message: /duplicate question id "fp-batch-record" \(already used at sections\[1\]\.questions\[0\]\)/,
  },
  {
    name: 'a duplicate option id',
    apply: (q) => Object.assign(option(question(q, 'fp-batch-record'), (o) => o.level === 1)[0], { id: 'l0' }),
    path: `${RECORDS}.options[${option(question(full, 'fp-batch-record'), (o) => o.level === 1)[1]}].id`,
    message: /duplicate id "l0"/,
  },
  {
    name: 'a condition naming a missing question',
    apply: (q) => Object.assign(question(q, 'fp-process-control'), { visibleIf: { question: 'no-such-question', in: ['x'] } }),
    path: `${pathOf(full, 'fp-process-control')}.visibleIf.question`,
    message: /does not exist: "no-such-question"/,
  },
  {
    name: 'a condition naming a missing option',
    apply: (q) => Object.assign(question(q, 'fp-process-control'), { visibleIf: { question: 'productionMode', in: ['process', 'batch'] } }),
    path: `${pathOf(full, 'fp-process-control')}.visibleIf.in`,
    message: /question "productionMode" has no option "batch"/,
  },
  {
    name: 'a nested condition naming a missing question',
    apply: (q) => Object.assign(question(q, 'fs-emissions'), { visibleIf: { all: [{ industryType: ['capital-intensive'] }, { not: { question: 'ghost', min: 1 } }] } }),
    path: `${pathOf(full, 'fs-emissions')}.visibleIf.all[1].not.question`,
    message: /does not exist: "ghost"/,
  },
  {
    name: 'a question that depends on itself',
    apply: (q) => Object.assign(question(q, 'fp-process-control'), { visibleIf: { question: 'fp-process-control', in: ['l1'] } }),
    path: `${pathOf(full, 'fp-process-control')}.visibleIf.question`,
    message: /cannot depend on itself/,
  },
  {
    name: 'a maturity question without a cell',
    apply: (q) => {
      delete question(q, 'fp-process-control').cell;
    },
    path: `${pathOf(full, 'fp-process-control')}.cell`,
    message: /must name its cell/,
  },
  {
    name: 'a maturity question without 不适用',
    apply: (q) => {
      const x = question(q, 'em-cost');
      x.options = (x.options ?? []).filter((o) => o.special !== 'na');
    },
    path: `${pathOf(full, 'em-cost')}.options`,
    message: /exactly one "not applicable" option/,
  },
  {
    name: 'a maturity question without 不清楚',
    apply: (q) => {
      const x = question(q, 'em-cost');
      x.options = (x.options ?? []).filter((o) => o.special !== 'unknown');
    },
    path: `${pathOf(full, 'em-cost')}.options`,
    message: /exactly one "don't know" option/,
  },
  {
    name: 'two options at the same level',
    apply: (q) => Object.assign(option(question(q, 'es-delivery-promise'), (o) => o.level === 2)[0], { level: 1 }),
    path: `${pathOf(full, 'es-delivery-promise')}.options`,
    message: /exactly one option at level 1 \(has 2\)/,
  },
  {
    name: 'a level on an option outside the maturity sections',
    apply: (q) => Object.assign(question(q, 'revenue').options?.[0] ?? {}, { level: 1 }),
    path: `${pathOf(full, 'revenue')}.options[0].level`,
    message: /only options of maturity and enabler questions carry a level/,
  },
  {
    name: 'an option with both a level and a special',
    apply: (q) => Object.assign(option(question(q, 'ecs-service-model'), (o) => o.level === 0)[0], { special: 'na' }),
    path: `${pathOf(full, 'ecs-service-model')}.options[${option(question(full, 'ecs-service-model'), (o) => o.level === 0)[1]}]`,
    message: /exclude each other/,
  },
  {
    name: 'a cell with too few questions in a full questionnaire',
    apply: (q) => {
      for (const s of q.sections) s.questions = s.questions.filter((x) => x.id !== 'ep-npi');
    },
    path: 'sections',
    message: /cell enterprise-product has 2 unconditional maturity question\(s\); a full questionnaire needs at least 3/,
  },
  {
    name: 'the wrong kind',
    apply: (q) => Object.assign(q, { kind: 'survey' }),
    path: 'kind',
    message: /must be "questionnaire" \(got "survey"\)/,
  },
  {
    name: 'an unknown depth',
    apply: (q) => Object.assign(q, { depth: 'deep' }),
    path: 'depth',
    message: /must be one of quick, full/,
  },
  {
    name: 'a misspelt field',
    apply: (q) => Object.assign(question(q, 'employees'), { maximum: 10 }),
    path: `${pathOf(full, 'employees')}.maximum`,
    message: /not a known field/,
  },
  {
    name: 'a profile-only type outside the profile',
    apply: (q) => Object.assign(question(q, 'rd-budget'), { type: 'sector', options: undefined }),
    path: `${pathOf(full, 'rd-budget')}.type`,
    message: /belongs in the profile section/,
  },
];

describe('the real questionnaires', () => {
  it.each(['full', 'quick'])('%s.json passes every check', (name) => {
    const checked = checkQuestionnaire(raw(name));
    expect(checked.ok ? [] : checked.issues.map((i) => formatIssue(i, 'en'))).toEqual([]);
    if (!checked.ok) return;
    expect(checkQuestionnaireAgainstKnowledge(checked.value, kb).map((i) => formatIssue(i, 'en'))).toEqual([]);
  });

  it('full.json asks at least three unconditional questions per cell, quick.json at least one', () => {
    for (const [name, min] of [['full', 3], ['quick', 1]] as const) {
      const q = raw(name) as Questionnaire;
      const counts = new Map<string, number>();
      for (const s of q.sections) {
        if (s.kind !== 'maturity') continue;
        for (const x of s.questions) if (x.cell && !x.visibleIf) counts.set(`${x.cell.organization}-${x.cell.value}`, (counts.get(`${x.cell.organization}-${x.cell.value}`) ?? 0) + 1);
      }
      expect(counts.size).toBe(9);
      for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(min);
    }
  });
});

describe('broken questionnaires are rejected with the path and a readable message', () => {
  it(`covers at least ten kinds of breakage (${broken.length})`, () => {
    expect(broken.length).toBeGreaterThanOrEqual(10);
  });

  it.each(broken.map((b) => [b.name, b] as const))('%s', (_name, b) => {
    const q = structuredClone(full);
    b.apply(q);
    const issues = issuesOf(q);
    expect(issues.length).toBeGreaterThan(0);
    const hit = issues.find((i) => i.path === b.path && b.message.test(i.message.en));
    expect(hit, `expected ${b.path}: ${String(b.message)}\ngot:\n${issues.map((i) => formatIssue(i, 'en')).join('\n')}`).toBeDefined();
    for (const issue of issues) {
      // every message in both languages, and no leftover of ajv's own wording
      expect(issue.message['zh-CN'].trim()).not.toBe('');
      expect(issue.message.en.trim()).not.toBe('');
      expect(issue.message.en).not.toMatch(/must NOT|must match|should/);
      expect(formatIssue(issue, 'en')).toBe(issue.path ? `${issue.path}: ${issue.message.en}` : issue.message.en);
      expect(formatIssue(issue, 'zh-CN')).toBe(issue.path ? `${issue.path}: ${issue.message['zh-CN']}` : issue.message['zh-CN']);
    }
  });

  it('an unknown type is not reported as a level/special clash', () => {
    const q = structuredClone(full);
    Object.assign(question(q, 'revenue'), { type: 'dropdown' });
    const issues = issuesOf(q);
    expect(issues.map((i) => i.message.en).join('\n')).not.toMatch(/level and special/);
  });

  it('options on a question that takes none point at the options', () => {
    const q = structuredClone(full);
    Object.assign(question(q, 'employees'), { options: question(q, 'revenue').options });
    const issues = issuesOf(q);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(`${pathOf(full, 'employees')}.options`);
    expect(issues[0]?.message.en).toMatch(/single and multi/);
    expect(issues[0]?.message['zh-CN']).toMatch(/单选题和多选题/);
  });

  it('messages exist in zh-CN and en; formatIssue gives "path: message"', () => {
    const q = structuredClone(full);
    Object.assign(option(question(q, 'fp-batch-record'), (o) => o.level === 3)[0], { level: 7 });
    const [issue] = issuesOf(q);
    if (!issue) throw new Error('no issue');
    expect(formatIssue(issue, 'en')).toBe(`${RECORDS}.options[${L3}].level: must be 0–3 (got 7)`);
    expect(formatIssue(issue, 'zh-CN')).toBe(`${RECORDS}.options[${L3}].level: ${issue.message['zh-CN']}`);
    expect(issue.message['zh-CN']).toMatch(/0–3/);
    expect(issue.message['zh-CN']).toMatch(/7/);
    expect(issue.message['zh-CN']).not.toBe(issue.message.en);
    expect(formatIssue({ path: '', message: { 'zh-CN': '坏了', en: 'broken' } }, 'en')).toBe('broken');
  });

  it('not an object at all', () => {
    for (const data of [null, 42, 'questionnaire', []]) {
      const issues = issuesOf(data);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues[0]?.message.en).toMatch(/must be an object/);
    }
  });

  it('a quick questionnaire that leaves a cell out', () => {
    const q = structuredClone(raw('quick') as Questionnaire);
    for (const s of q.sections) s.questions = s.questions.filter((x) => x.id !== 'ecs-traceability');
    const issues = issuesOf(q);
    expect(issues.map((i) => formatIssue(i, 'en'))).toContain(
      'sections: cell ecosystem-service has 0 unconditional maturity question(s); a quick questionnaire needs at least 1',
    );
  });
});

describe('checks against the knowledge base', () => {
  it('a pain point or challenge the knowledge base does not define is reported', () => {
    const q = structuredClone(full);
    const [pain, p] = option(question(q, 'painPoints'), () => true);
    pain.painPoint = 'boredom';
    const [challenge, c] = option(question(q, 'ch-capital'), (o) => (o.challenges?.length ?? 0) > 0);
    challenge.challenges = ['capital', 'weather'];
    expect(checkQuestionnaire(q).ok).toBe(true);
    const issues = checkQuestionnaireAgainstKnowledge(q, kb).map((i) => formatIssue(i, 'en'));
    expect(issues).toEqual([
      `${pathOf(full, 'painPoints')}.options[${p}].painPoint: unknown pain point "boredom"`,
      `${pathOf(full, 'ch-capital')}.options[${c}].challenges: unknown challenge "weather"`,
    ]);
  });
});

describe('texts are data, not markup', () => {
  it('HTML in a text is accepted and kept as the very same plain string (the app renders it as text)', () => {
    const q = structuredClone(full);
    const html = '<img src=x onerror="alert(1)"><b>粗体</b> & <script>alert(2)</script>';
    question(q, 'fm-programs').text = { 'zh-CN': html, en: html };
    const checked = checkQuestionnaire(q);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const text = question(checked.value, 'fm-programs').text;
    expect(typeof text.en).toBe('string');
    expect(text.en).toBe(html);
    expect(text['zh-CN']).toBe(html);
  });
});
