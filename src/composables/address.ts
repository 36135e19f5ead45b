/**
 * The app's screens, each with an address (#/d/<id>/questions/<question>, #/d/<id>/report, #/compare/<a>/<b>,
 * #/s/<shared answers>) that keeps it linkable inside any iframe or static host and makes the browser's Back
 * and Forward step through them. A hand-written router: see the README for why not vue-router.
 * Pure (no Vue, no DOM): the landing page's start-up guard (src/shell/guard.ts) reads addresses as the app does.
 */
export type View = 'landing' | 'workspace' | 'questions' | 'review' | 'report' | 'compare' | 'shared';
const DIAGNOSIS_VIEWS = ['questions', 'review', 'report'] as const;

export interface Location {
  view: View;
  /** The diagnosis shown (questions, review, report); null on an address of today's single-draft app. */
  id: string | null;
  /** The question shown, on the questionnaire screen. */
  question: string | null;
  /** The diagnosis compared with, on the comparison screen; the shared answers, on a shared report. */
  other: string | null;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** decodeURIComponent that never throws: a malformed `%` escape names nothing instead of blanking the app. */
function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
const idOf = (part: string | undefined): string | null => {
  const value = decode(part);
  return value !== null && ID.test(value) ? value : null;
};

/** Reads the address; one that names no screen (an in-page anchor such as #main) gives null. */
export function parseHash(hash: string): Location | null {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const parts = path.split('/');
  const [name = ''] = parts;
  const at = (view: View, id: string | null = null, question: string | null = null, other: string | null = null): Location => ({ view, id, question, other });
  if (name === '') return at('landing');
  if (name === 'workspace') return at('workspace');
  if (name === 's') return parts[1] ? at('shared', null, null, parts.slice(1).join('/')) : at('landing');
  if (name === 'compare') {
    const a = idOf(parts[1]);
    const b = idOf(parts[2]);
    return a && b ? at('compare', a, null, b) : at('workspace');
  }
  if (name === 'd') {
    const id = idOf(parts[1]);
    const view = parts[2] ?? 'questions';
    if (!id) return at('workspace');
    if (!(DIAGNOSIS_VIEWS as readonly string[]).includes(view)) return at('questions', id);
    return at(view as View, id, view === 'questions' ? idOf(parts[3]) : null);
  }
  // Addresses of the single-draft app (#/questions/<q>, #/review, #/report): the app finds the draft.
  if ((DIAGNOSIS_VIEWS as readonly string[]).includes(name)) return at(name as View, null, name === 'questions' ? idOf(parts[1]) : null);
  return null;
}

export function toHash(location: Location): string {
  const enc = encodeURIComponent;
  switch (location.view) {
    case 'landing':
      return '#/';
    case 'workspace':
      return '#/workspace';
    case 'shared':
      return `#/s/${location.other ?? ''}`;
    case 'compare':
      return `#/compare/${enc(location.id ?? '')}/${enc(location.other ?? '')}`;
    default: {
      if (!location.id) return location.question ? `#/${location.view}/${enc(location.question)}` : `#/${location.view}`;
      const base = `#/d/${enc(location.id)}/${location.view}`;
      return location.question ? `${base}/${enc(location.question)}` : base;
    }
  }
}
