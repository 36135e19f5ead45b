import type { KnowledgeBase, LocalizedText, Policy } from './types.ts';

/** A deployment's own programmes (config programmePacks), loaded at run time; records as in seeds/policies.json. */
export interface ProgrammePack {
  kind: 'programme-pack';
  id: string;
  version: string;
  name: LocalizedText;
  publisher: LocalizedText;
  records: Policy[];
}

export type PackMode = 'add' | 'replace';

/** Where a knowledge base's records came from, when a pack changed it: the report names the publisher. */
export interface PackOrigin {
  id: string;
  version: string;
  name: LocalizedText;
  publisher: LocalizedText;
  mode: PackMode;
  /** Ids of the policy records this pack brought in. */
  policies: string[];
}

/**
 * Merges an (already validated) programme pack into a knowledge base, returning a new one (the given one is not
 * changed). "add": the pack's records join the built-in ones; a record with a built-in id takes its place.
 * "replace": the built-in records of group "programme" are dropped and the pack's used instead (offerings and
 * background stay, as do records of packs applied before). Packs applied one after another stack.
 */
export function applyProgrammePack(kb: KnowledgeBase, pack: ProgrammePack, mode: PackMode): KnowledgeBase {
  const fromPacks = new Set((kb.packs ?? []).flatMap((p) => p.policies));
  const incoming = new Set(pack.records.map((r) => r.id));
  const kept = kb.policies.filter((p) => !incoming.has(p.id) && !(mode === 'replace' && p.group === 'programme' && !fromPacks.has(p.id)));
  const earlier = (kb.packs ?? []).map((p) => ({ ...p, policies: p.policies.filter((id) => !incoming.has(id)) }));
  return {
    ...kb,
    policies: [...kept, ...pack.records],
    packs: [...earlier, { id: pack.id, version: pack.version, name: pack.name, publisher: pack.publisher, mode, policies: pack.records.map((r) => r.id) }],
  };
}

/** The pack a policy record came from, or null for a built-in one. */
export function packOf(kb: KnowledgeBase, policyId: string): PackOrigin | null {
  return kb.packs?.find((p) => p.policies.includes(policyId)) ?? null;
}
