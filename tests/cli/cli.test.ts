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
import { diagnose, type AnswersFile, type Questionnaire } from '../../src/engine/index.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';
import { checkResult } from '../../src/schemas/result.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'docs/examples/electronics-assembler.json';

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
    const r = aimm('score', EXAMPLE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as unknown; // the whole of stdout is the result
    const checked = checkResult(result);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const answers = readJson<AnswersFile>(EXAMPLE);
    const questionnaire = readJson<Questionnaire>('questionnaires/full.json');
    expect(result).toEqual(diagnose({ questionnaire, knowledgeBase: loadKnowledgeBase(), answers }));
    expect(result).toMatchObject({ status: 'ok', questionnaire: { id: 'aimm-full' }, industryType: { sector: 'C39', source: 'sector' } });
  });

  it('--format md --lang en writes a Markdown report with the English headings', () => {
    const r = aimm('score', EXAMPLE, '--format', 'md', '--lang', 'en');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# AI \+ Manufacturing Maturity Diagnosis/);
    for (const heading of ['## The nine cells (organisation × value)', '## Priorities', '## Roadmap (one rung at a time)', '## Recommended cases', '## Policy pointers']) {
      expect(lines).toContain(heading);
    }
    expect(r.stdout).toContain('| Cell | Score | Stage | Target | Weight |');
    expect(r.stdout).not.toMatch(/优先事项|路线图/);
    expect(() => JSON.parse(r.stdout) as unknown).toThrow();
  });

  it('--lang zh-CN writes the Markdown report in Chinese', () => {
    const r = aimm('score', EXAMPLE, '--format', 'md', '--lang', 'zh-CN');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# AI\+制造 成熟度诊断报告/);
    for (const heading of ['## 九宫格（生产组织 × 价值形态）', '## 优先事项', '## 路线图（每次只上一级）', '## 参考案例', '## 政策指引']) {
      expect(lines).toContain(heading);
    }
    expect(r.stdout).not.toMatch(/## Priorities|## Roadmap/);
  });

  it('rejects answers naming an unknown option: exit 1, the path on stderr, nothing on stdout', () => {
    const answers = readJson<AnswersFile>(EXAMPLE);
    answers.answers['fm-automation'] = 'l9';
    const file = join(dir, 'bad-answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const r = aimm('score', file, '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('answers.fm-automation: has no option "l9"');
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
    const r = aimm('score', file, '--questionnaire', 'questionnaires/quick.json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as unknown;
    expect(checkResult(result).ok).toBe(true);
    expect(result).toEqual(diagnose({ questionnaire: quick, knowledgeBase: loadKnowledgeBase(), answers }));
    expect(result).toMatchObject({ questionnaire: { id: 'aimm-quick', version: quick.version }, status: 'ok' });
  });
});

describe('usage', () => {
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
    const text = readFileSync(join(ROOT, EXAMPLE), 'utf8').replace('"fm-automation": "l2"', `"fm-automation": ${'['.repeat(10000)}"x"${']'.repeat(10000)}`);
    const path = join(dir, 'deep.json');
    writeFileSync(path, text);
    for (const r of [aimm('validate', path), aimm('score', path)]) {
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toContain('answers.fm-automation');
    }
  });
});

describe('aimm score --batch', () => {
  it('streams one CSV row per answers file (UTF-8 with BOM), an error row for each bad one, and exits 1', () => {
    const folder = mkdtempSync(join(dir, 'batch-'));
    writeFileSync(join(folder, 'a.json'), readFileSync(join(ROOT, EXAMPLE)));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ questionnaire: { id: 'aimm-full', version: '1.0.0' }, profile: { employees: -5 }, answers: {} }));
    writeFileSync(join(folder, 'c.json'), '{ not json');
    const r = aimm('score', '--batch', folder, '--format', 'csv', '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith('\uFEFFsource,error,id,company')).toBe(true);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^a\.json,,,华南电子组装示例公司,,aimm-full,1\.0\.0,1\.0\.0,ok,24\.1,none,25\.8,labor-intensive,C39,44,300/);
    expect(lines[2]).toContain('b.json,is invalid: profile.employees: must be 1–1000000 (got -5)');
    expect(lines[3]).toMatch(/^c\.json,"?is not valid JSON/);
  });

  it('reads JSON Lines and writes JSON Lines; exit 0 when every row is fine', () => {
    const example = readJson<AnswersFile>(EXAMPLE);
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, `${JSON.stringify(example)}\n\n${JSON.stringify({ ...example, meta: { company: 'B' } })}\n`);
    const r = aimm('score', '--batch', path, '--format', 'jsonl');
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => [x['source'], x['company'], x['overallScore']])).toEqual([['many.jsonl:1', '华南电子组装示例公司', 24.1], ['many.jsonl:3', 'B', 24.1]]);
    expect(rows[0]?.['factory-manufacturing.stage']).toBe('digital');
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
