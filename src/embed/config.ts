/**
 * The deployment's runtime configuration, aimm.config.json next to index.html (schema: src/schemas/config.schema.json).
 * An operator edits it without rebuilding. Missing → defaults (no origin allowed, no pack); invalid → the whole
 * file is ignored with a readable message, and the app goes on with the defaults.
 */
import type { ValidationIssue } from '../schemas/issues.ts';

export interface PackSource {
  src: string;
  mode: 'add' | 'replace';
}

export interface RuntimeConfig {
  embed: {
    allowedOrigins: string[];
    shareResults: boolean;
    shareAnswers: boolean;
    logoOrigins: string[];
  };
  programmePacks: PackSource[];
}

/** The file as the schema describes it (every field but version optional). */
interface ConfigFile {
  version: 1;
  embed?: Partial<RuntimeConfig['embed']>;
  programmePacks?: PackSource[];
}

export const CONFIG_URL = './aimm.config.json';

export function defaultConfig(): RuntimeConfig {
  return { embed: { allowedOrigins: [], shareResults: false, shareAnswers: false, logoOrigins: [] }, programmePacks: [] };
}

/** What loading gave: the config in force, and whether the file was there, fine, or rejected (with why). */
export type ConfigState =
  | { status: 'missing'; config: RuntimeConfig }
  | { status: 'loaded'; config: RuntimeConfig }
  | { status: 'invalid'; config: RuntimeConfig; issues: ValidationIssue[] };

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Checks a parsed config file; the validator is generated at build time (no eval under a strict CSP). */
export async function checkConfig(data: unknown): Promise<{ ok: true; config: RuntimeConfig } | { ok: false; issues: ValidationIssue[] }> {
  const [{ validateConfig }, { fromAjv }] = await Promise.all([import('../schemas/generated/config.validator.js'), import('../schemas/issues.ts')]);
  if (!validateConfig(data)) return { ok: false, issues: fromAjv(validateConfig.errors) };
  const file = data as ConfigFile;
  const issues: ValidationIssue[] = [];
  // A browser never writes a default port in an origin: "https://x:443" would match nothing, silently.
  for (const key of ['allowedOrigins', 'logoOrigins'] as const) {
    (file.embed?.[key] ?? []).forEach((origin, i) => {
      const port = /:(\d+)$/.exec(origin)?.[1];
      const scheme = origin.slice(0, origin.indexOf(':') + 1);
      if (port !== undefined && DEFAULT_PORT[scheme] === port) {
        issues.push({ path: `embed.${key}[${i}]`, message: { 'zh-CN': `默认端口不写：应为 "${origin.slice(0, -port.length - 1)}"`, en: `leave out the default port: write "${origin.slice(0, -port.length - 1)}"` } });
      }
    });
  }
  if (issues.length) return { ok: false, issues };
  const d = defaultConfig();
  return {
    ok: true,
    config: {
      embed: {
        allowedOrigins: file.embed?.allowedOrigins ?? d.embed.allowedOrigins,
        shareResults: file.embed?.shareResults ?? d.embed.shareResults,
        shareAnswers: file.embed?.shareAnswers ?? d.embed.shareAnswers,
        logoOrigins: file.embed?.logoOrigins ?? d.embed.logoOrigins,
      },
      programmePacks: file.programmePacks ?? d.programmePacks,
    },
  };
}

/** The part of fetch() used here (tests bring their own). */
export type ConfigFetch = (url: string, init?: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'text'> & { headers: { get(name: string): string | null } }>;

/**
 * Fetches and checks the config. A 404 (or a server's HTML fallback page, or no network) means "no config":
 * defaults, nothing said. A file that is there but broken is rejected with its problems listed.
 */
export async function loadConfig(fetchFn: ConfigFetch = (u, i) => fetch(u, i)): Promise<ConfigState> {
  let text: string;
  try {
    // no-cache: revalidated on every start, so an operator's edit applies on the next page load.
    const res = await fetchFn(CONFIG_URL, { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) return { status: 'missing', config: defaultConfig() };
    text = await res.text();
  } catch {
    return { status: 'missing', config: defaultConfig() };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { status: 'invalid', config: defaultConfig(), issues: [{ path: '', message: { 'zh-CN': `不是有效的 JSON：${detail}`, en: `is not valid JSON: ${detail}` } }] };
  }
  const checked = await checkConfig(data);
  return checked.ok ? { status: 'loaded', config: checked.config } : { status: 'invalid', config: defaultConfig(), issues: checked.issues };
}

let started: Promise<ConfigState> | null = null;

/** The config of this page load, fetched once (src/start.ts starts it once the page is live; the rest awaits it). */
export function runtimeConfig(): Promise<ConfigState> {
  started ??= loadConfig().then((state) => {
    if (state.status === 'invalid') {
      console.error(`aimm.config.json is invalid and was ignored (the app runs with the defaults: no portal allowed, no programme pack):\n${state.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message.en}`).join('\n')}`);
    }
    return state;
  });
  return started;
}

/** For tests: forget the loaded config. */
export function resetRuntimeConfig(next: Promise<ConfigState> | null = null): void {
  started = next;
}

/** The config if the page started loading it (src/start.ts does); defaults otherwise (tests, the CLI's imports). */
export function configInForce(): Promise<ConfigState> {
  return started ?? Promise.resolve({ status: 'missing', config: defaultConfig() });
}
