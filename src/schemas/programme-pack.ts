import type { KnowledgeBase, ProgrammePack } from '../engine/index.ts';
import { validateProgrammePack } from './generated/programme-pack.validator.js';
import { duplicateIds, fromAjv, type Validation, type ValidationIssue } from './issues.ts';
import { checkKnowledgeBase } from './knowledge.ts';

/**
 * Checks a programme pack: the schema (records exactly as in seeds/policies.json), ids once each, and — with the
 * knowledge base it is to join — the same cross-checks the built-in policies pass (regions and sectors exist,
 * dates in order, a programme has a link). Paths point into the pack file (`records[2].eligibility.regions`).
 */
export function checkProgrammePack(data: unknown, kb?: KnowledgeBase): Validation<ProgrammePack> {
  if (!validateProgrammePack(data)) return { ok: false, issues: fromAjv(validateProgrammePack.errors) };
  const pack = data as ProgrammePack;
  const issues: ValidationIssue[] = duplicateIds(pack.records, 'records');
  if (kb) {
    // The built-in checks run on the knowledge base with the pack's records as its policies.
    for (const issue of checkKnowledgeBase({ ...kb, policies: pack.records })) {
      if (issue.path.startsWith('policies.records')) issues.push({ ...issue, path: issue.path.slice('policies.'.length) });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: pack };
}
