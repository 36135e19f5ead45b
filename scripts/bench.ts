/**
 * Benchmark of the diagnosis engine (`npm run bench`): scores 10,000 random answer sets on the full
 * questionnaire with the real knowledge base. The answer sets come from a seeded PRNG, so every run scores
 * the same inputs; they are built before the clock starts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diagnose, type AnswerMap, type Diagnosis, type Question } from '../src/engine/index.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR } from '../src/knowledge/node.ts';
import { checkQuestionnaire } from '../src/schemas/questionnaire.ts';

const COUNT = 10_000;
const WARM_UP = 5_000;
const SEED = 0x41494d4d; // "AIMM"

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kb = loadKnowledgeBase();
const checked = checkQuestionnaire(JSON.parse(readFileSync(join(QUESTIONNAIRES_DIR, 'full.json'), 'utf8')) as unknown);
if (!checked.ok) throw new Error('questionnaires/full.json is invalid: run `npm run aimm -- validate questionnaires/full.json`');
const questionnaire = checked.value;

const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function valueFor(q: Question): AnswerMap[string] {
  const ids = (q.options ?? []).map((o) => o.id);
  switch (q.type) {
    case 'single':
      return pick(ids);
    case 'multi':
      return ids.filter(() => random() < 0.3).slice(0, q.maxSelect ?? ids.length);
    case 'number':
      return Math.floor(random() * 5000);
    case 'sector':
      return pick(kb.sectors).id;
    case 'region':
      return pick(kb.regions).id;
    case 'city':
      return pick([...kb.regions.map((r) => r.id), ...ids]);
    case 'industry-type':
      return pick(kb.industryTypes).id;
    case 'text':
      return 'bench';
  }
}

function answerSet(skip = 0.15): { profile: AnswerMap; answers: AnswerMap } {
  const profile: AnswerMap = {};
  const answers: AnswerMap = {};
  for (const section of questionnaire.sections) {
    for (const q of section.questions) {
      if (random() < skip) continue; // left unanswered
      const value = valueFor(q);
      if (Array.isArray(value) && value.length === 0) continue;
      (section.kind === 'profile' ? profile : answers)[q.id] = value;
    }
  }
  return { profile, answers };
}

const inputs = Array.from({ length: COUNT }, () => answerSet());
const run = (answers: { profile: AnswerMap; answers: AnswerMap }): Diagnosis =>
  diagnose({ questionnaire, knowledgeBase: kb, answers });

// Warm up the JIT on other inputs than the measured ones, long enough for it to settle (500 left most of the
// engine to be optimised, and re-optimised, on the clock). One warm-up set in four is sparser, as while a
// questionnaire is being filled in, so "not enough answers" has run too before timing starts.
for (let i = 0; i < WARM_UP; i++) run(answerSet(i % 4 === 0 ? random() : 0.15));

let ok = 0;
const start = performance.now();
for (const input of inputs) if (run(input).status === 'ok') ok++;
const total = performance.now() - start;

const per = total / COUNT;
console.log(`aimm bench: ${COUNT.toLocaleString('en')} diagnoses, full questionnaire (${questionnaire.id} ${questionnaire.version}), knowledge base ${kb.version}, node ${process.version}`);
console.log(`total:         ${total.toFixed(3)} ms`);
console.log(`per diagnosis: ${per.toFixed(3)} ms`);
console.log(`throughput:    ${Math.round(COUNT / (total / 1000)).toLocaleString('en')} ops/s`);
console.log(`(${ok.toLocaleString('en')} of them sufficient for a full diagnosis)`);
