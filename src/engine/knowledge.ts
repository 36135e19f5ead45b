import type { CubeFile, KnowledgeBase, KnowledgeFile, KnowledgeKind, Rules } from './types.ts';
import { KNOWLEDGE_KINDS } from './types.ts';

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

/** Puts the (already schema-validated) knowledge files together; one file of each kind, one version for all. */
export function assembleKnowledgeBase(files: readonly KnowledgeFile[]): KnowledgeBase {
  const byKind = new Map<KnowledgeKind, KnowledgeFile>();
  const duplicated: KnowledgeKind[] = [];
  for (const file of files) {
    if (byKind.has(file.kind)) duplicated.push(file.kind);
    byKind.set(file.kind, file);
  }
  const missing = KNOWLEDGE_KINDS.filter((k) => !byKind.has(k));
  const versions = [...new Set(files.map((f) => f.version))];
  if (missing.length || duplicated.length || versions.length > 1) throw new KnowledgeBaseError(missing, duplicated, versions);
  const get = <K extends KnowledgeKind>(kind: K): ByKind[K] => byKind.get(kind) as ByKind[K];
  return {
    version: versions[0] ?? '0.0.0',
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
