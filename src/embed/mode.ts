/**
 * Whether this page load is embed mode (`?embed=1`) or shows the operator's notices (`?debug=1`). Tiny on
 * purpose: it is part of the landing page; everything else of embed mode loads only in embed mode.
 */
export interface PageFlags {
  embed: boolean;
  debug: boolean;
}

export function pageFlags(search: string = globalThis.location?.search ?? ''): PageFlags {
  const q = new URLSearchParams(search);
  return { embed: q.get('embed') === '1', debug: q.get('debug') === '1' };
}
