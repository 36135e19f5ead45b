import { reactive } from 'vue';
import type { ValidationIssue } from '../schemas/issues.ts';
import type { Theme, ThemeKey } from './theme.ts';

/** What embed mode and the operator's notice (?debug=1) show: the theme, the connection, what was refused. */
export const embedState = reactive({
  theme: {} as Theme,
  /** Theme values refused (from the URL or a setTheme command). */
  themeRejected: [] as ThemeKey[],
  configStatus: 'pending' as 'pending' | 'missing' | 'loaded' | 'invalid',
  configIssues: [] as ValidationIssue[],
  parentOrigin: null as string | null,
  connected: false,
  ignored: 0,
  /** Prefilled fields refused (unknown code, bad name) — answered ones are skipped silently. */
  prefillRejected: [] as string[],
});
