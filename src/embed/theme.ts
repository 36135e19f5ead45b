/**
 * A portal's theme, from URL parameters or the setTheme command: a primary colour, a logo, the portal's name.
 * Nothing the host sends reaches the page but through these checks: the colour only as a published CSS custom
 * property set through the CSSOM, the logo only as an <img> source of an allowed kind, the name only as text.
 */

export interface Theme {
  /** #rrggbb, dark enough for white text on it and for links on white (contrast ≥ 4.5:1). */
  primary?: string;
  /** data:image/png|jpeg;base64,… or an http(s) URL on the app's own origin or one of config embed.logoOrigins. */
  logo?: string;
  /** The portal's name, plain text of at most 60 characters. */
  name?: string;
}

export type ThemeKey = keyof Theme;

export const MAX_NAME = 60;
/** Room for a 300 KB image as a data URL (the consultant's cover logo has the same bound). */
export const MAX_LOGO_URL = 409_664;
export const MIN_CONTRAST = 4.5;

const HEX = /^#[0-9a-fA-F]{6}$/;
const DATA_LOGO = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
// C0/C1 control characters and the bidirectional overrides, which could make a name read as something else.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export function validPrimary(value: unknown): string | null {
  if (typeof value !== 'string' || !HEX.test(value)) return null;
  return contrastWithWhite(value) >= MIN_CONTRAST ? value.toLowerCase() : null;
}

/** The logo when it is a PNG/JPEG data URL or an http(s) URL whose origin is allowed; null otherwise. */
export function validLogo(value: unknown, allowedOrigins: readonly string[]): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LOGO_URL) return null;
  if (value.startsWith('data:')) return DATA_LOGO.test(value) ? value : null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return allowedOrigins.includes(url.origin) ? url.href : null;
}

export function validName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  if (name.length === 0 || [...name].length > MAX_NAME || CONTROL.test(name)) return null;
  return name;
}

/**
 * Keeps what passes and lists what did not (for the debug notice). `appOrigin` is always allowed for a logo;
 * a strict CSP's img-src 'self' data: still blocks a logo from any other origin.
 */
export function checkTheme(raw: Partial<Record<ThemeKey, unknown>>, appOrigin: string, logoOrigins: readonly string[]): { theme: Theme; rejected: ThemeKey[] } {
  const theme: Theme = {};
  const rejected: ThemeKey[] = [];
  const take = (key: ThemeKey, value: string | null): void => {
    if (raw[key] === undefined) return;
    if (value === null) rejected.push(key);
    else theme[key] = value;
  };
  take('primary', validPrimary(raw.primary));
  take('logo', validLogo(raw.logo, [appOrigin, ...logoOrigins]));
  take('name', validName(raw.name));
  return { theme, rejected };
}

/** A darker shade of the colour (hover, borders): each channel scaled towards black. */
export function darken(hex: string, factor = 0.78): string {
  const part = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * factor).toString(16).padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}

/** The published custom properties a theme sets (and only these). */
export const THEME_PROPERTIES = ['--c-primary', '--c-primary-dark'] as const;

/** Sets the primary colour through the CSSOM (allowed under style-src 'self'); no colour → the built-in one. */
export function applyPrimary(root: { style: Pick<CSSStyleDeclaration, 'setProperty' | 'removeProperty'> }, primary: string | undefined): void {
  if (!primary) {
    for (const p of THEME_PROPERTIES) root.style.removeProperty(p);
    return;
  }
  root.style.setProperty('--c-primary', primary);
  root.style.setProperty('--c-primary-dark', darken(primary));
}
