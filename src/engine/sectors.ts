import type { Sector } from './types.ts';

/** A sector found by a search, with how well it matched (higher is better). */
export interface SectorMatch {
  sector: Sector;
  score: number;
}

const CODE = /^c?(\d{2,4})$/;

/**
 * Finds sectors from the words an owner types ("我们是做冲压件的", "速冻水饺厂", "lithium cells"): a name or an
 * everyday keyword found inside the query, or the query inside one (while still typing). Longer matches rank
 * first; on a tie the more specific class wins (C3841 before C38), then the code order. A code (C38, 3841)
 * lists that sector and everything under it. An empty query lists every sector in code order.
 */
export function searchSectors(sectors: readonly Sector[], query: string): SectorMatch[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return sectors.map((sector) => ({ sector, score: 0 }));
  const code = CODE.exec(q.replace(/\s/g, ''));
  if (code) {
    const digits = code[1] as string;
    const out: SectorMatch[] = [];
    for (const sector of sectors) if (sector.id.slice(1).startsWith(digits)) out.push({ sector, score: sector.id.length === digits.length + 1 ? 2 : 1 });
    return out.sort(byScore);
  }
  const out: SectorMatch[] = [];
  for (const sector of sectors) {
    let best = 0;
    for (const term of termsOf(sector)) best = Math.max(best, matchScore(q, term));
    if (best > 0) out.push({ sector, score: best });
  }
  if (out.length > 0) return out.sort(byScore);
  // Nothing matched as a whole: words in common, for English typed in another order ("lithium cells").
  for (const sector of sectors) {
    let best = 0;
    for (const term of termsOf(sector)) best = Math.max(best, sharedWords(q, term));
    if (best > 0) out.push({ sector, score: best });
  }
  return out.sort(byScore);
}

function termsOf(sector: Sector): string[] {
  const terms = [sector.name['zh-CN'].toLowerCase(), sector.name.en.toLowerCase()];
  for (const w of sector.keywords?.['zh-CN'] ?? []) terms.push(w.toLowerCase());
  for (const w of sector.keywords?.en ?? []) terms.push(w.toLowerCase());
  return terms;
}

/** A whole term inside the query counts double its length; the query inside a term (typing) counts its own. */
function matchScore(query: string, term: string): number {
  if (term.length < 2) return 0;
  if (query.includes(term)) return 2 * term.length;
  if (query.length >= 2 && term.includes(query)) return query.length;
  return 0;
}

/** The letters of the English words a query shares with a term ("lithium cells" and "lithium-ion battery"). */
function sharedWords(query: string, term: string): number {
  let shared = 0;
  const words = new Set(wordsOf(term));
  for (const w of wordsOf(query)) if (words.has(w)) shared += w.length;
  return shared;
}

/** Latin words of four letters or more, a crude stem taken off (cells → cell, moulding → mould). */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(/[^a-z]+/)) {
    if (w.length < 4 || STOP.has(w)) continue;
    out.push(w.replace(/(ings?|s)$/, ''));
  }
  return out;
}

/** Words too common in sector names to tell sectors apart. */
const STOP = new Set(['manufacturing', 'manufacture', 'other', 'products', 'product', 'processing', 'making', 'industry', 'equipment', 'factory', 'with', 'from', 'that', 'this']);

function byScore(a: SectorMatch, b: SectorMatch): number {
  return b.score - a.score || b.sector.id.length - a.sector.id.length || (a.sector.id < b.sector.id ? -1 : a.sector.id > b.sector.id ? 1 : 0);
}
