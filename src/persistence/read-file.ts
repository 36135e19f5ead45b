import type { ValidationIssue } from '../schemas/issues.ts';
import { MAX_IMPORT_BYTES } from './exchange.ts';

interface Importer {
  importText(text: string): Promise<{ ok: true; added: unknown[]; alreadyThere: number } | { ok: false; issues: ValidationIssue[] }>;
}

/** Reads a file the user picked and imports it; a file too large is refused before it is read. */
export async function readImport(file: Blob, importer: Importer): Promise<{ ok: true; added: number; alreadyThere: number } | { ok: false; issues: ValidationIssue[] }> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, issues: [{ path: '', message: { 'zh-CN': `文件太大（超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），不是本工具保存的文件`, en: `the file is too large (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB) to be one this app saved` } }] };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, issues: [{ path: '', message: { 'zh-CN': '无法读取这个文件', en: 'the file cannot be read' } }] };
  }
  const result = await importer.importText(text.replace(/^\uFEFF/, ''));
  return result.ok ? { ok: true, added: result.added.length, alreadyThere: result.alreadyThere } : result;
}
