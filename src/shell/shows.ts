import { parseHash } from '../composables/address.ts';
import { chooseLocale } from '../i18n/locale.ts';
import { pageFlags } from '../embed/mode.ts';

export interface PageLoad {
  /** `location.search` and `location.hash` of the page load. */
  search: string;
  hash: string;
  /** The remembered language (localStorage), null when none or unreadable. */
  storedLocale: string | null;
  /** Whether the page is inside a frame. */
  framed: boolean;
}

/**
 * Whether the static shell (index.html's pre-rendered landing page, in Chinese) is what the app will draw first:
 * the landing screen, in Chinese, in a top window, without the embed bar or the operator's notices. Anything else
 * hides the shell, so that no one sees a page that is then replaced by another.
 */
export function showsShell(load: PageLoad): boolean {
  const flags = pageFlags(load.search);
  const view = parseHash(load.hash)?.view ?? 'landing';
  return view === 'landing' && chooseLocale(load.search, load.storedLocale) === 'zh-CN' && !load.framed && !flags.embed && !flags.debug;
}
