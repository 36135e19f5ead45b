/**
 * The `aimm` command, run as a real child process (`node bin/aimm.mjs …`), the way a user runs it.
 * Each process costs about half a second, so each one checks several things.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type AnswersFile, type Diagnosis, type Questionnaire } from '../../src/engine/index.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';
import { checkResult } from '../../src/schemas/result.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'docs/examples/electronics-assembler.json';
/** A real answers file for questionnaire 1.0.0 (the example as it was before v2). */
const ANSWERS_1X = 'tests/fixtures/answers-1.0.0.json';
/** The report date: it decides which programmes are open, so it is fixed here (the CLI defaults to today). */
const DATE = '2026-12-01';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function aimm(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/aimm.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aimm-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('aimm validate', () => {
  it('accepts the full questionnaire', () => {
    const r = aimm('validate', 'questionnaires/full.json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('questionnaires/full.json');
  });

  it('accepts a knowledge file', () => {
    const r = aimm('validate', 'seeds/cases.json', '--lang', 'en');
    expect(r).toEqual({ status: 0, stdout: 'seeds/cases.json is valid\n', stderr: '' });
  });

  it('rejects a broken questionnaire with exit status 1 and the JSON path on stderr', () => {
    const q = readJson<Questionnaire>('questionnaires/full.json');
    const option = q.sections[1]?.questions[0]?.options?.find((o) => o.level === 3);
    if (!option) throw new Error('full.json changed shape');
    option.level = 7 as 3;
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(q));
    const r = aimm('validate', file, '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file} is invalid:`);
    expect(r.stderr).toMatch(/sections\[1\]\.questions\[0\]\.options\[\d\]\.level: must be 0–3 \(got 7\)/);
  });

  it('rejects a file that is not JSON with a clear message', () => {
    const file = join(dir, 'notes.json');
    writeFileSync(file, 'sector: C39\nanswers: lots\n');
    const r = aimm('validate', file, '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file} is not valid JSON`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});

describe('aimm score', () => {
  it('prints only the diagnosis as JSON, valid against the result schema and equal to the engine\'s', () => {
    const r = aimm('score', EXAMPLE, '--date', DATE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as unknown; // the whole of stdout is the result
    const checked = checkResult(result);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const answers = readJson<AnswersFile>(EXAMPLE);
    const questionnaire = readJson<Questionnaire>('questionnaires/full.json');
    expect(answers.questionnaire).toEqual({ id: questionnaire.id, version: questionnaire.version });
    expect(result).toEqual(diagnose({ questionnaire, knowledgeBase: loadKnowledgeBase(), answers }, { date: DATE }));
    expect(result).toMatchObject({ status: 'ok', questionnaire: { id: 'aimm-full' }, industryType: { sector: 'C3990', source: 'sector' } });
  });

  it('--format md --lang en writes a Markdown report with the English headings', () => {
    const r = aimm('score', EXAMPLE, '--format', 'md', '--lang', 'en', '--date', DATE);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# AI \+ Manufacturing Maturity Diagnosis/);
    for (const heading of ['## The nine cells (organisation × value)', '## Priorities', '## Roadmap (in phases, one rung at a time)', '## Recommended cases', '## Programmes you can apply for']) {
      expect(lines).toContain(heading);
    }
    expect(r.stdout).toContain('| Cell | Score | Stage | Target | Weight |');
    expect(r.stdout).not.toMatch(/优先事项|路线图/);
    expect(() => JSON.parse(r.stdout) as unknown).toThrow();
  });

  it('--format md shows under each priority the factors it was worked out from, so a consultant sees why', () => {
    const answers = readJson<AnswersFile>(EXAMPLE);
    const result = diagnose({ questionnaire: readJson<Questionnaire>('questionnaires/full.json'), knowledgeBase: loadKnowledgeBase(), answers }, { date: DATE });
    expect(result.priorities.length).toBeGreaterThan(0);
    for (const [lang, label] of [['en', 'How it was worked out: priority score'], ['zh-CN', '计算方法：优先分']] as const) {
      const r = aimm('score', EXAMPLE, '--format', 'md', '--lang', lang, '--date', DATE);
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l.includes(label));
      expect(lines.length, `${lang}: one formula line per priority`).toBe(result.priorities.length);
      result.priorities.forEach((p, i) => {
        const f = p.factors;
        const numbers = [p.priorityScore, f.gap, f.weight, f.pain, f.prerequisites, f.outcomes].map((n) => String(Math.round(n * 100) / 100));
        expect(lines[i]?.match(/\d+(\.\d+)?/g), `${lang} priority ${p.rank}`).toEqual(numbers);
        // The factors multiply back to the score the ranking used (the pain factor is rounded to two decimals).
        expect(f.gap * f.weight * f.pain * f.prerequisites * f.outcomes).toBeCloseTo(p.priorityScore, -0.5);
      });
    }
  });

  it('--lang zh-CN writes the Markdown report in Chinese', () => {
    const r = aimm('score', EXAMPLE, '--format', 'md', '--lang', 'zh-CN', '--date', DATE);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# AI\+制造 成熟度诊断报告/);
    for (const heading of ['## 九宫格（生产组织 × 价值形态）', '## 优先事项', '## 路线图（分阶段，每次只上一级）', '## 参考案例', '## 可以申报的项目']) {
      expect(lines).toContain(heading);
    }
    expect(r.stdout).not.toMatch(/## Priorities|## Roadmap/);
  });

  it('rejects answers naming an unknown option: exit 1, the path on stderr, nothing on stdout', () => {
    const answers = readJson<AnswersFile>(EXAMPLE);
    answers.answers['fm-programs'] = 'l9';
    const file = join(dir, 'bad-answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = aimm('score', file, '--lang', 'en', '--date', DATE);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('answers.fm-programs: has no option "l9"');
  });

  it('scores quick-scan answers with --questionnaire questionnaires/quick.json', () => {
    const quick = readJson<Questionnaire>('questionnaires/quick.json');
    const answers: AnswersFile = {
      questionnaire: { id: quick.id, version: quick.version },
      profile: { sector: 'C27', employees: 80, province: '50' },
      answers: Object.fromEntries(
        quick.sections.filter((s) => s.kind === 'maturity').flatMap((s) => s.questions).map((q, i) => [q.id, `l${i % 3}`]),
      ),
    };
    const file = join(dir, 'quick-answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = aimm('score', file, '--questionnaire', 'questionnaires/quick.json', '--date', DATE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as unknown;
    expect(checkResult(result).ok).toBe(true);
    expect(result).toEqual(diagnose({ questionnaire: quick, knowledgeBase: loadKnowledgeBase(), answers }, { date: DATE }));
    expect(result).toMatchObject({ questionnaire: { id: 'aimm-quick', version: quick.version }, status: 'ok' });
  });

  it('still scores a real 1.x answers file: what still fits carries over, the rest is listed on stderr', () => {
    const old = readJson<AnswersFile>(ANSWERS_1X);
    const questionnaire = readJson<Questionnaire>('questionnaires/full.json');
    expect(old.questionnaire).toEqual({ id: 'aimm-full', version: '1.0.0' });
    expect(questionnaire.version).not.toBe('1.0.0');
    const r = aimm('score', ANSWERS_1X, '--lang', 'en', '--date', DATE);
    expect(r.status).toBe(0);

    // stderr: the version note, then every answer set aside (questions retired in 2.0, and the revenue bands that changed).
    const stderr = r.stderr.split('\n').filter((l) => l !== '');
    expect(stderr[0]).toBe(`note: the answers were given for another version of the questionnaire (1.0.0 → ${questionnaire.version})`);
    expect(stderr[1]).toBe('these answers no longer fit the current version and were set aside:');
    const retired = [
      'fp-production-records', 'fp-process-settings', 'fp-inline-inspection', 'fm-automation', 'fm-line-scheduling',
      'fs-maintenance', 'fs-safety-environment', 'fs-worker-support', 'ep-simulation', 'em-planning', 'es-order-status',
      'es-after-sales', 'ecp-customization', 'ecp-connected-product', 'ecm-shared-capacity', 'rd-talent', 'rd-data-security',
    ];
    expect(stderr.slice(2)).toEqual([
      `  profile.revenue: has no option "${String(old.profile['revenue'])}"`,
      ...retired.map((id) => `  answers.${id}: no such question in this questionnaire`),
    ]);

    // stdout: a valid diagnosis, the one the engine gives for the answers that carried over.
    const result = JSON.parse(r.stdout) as Diagnosis;
    const checked = checkResult(result);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const profile = Object.fromEntries(Object.entries(old.profile).filter(([id]) => id !== 'revenue'));
    const answers = Object.fromEntries(Object.entries(old.answers).filter(([id]) => !retired.includes(id)));
    // The answers whose question still exists: the profile, the foundations, the kept ladders, challenges and budget.
    expect(Object.keys(answers)).toEqual([
      'fm-equipment-data', 'ep-design-data', 'ep-knowledge-reuse', 'em-quality-system', 'em-cost', 'es-customer-data',
      'ecp-co-design', 'ecm-supplier-link', 'ecm-demand-forecast', 'ecs-remote-monitoring',
      'ecs-predictive-service', 'ecs-service-model', 'ch-tech-gap', 'ch-standards', 'ch-management', 'ch-capital', 'rd-budget',
    ]);
    const carried: AnswersFile = { ...old, questionnaire: { id: questionnaire.id, version: questionnaire.version }, profile, answers };
    expect(result).toEqual(diagnose({ questionnaire, knowledgeBase: loadKnowledgeBase(), answers: carried }, { date: DATE }));
    // …and they did reach the engine: profile facts, maturity answers and challenges.
    expect(result.industryType).toMatchObject({ sector: old.profile['sector'], source: 'sector' });
    expect(result.size.employees).toBe(old.profile['employees']);
    expect(result.painPoints).toEqual(expect.arrayContaining(old.profile['painPoints'] as string[]));
    const basis = result.cells.flatMap((c) => c.basis.map((b) => [b.questionId, b.optionId]));
    for (const id of ['fm-equipment-data', 'ep-design-data', 'em-quality-system', 'em-cost', 'es-customer-data', 'ecp-co-design', 'ecm-supplier-link', 'ecm-demand-forecast']) {
      expect(basis).toContainEqual([id, answers[id]]);
    }
    for (const id of retired) expect(basis.map(([q]) => q)).not.toContain(id);
    expect(result.challenges.map((c) => c.answers).flat()).toEqual(expect.arrayContaining(['ch-standards', 'ch-management', 'ch-capital']));
  });
});

describe('usage', () => {
  it('a report date not in YYYY-MM-DD form exits with status 2 and says so', () => {
    const r = aimm('score', EXAMPLE, '--date', '1 Dec 2026');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--date must be YYYY-MM-DD (got 1 Dec 2026)');
  });

  it('an unknown command exits with status 2 and the usage on stderr', () => {
    const r = aimm('grade', EXAMPLE);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
  });
});

describe('aimm refuses what the questionnaire forbids (§5)', () => {
  it('validate and score exit 1 on values out of range, too many choices, unknown codes and a future version', () => {
    const example = readJson<AnswersFile>(EXAMPLE);
    const bad = {
      ...example,
      questionnaire: { id: 'aimm-full', version: '9.0.0' },
      profile: { ...example.profile, employees: 1e308, sector: 'C99', province: '00', painPoints: ['quality', 'labor', 'delivery', 'cost', 'talent', 'energy', 'safety', 'data'] },
    };
    const path = join(dir, 'forbidden.json');
    writeFileSync(path, JSON.stringify(bad));
    const v = aimm('validate', path, '--lang', 'en');
    expect(v.status).toBe(1);
    expect(v.stderr).toContain('questionnaire.version');
    expect(v.stderr).toContain('profile.employees: must be 1–1000000 (got 1e+308)');
    expect(v.stderr).toContain('unknown sector code "C99"');
    expect(v.stderr).toContain('unknown province code "00"');
    expect(v.stderr).toMatch(/profile\.painPoints: allows at most 3 choices \(got 8\)|profile\.painPoints: has no option/);
    const s = aimm('score', path);
    expect(s.status).toBe(1);
    expect(s.stdout).toBe('');
  });

  it('a 10,000-deep value gives a message and exit 1, not a stack trace', () => {
    const text = readFileSync(join(ROOT, EXAMPLE), 'utf8').replace('"fm-programs": "l2"', `"fm-programs": ${'['.repeat(10000)}"x"${']'.repeat(10000)}`);
    const path = join(dir, 'deep.json');
    writeFileSync(path, text);
    for (const r of [aimm('validate', path), aimm('score', path)]) {
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toContain('answers.fm-programs');
    }
  });
});

describe('aimm score --batch', () => {
  it('streams one CSV row per answers file (UTF-8 with BOM), an error row for each bad one, and exits 1', () => {
    const folder = mkdtempSync(join(dir, 'batch-'));
    writeFileSync(join(folder, 'a.json'), readFileSync(join(ROOT, EXAMPLE)));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ questionnaire: { id: 'aimm-full', version: '1.0.0' }, profile: { employees: -5 }, answers: {} }));
    writeFileSync(join(folder, 'c.json'), '{ not json');
    const r = aimm('score', '--batch', folder, '--format', 'csv', '--lang', 'en', '--date', DATE);
    expect(r.status).toBe(1);
    const d = diagnose({ questionnaire: readJson<Questionnaire>('questionnaires/full.json'), knowledgeBase: loadKnowledgeBase(), answers: readJson<AnswersFile>(EXAMPLE) }, { date: DATE });
    expect(r.stdout.startsWith('\uFEFFsource,error,id,company')).toBe(true);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`a.json,,,华南电子组装示例公司,,aimm-full,${d.questionnaire.version},${d.knowledgeBase.version},ok,${d.overall.score},${d.overall.stage},${d.overall.weightedScore},${d.industryType.id},${d.industryType.sector},44,300,`);
    expect(lines[2]).toContain('b.json,is invalid: profile.employees: must be 1–1000000 (got -5)');
    expect(lines[3]).toMatch(/^c\.json,"?is not valid JSON/);
  });

  it('reads JSON Lines and writes JSON Lines; exit 0 when every row is fine', () => {
    const example = readJson<AnswersFile>(EXAMPLE);
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, `${JSON.stringify(example)}\n\n${JSON.stringify({ ...example, meta: { company: 'B' } })}\n`);
    const r = aimm('score', '--batch', path, '--format', 'jsonl', '--date', DATE);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const d = diagnose({ questionnaire: readJson<Questionnaire>('questionnaires/full.json'), knowledgeBase: loadKnowledgeBase(), answers: example }, { date: DATE });
    expect(rows.map((x) => [x['source'], x['company'], x['overallScore']])).toEqual([['many.jsonl:1', '华南电子组装示例公司', d.overall.score], ['many.jsonl:3', 'B', d.overall.score]]);
    expect(rows[0]?.['factory-manufacturing.stage']).toBe(d.cells.find((c) => c.organization === 'factory' && c.value === 'manufacturing')?.stage);
    expect(aimm('score', '--batch', path, '--format', 'md').status).toBe(2);
  });
});

describe('aimm validate of .aimm.json files', () => {
  it('checks every diagnosis as the app\'s import does, and exits 1 listing each problem', () => {
    const example = readJson<AnswersFile>(EXAMPLE);
    const file = { kind: 'aimm-workspace', formatVersion: 1, diagnoses: [
      { id: 'a', depth: 'full', answers: example },
      { id: 'b', depth: 'full', answers: { ...example, profile: { ...example.profile, employees: -5 } } },
    ] };
    const path = join(dir, 'ws.aimm.json');
    writeFileSync(path, JSON.stringify(file));
    const bad = aimm('validate', path, '--lang', 'en');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('diagnoses[1].answers.profile.employees: must be 1–1000000 (got -5)');
    writeFileSync(path, JSON.stringify({ ...file, diagnoses: [file.diagnoses[0]] }));
    expect(aimm('validate', path).status).toBe(0);
  });
});

describe('aimm validate of programme packs and aimm.config.json', () => {
  it('accepts the example pack and the example config', () => {
    const pack = aimm('validate', 'docs/examples/pack-zhejiang.json', '--lang', 'en');
    expect(pack).toEqual({ status: 0, stdout: 'docs/examples/pack-zhejiang.json is valid\n', stderr: '' });
    const config = aimm('validate', 'docs/examples/aimm.config.json', '--lang', 'en');
    expect(config.status).toBe(0);
    expect(config.stdout).toBe('docs/examples/aimm.config.json is valid\n');
  });

  it('rejects a broken pack with JSON paths: schema first, then the codes and links the built-in data must have too', () => {
    const pack = readJson<{ records: Record<string, unknown>[] }>('docs/examples/pack-zhejiang.json');
    const shape = JSON.parse(JSON.stringify(pack)) as typeof pack;
    (shape.records[1] as Record<string, unknown>)['group'] = 'grant';
    const path = join(dir, 'pack-shape.json');
    writeFileSync(path, JSON.stringify(shape));
    const r = aimm('validate', path, '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('records[1].group: must be one of programme, offering, background (got "grant")');
    const refs = JSON.parse(JSON.stringify(pack)) as typeof pack;
    (refs.records[0] as Record<string, unknown>)['eligibility'] = { regions: ['99'] };
    delete (refs.records[2] as Record<string, unknown>)['url'];
    writeFileSync(path, JSON.stringify(refs));
    const r2 = aimm('validate', path, '--lang', 'en');
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/records\[0\]\.eligibility\.regions: .*unknown region "99"/);
    expect(r2.stderr).toMatch(/records\[2\]\.url: .*lacks a link/);
  });

  it('checks a config and the packs it lists next to it, with paths into each', () => {
    const deploy = mkdtempSync(join(tmpdir(), 'aimm-deploy-'));
    try {
      const config = join(deploy, 'aimm.config.json');
      writeFileSync(config, JSON.stringify({ version: 1, embed: { allowedOrigins: ['*', 'https://portal.example.gov.cn/'] } }));
      const bad = aimm('validate', config, '--lang', 'en');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('embed.allowedOrigins[0]');
      expect(bad.stderr).toContain('embed.allowedOrigins[1]');
      const pack = readJson<{ records: Record<string, unknown>[] }>('docs/examples/pack-zhejiang.json');
      (pack.records[0] as Record<string, unknown>)['kind'] = 'grant';
      writeFileSync(join(deploy, 'pack.json'), JSON.stringify(pack));
      writeFileSync(config, JSON.stringify({ version: 1, programmePacks: [{ src: 'pack.json', mode: 'replace' }] }));
      const packBad = aimm('validate', config, '--lang', 'en');
      expect(packBad.status).toBe(1);
      expect(packBad.stderr).toContain('programmePacks[0] (pack.json): records[0].kind');
    } finally {
      rmSync(deploy, { recursive: true, force: true });
    }
  });
});
