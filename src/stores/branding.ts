import { defineStore } from 'pinia';
import { ref } from 'vue';
import { appStorage, type SafeStorage } from '../composables/safeStorage.ts';

export const BRANDING_KEY = 'aimm:branding';
/** The largest logo kept: it lives in local storage and in every printed page, so it stays small. */
export const MAX_LOGO_BYTES = 300 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
const DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;

export interface Branding {
  name: string;
  organization: string;
  logoDataUrl: string;
}

/** Why a logo was not taken: wrong file type, too large, or the file could not be read. */
export type LogoResult = 'ok' | 'type' | 'size' | 'read';

/** The longest data URL a logo of MAX_LOGO_BYTES makes (base64 is 4/3 of the bytes), with room for its header. */
const MAX_LOGO_URL = Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 64;

/**
 * Reads the saved branding; what is damaged (not JSON, a field of the wrong type, a logo too large or not an
 * image) is left out and `damaged` says so, for the form to tell the consultant rather than drop it silently.
 */
export function readBranding(storage: SafeStorage): Branding & { damaged: boolean } {
  const empty = { name: '', organization: '', logoDataUrl: '', damaged: false };
  const raw = storage.get(BRANDING_KEY);
  if (raw === null) return empty;
  let data: Partial<Record<keyof Branding, unknown>>;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ...empty, damaged: true };
    data = parsed as Partial<Record<keyof Branding, unknown>>;
  } catch {
    return { ...empty, damaged: true };
  }
  let damaged = false;
  const text = (v: unknown): string => {
    if (v === undefined || v === '') return '';
    if (typeof v !== 'string' || v.length > 200) damaged = true;
    return typeof v === 'string' ? v.slice(0, 200) : '';
  };
  const logo = data.logoDataUrl;
  let logoDataUrl = '';
  if (typeof logo === 'string' && logo !== '') {
    const type = /^data:(image\/(?:png|jpeg));/.exec(logo)?.[1] as (typeof LOGO_TYPES)[number] | undefined;
    if (logo.length <= MAX_LOGO_URL && type && DATA_URL.test(logo) && hasSignature(logo, type)) logoDataUrl = logo;
    else damaged = true;
  } else if (logo !== undefined && logo !== '') damaged = true;
  return { name: text(data.name), organization: text(data.organization), logoDataUrl, damaged };
}

/** The first bytes every PNG and every JPEG file starts with. */
const SIGNATURES: Record<(typeof LOGO_TYPES)[number], number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** True when the data URL's bytes start as its declared type's files do (a renamed text file does not). */
function hasSignature(dataUrl: string, type: (typeof LOGO_TYPES)[number]): boolean {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 1 + 12);
  let head: string;
  try {
    head = atob(base64);
  } catch {
    return false;
  }
  return SIGNATURES[type].every((byte, i) => head.charCodeAt(i) === byte);
}

/** Decides whether a file really is an image the browser can draw: true when it decodes. */
export type LogoDecoder = (file: Blob, dataUrl: string) => Promise<boolean>;

/** How long a decode may take before the file counts as not an image. */
const DECODE_TIMEOUT_MS = 10_000;

/**
 * Decodes the image as the browser would draw it on the cover: createImageBitmap where there is one,
 * else an <img> loading the data URL. A file that does not decode (or takes too long) is not an image.
 * Where neither exists there is nothing to draw the logo with, so nothing to check either.
 */
export const decodeLogo: LogoDecoder = (file, dataUrl) => {
  const attempt = new Promise<boolean>((resolve) => {
    if (typeof createImageBitmap === 'function') {
      createImageBitmap(file).then(
        (bitmap) => {
          const ok = bitmap.width > 0 && bitmap.height > 0;
          bitmap.close();
          resolve(ok);
        },
        () => resolve(false),
      );
    } else if (typeof Image === 'function') {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth > 0 && img.naturalHeight > 0);
      img.onerror = () => resolve(false);
      img.src = dataUrl;
    } else {
      resolve(true);
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DECODE_TIMEOUT_MS);
  });
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
};

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('unreadable')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * The consultant's own name, organisation and logo for the report cover. Kept on this device only
 * (never in the answers file), so a consultant sets it once and every report they print carries it.
 */
export const useBrandingStore = defineStore('branding', () => {
  const storage = appStorage;
  const initial = readBranding(storage);
  const name = ref(initial.name);
  const organization = ref(initial.organization);
  const logoDataUrl = ref(initial.logoDataUrl);
  /** False when the last save could not reach persistent storage (the values last for this visit only). */
  const saved = ref(true);
  /** The saved branding was damaged: what could be read is shown, and the form says what was left out. */
  const damaged = ref(initial.damaged);

  function persist(): void {
    const data: Branding = { name: name.value, organization: organization.value, logoDataUrl: logoDataUrl.value };
    const empty = !data.name && !data.organization && !data.logoDataUrl;
    if (empty) {
      storage.remove(BRANDING_KEY);
      saved.value = true;
      return;
    }
    saved.value = storage.set(BRANDING_KEY, JSON.stringify(data));
  }

  function set(next: Partial<Pick<Branding, 'name' | 'organization'>>): void {
    if (next.name !== undefined) name.value = next.name.slice(0, 200);
    if (next.organization !== undefined) organization.value = next.organization.slice(0, 200);
    persist();
  }

  /**
   * Takes a PNG or JPEG of at most MAX_LOGO_BYTES as the logo; anything else is refused and says why.
   * The file must really be one: its first bytes must match its type and it must decode as an image
   * (`decode` is the browser's decoder unless a caller, such as a test, brings its own).
   */
  async function setLogo(file: Blob, decode: LogoDecoder = decodeLogo): Promise<LogoResult> {
    const type = LOGO_TYPES.find((x) => x === file.type);
    if (!type) return 'type';
    if (file.size > MAX_LOGO_BYTES) return 'size';
    let url: string;
    try {
      url = await readAsDataUrl(file);
    } catch {
      return 'read';
    }
    if (!DATA_URL.test(url)) return 'read';
    if (!hasSignature(url, type)) return 'type';
    if (!(await decode(file, url))) return 'type';
    logoDataUrl.value = url;
    persist();
    return 'ok';
  }

  function clearLogo(): void {
    logoDataUrl.value = '';
    persist();
  }

  function clear(): void {
    name.value = '';
    organization.value = '';
    logoDataUrl.value = '';
    persist();
  }

  return { name, organization, logoDataUrl, saved, damaged, persistent: storage.persistent, set, setLogo, clearLogo, clear };
});
