/**
 * The frame URL's parameters (embed protocol v1): embedId, theme.* and prefill.*. Only their form is checked
 * here; a theme's logo origin and a prefilled code's existence are checked where the config and the knowledge
 * base are known (theme.ts, prefill.ts). `lang` is read by the i18n set-up (initialLocale).
 */
import type { Theme } from './theme.ts';

export interface Prefill {
  sector?: string;
  province?: string;
  company?: string;
}

export interface EmbedParams {
  embedId: string | null;
  theme: Partial<Record<keyof Theme, string>>;
  prefill: Prefill;
}

export const EMBED_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_COMPANY = 200;

export function parseEmbedParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const id = q.get('embedId');
  const theme: EmbedParams['theme'] = {};
  for (const key of ['primary', 'logo', 'name'] as const) {
    const v = q.get(`theme.${key}`);
    if (v !== null) theme[key] = v;
  }
  const prefill: Prefill = {};
  for (const key of ['sector', 'province', 'company'] as const) {
    const v = q.get(`prefill.${key}`);
    if (v !== null) prefill[key] = v;
  }
  return { embedId: id !== null && EMBED_ID.test(id) ? id : null, theme, prefill };
}
