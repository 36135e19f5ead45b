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

function readBranding(storage: SafeStorage): Branding {
  const empty: Branding = { name: '', organization: '', logoDataUrl: '' };
  const raw = storage.get(BRANDING_KEY);
  if (raw === null) return empty;
  try {
    const data = JSON.parse(raw) as Partial<Record<keyof Branding, unknown>>;
    return {
      name: typeof data.name === 'string' ? data.name.slice(0, 200) : '',
      organization: typeof data.organization === 'string' ? data.organization.slice(0, 200) : '',
      logoDataUrl: typeof data.logoDataUrl === 'string' && DATA_URL.test(data.logoDataUrl) ? data.logoDataUrl : '',
    };
  } catch {
    return empty;
  }
}

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

  /** Takes a PNG or JPEG of at most MAX_LOGO_BYTES as the logo; anything else is refused and says why. */
  async function setLogo(file: Blob): Promise<LogoResult> {
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'type';
    if (file.size > MAX_LOGO_BYTES) return 'size';
    let url: string;
    try {
      url = await readAsDataUrl(file);
    } catch {
      return 'read';
    }
    if (!DATA_URL.test(url)) return 'read';
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

  return { name, organization, logoDataUrl, saved, persistent: storage.persistent, set, setLogo, clearLogo, clear };
});
