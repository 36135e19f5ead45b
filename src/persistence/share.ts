import type { AnswersFile } from '../engine/index.ts';
import type { ValidationIssue } from '../schemas/issues.ts';
import { isRecord, salvageFile, type Depth } from './format.ts';

/**
 * A share link carries one diagnosis's answers in the address fragment (#/s/…), which browsers never send to
 * a server: JSON, deflate-raw compressed (CompressionStream, built into the browser and Node), base64url.
 */
export const SHARE_VERSION = 1;
/** The longest fragment read (a full diagnosis takes about 1 KB) and the most it may unpack to. */
export const MAX_SHARE_CHARS = 16_000;
export const MAX_SHARE_BYTES = 256 * 1024;

export interface Shared {
  depth: Depth;
  file: AnswersFile;
  completedAt: number | null;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      // A small link that unpacks to megabytes is not one of ours.
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function encodeShare(shared: Shared): Promise<string> {
  const json = JSON.stringify({ v: SHARE_VERSION, d: shared.depth, c: shared.completedAt, f: shared.file });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return toBase64Url(packed ?? new Uint8Array());
}

const bad = (zh: string, en: string): { ok: false; issues: ValidationIssue[] } => ({ ok: false, issues: [{ path: '', message: { 'zh-CN': zh, en } }] });

/**
 * Reads a share link's payload. Never throws: a damaged, truncated or hostile link is reported as such.
 * The answers are checked against the questionnaire by the screen that shows them.
 */
export async function decodeShare(payload: string): Promise<{ ok: true; value: Shared; dropped: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] }> {
  const damaged = bad('这个分享链接已损坏或不完整，请向发送者重新索取', 'this share link is damaged or incomplete: ask the sender for it again');
  if (typeof payload !== 'string' || payload.length === 0 || payload.length > MAX_SHARE_CHARS) return damaged;
  const bytes = fromBase64Url(payload);
  if (!bytes) return damaged;
  let text: string;
  try {
    const raw = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARE_BYTES);
    if (!raw) return damaged;
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return damaged;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return damaged;
  }
  if (!isRecord(data)) return damaged;
  if (typeof data['v'] === 'number' && data['v'] > SHARE_VERSION) {
    return bad('这个链接来自更新版本的工具，请先更新本工具', 'this link comes from a newer version of the app: update the app first');
  }
  if (data['v'] !== SHARE_VERSION || (data['d'] !== 'quick' && data['d'] !== 'full')) return damaged;
  const salvaged = salvageFile(data['f'], 'answers');
  if (!salvaged) return damaged;
  const c = data['c'];
  return {
    ok: true,
    value: { depth: data['d'], file: salvaged.file, completedAt: typeof c === 'number' && Number.isFinite(c) ? c : null },
    dropped: salvaged.dropped,
  };
}
