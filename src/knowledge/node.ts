import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleKnowledgeBase, type KnowledgeBase, type KnowledgeFile } from '../engine/index.ts';
import { checkKnowledgeBase, checkKnowledgeFile } from '../schemas/knowledge.ts';
import { formatIssue } from '../schemas/issues.ts';

// Paths built with node:path, not `new URL`: under happy-dom, URL is the DOM's and knows no file: scheme.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEEDS_DIR = join(ROOT, 'seeds', '/');
export const QUESTIONNAIRES_DIR = join(ROOT, 'questionnaires', '/');

/** Reads, validates and assembles every knowledge file in a folder (Node only: the CLI, tests, scripts). */
export function loadKnowledgeBase(dir: string = SEEDS_DIR): KnowledgeBase {
  const files: KnowledgeFile[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const checked = checkKnowledgeFile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
    if (checked.ok) files.push(checked.value);
    else problems.push(...checked.issues.map((i) => `${name}: ${formatIssue(i, 'en')}`));
  }
  if (problems.length) throw new Error(`invalid knowledge base:\n${problems.join('\n')}`);
  const kb = assembleKnowledgeBase(files);
  const cross = checkKnowledgeBase(kb);
  if (cross.length) throw new Error(`invalid knowledge base:\n${cross.map((i) => formatIssue(i, 'en')).join('\n')}`);
  return kb;
}
