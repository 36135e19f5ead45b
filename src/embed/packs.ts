/**
 * Programme packs listed in the runtime config, fetched from the app's own origin, checked like the built-in
 * policies and merged into the knowledge base before any diagnosis. A pack that fails is left out with a
 * readable message (console, and the ?debug=1 notice); the built-in data stays in use.
 */
import { applyProgrammePack, type KnowledgeBase } from '../engine/index.ts';
import { formatIssue, type ValidationIssue } from '../schemas/issues.ts';
import { checkProgrammePack } from '../schemas/programme-pack.ts';
import type { PackSource } from './config.ts';

export type PackReport =
  | { src: string; status: 'applied'; id: string; records: number }
  | { src: string; status: 'rejected'; issues: ValidationIssue[] };

type Fetch = (url: string, init?: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'text'>>;

const issue = (zh: string, en: string): ValidationIssue[] => [{ path: '', message: { 'zh-CN': zh, en } }];

/** The pack's URL when it stays on the app's origin; null for one that leads elsewhere. */
export function sameOriginUrl(src: string, base: string): string | null {
  try {
    const url = new URL(src, base);
    return url.origin === new URL(base).origin ? url.href : null;
  } catch {
    return null;
  }
}

async function loadOne(source: PackSource, kb: KnowledgeBase, base: string, fetchFn: Fetch): Promise<{ report: PackReport; kb: KnowledgeBase }> {
  const rejected = (issues: ValidationIssue[]) => ({ report: { src: source.src, status: 'rejected' as const, issues }, kb });
  const url = sameOriginUrl(source.src, base);
  if (!url) return rejected(issue('不在本站：数据包只能从应用所在的同一来源加载', 'not on this site: packs load from the app\'s own origin only'));
  let text: string;
  try {
    const res = await fetchFn(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok) return rejected(issue(`无法加载（HTTP ${res.status}）`, `could not be loaded (HTTP ${res.status})`));
    text = await res.text();
  } catch {
    return rejected(issue('无法加载（网络错误）', 'could not be loaded (network error)'));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return rejected(issue(`不是有效的 JSON：${detail}`, `is not valid JSON: ${detail}`));
  }
  const checked = checkProgrammePack(data, kb);
  if (!checked.ok) return rejected(checked.issues);
  return {
    report: { src: source.src, status: 'applied', id: checked.value.id, records: checked.value.records.length },
    kb: applyProgrammePack(kb, checked.value, source.mode),
  };
}

let reports: PackReport[] = [];

/** What became of each configured pack on this page load (for the ?debug=1 notice). */
export function packReports(): readonly PackReport[] {
  return reports;
}

/** Applies the configured packs in their order; each rejected one is said on the console and skipped. */
export async function applyConfiguredPacks(
  kb: KnowledgeBase,
  sources: readonly PackSource[],
  base: string = typeof location === 'undefined' ? 'http://localhost/' : location.href,
  fetchFn: Fetch = (u, i) => fetch(u, i),
): Promise<{ kb: KnowledgeBase; reports: PackReport[] }> {
  let current = kb;
  const out: PackReport[] = [];
  for (const source of sources) {
    const { report, kb: next } = await loadOne(source, current, base, fetchFn);
    current = next;
    out.push(report);
    if (report.status === 'rejected') {
      console.error(`Programme pack ${source.src} was rejected; the built-in programmes are used instead:\n${report.issues.map((i) => `  ${formatIssue(i, 'en')}`).join('\n')}`);
    }
  }
  reports = out;
  return { kb: current, reports: out };
}
