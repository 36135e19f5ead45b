import type { CubeFile, KnowledgeBase, KnowledgeFile, KnowledgeKind, QuestionKnowledge, Rules } from './types.ts';
import { KNOWLEDGE_KINDS, QUESTION_KINDS } from './types.ts';

export class KnowledgeBaseError extends Error {
  constructor(readonly missing: KnowledgeKind[], readonly duplicated: KnowledgeKind[], readonly versions: string[]) {
    super(
      [
        missing.length ? `missing knowledge files: ${missing.join(', ')}` : '',
        duplicated.length ? `knowledge files given twice: ${duplicated.join(', ')}` : '',
        versions.length > 1 ? `knowledge files disagree on the version: ${versions.join(', ')}` : '',
      ].filter(Boolean).join('; '),
    );
    this.name = 'KnowledgeBaseError';
  }
}

type ByKind = { [K in KnowledgeKind]: Extract<KnowledgeFile, { kind: K }> };

/** One file of each expected kind, one version for all; anything else throws. */
function byKindOf(files: readonly KnowledgeFile[], expected: readonly KnowledgeKind[]) {
  const byKind = new Map<KnowledgeKind, KnowledgeFile>();
  const duplicated: KnowledgeKind[] = [];
  for (const file of files) {
    if (byKind.has(file.kind)) duplicated.push(file.kind);
    byKind.set(file.kind, file);
  }
  const missing = expected.filter((k) => !byKind.has(k));
  const versions = [...new Set(files.map((f) => f.version))];
  if (missing.length || duplicated.length || versions.length > 1) throw new KnowledgeBaseError(missing, duplicated, versions);
  return { version: versions[0] ?? '0.0.0', get: <K extends KnowledgeKind>(kind: K): ByKind[K] => byKind.get(kind) as ByKind[K] };
}

/**
 * The questions' part of the knowledge base (QUESTION_KINDS), with the same checks as the whole: the question
 * screens draw from it while the rest loads. `assembleKnowledgeBase` over all files gives the same records.
 */
export function assembleQuestionKnowledge(files: readonly KnowledgeFile[]): QuestionKnowledge {
  const { version, get } = byKindOf(files, QUESTION_KINDS);
  return { version, industryTypes: get('industry-types').records, sectors: get('sectors').records, regions: get('regions').records };
}

/** Puts the (already schema-validated) knowledge files together; one file of each kind, one version for all. */
export function assembleKnowledgeBase(files: readonly KnowledgeFile[]): KnowledgeBase {
  const { version, get } = byKindOf(files, KNOWLEDGE_KINDS);
  return {
    version,
    cube: get('cube') as CubeFile,
    industryTypes: get('industry-types').records,
    sectors: get('sectors').records,
    regions: get('regions').records,
    cases: get('cases').records,
    policies: get('policies').records,
    challenges: get('challenges').records,
    impacts: get('impacts').records,
    fields: get('fields').records,
    painPoints: get('pain-points').records,
    scenarios: get('scenarios').records,
    enablers: get('enablers').records,
    roles: get('roles').records,
    yardsticks: get('yardsticks').records,
    rules: get('rules') as Rules,
  };
}
