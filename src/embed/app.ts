/**
 * Embed mode's wiring into the app (loaded only with ?embed=1 or ?debug=1): the runtime config, the theme and
 * prefill from the URL, the bridge to the host and the events it reports. The decisions themselves live in
 * pure modules (config, theme, prefill, protocol, bridge); this file only connects them to the stores.
 */
import { watch } from 'vue';
import type { Locale } from '../engine/index.ts';
import { i18n, setLocale } from '../i18n/index.ts';
import { useView } from '../composables/useView.ts';
import { useAssessmentStore } from '../stores/assessment.ts';
import { useWorkspaceStore } from '../stores/workspace.ts';
import { runtimeConfig, type RuntimeConfig } from './config.ts';
import { createBridge, watchHeight, type Bridge } from './bridge.ts';
import { parseEmbedParams, type Prefill } from './params.ts';
import { planPrefill } from './prefill.ts';
import { completedPayload, type AppPayload, type HostCommand } from './protocol.ts';
import { frameLimits, tryPrint } from './sandbox.ts';
import { embedState } from './state.ts';
import { applyPrimary, checkTheme, type Theme, type ThemeKey } from './theme.ts';
import type { PageFlags } from './mode.ts';
import './embed.css';

let bridge: Bridge | null = null;

/** The bridge of this page (null outside embed mode), for the embed bar's print button and tests. */
export function currentBridge(): Bridge | null {
  return bridge;
}

function setTheme(raw: Partial<Record<ThemeKey, unknown>>, config: RuntimeConfig): void {
  const { theme, rejected } = checkTheme(raw, location.origin, config.embed.logoOrigins);
  const next: Theme = { ...embedState.theme, ...theme };
  embedState.theme = next;
  embedState.themeRejected = rejected;
  if (rejected.length) console.warn(`AIMM embed: theme value(s) ignored, they do not pass the checks: ${rejected.join(', ')}`);
  applyPrimary(document.documentElement, next.primary);
}

export async function startEmbed(flags: PageFlags): Promise<void> {
  const state = await runtimeConfig();
  embedState.configStatus = state.status;
  embedState.configIssues = state.status === 'invalid' ? state.issues : [];
  if (!flags.embed) return;
  const config = state.config;
  const root = document.documentElement;
  root.classList.add('aimm-embed');
  root.dataset.aimmIgnored = '0';

  const params = parseEmbedParams(location.search);
  if (Object.keys(params.theme).length) setTheme(params.theme, config);

  const store = useAssessmentStore();
  const workspace = useWorkspaceStore();
  const { view, go } = useView();

  // Prefill: the URL's values, then a command's; applied to each diagnosis opened or started, never over an answer.
  let prefill: Prefill = { ...params.prefill };
  function applyPrefill(): void {
    if (!store.id || !store.questionKnowledge || Object.keys(prefill).length === 0) return;
    const plan = planPrefill(prefill, { profile: store.profile, company: store.meta.company }, store.questionKnowledge);
    for (const [key, value] of Object.entries(plan.profile)) store.setAnswer(key, value);
    if (plan.company !== null) store.setMeta({ company: plan.company });
    const refused = plan.skipped.filter((s) => s.why === 'invalid').map((s) => s.field);
    embedState.prefillRejected = refused;
    if (refused.length) console.warn(`AIMM embed: prefill value(s) ignored, not known to the knowledge base or not valid: ${refused.join(', ')}`);
  }
  watch(() => [store.id, store.questionKnowledge] as const, applyPrefill, { immediate: true });

  async function restart(): Promise<void> {
    const depth = store.depth ?? 'quick';
    if (await store.start(depth)) go('questions', { id: store.id });
  }

  function onCommand(command: Exclude<HostCommand, { type: 'hello' }>): void {
    switch (command.type) {
      case 'setLanguage':
        void setLocale(command.lang);
        break;
      case 'setTheme': {
        const { primary, logo, name } = command;
        setTheme({ ...(primary !== undefined ? { primary } : {}), ...(logo !== undefined ? { logo } : {}), ...(name !== undefined ? { name } : {}) }, config);
        break;
      }
      case 'prefill': {
        const { sector, province, company } = command;
        prefill = { ...prefill, ...(sector !== undefined ? { sector } : {}), ...(province !== undefined ? { province } : {}), ...(company !== undefined ? { company } : {}) };
        applyPrefill();
        break;
      }
      case 'restart':
        void restart();
        break;
      case 'print':
        tryPrint();
        break;
    }
  }

  const readyPayload = (): AppPayload => ({
    type: 'ready',
    lang: i18n.global.locale.value as Locale,
    depthOptions: ['quick', 'full'],
    capabilities: {
      downloads: null,
      popups: frameLimits.popups,
      storage: workspace.persistent === false ? 'memory' : 'persistent',
    },
  });

  // ready says where answers are kept: known once the workspace has opened its storage.
  await workspace.init();
  const b = createBridge({
    win: window,
    allowedOrigins: config.embed.allowedOrigins,
    embedId: params.embedId,
    readyPayload,
    onCommand,
    onIgnored: (n) => {
      embedState.ignored = n;
      root.dataset.aimmIgnored = String(n);
    },
    onConnect: (origin, connected) => {
      embedState.parentOrigin = origin;
      embedState.connected = true;
      // The host sets the frame's height from now on: the frame itself never scrolls.
      root.classList.add('aimm-sized');
      connected.send({ type: 'resize', height: Math.ceil(root.getBoundingClientRect().height) });
    },
  });
  bridge = b;
  embedState.parentOrigin = b.parentOrigin;
  if (b.parentOrigin && !b.connected) console.info(`AIMM embed: ${b.parentOrigin} is not in aimm.config.json embed.allowedOrigins, so the app sends it nothing and obeys no command.`);

  watchHeight(document, (height) => b.send({ type: 'resize', height }));

  const sendProgress = (): void => {
    if (store.id) b.send({ type: 'progress', answered: store.answeredCount, total: store.visible.length });
  };
  // While a diagnosis starts, its prefilled answers wait: a host hears `started` before any progress of it.
  let starting = 0;
  store.$onAction(({ name, after, onError }) => {
    if (name !== 'start' && name !== 'reassess') return;
    starting += 1;
    onError(() => {
      starting -= 1;
    });
    after((ok) => {
      starting -= 1;
      if (ok && store.id && store.depth) b.send({ type: 'started', depth: store.depth, diagnosisId: store.id });
      sendProgress();
    });
  });

  watch(
    () => [store.id, store.profile, store.answers, store.visible.length] as const,
    () => {
      if (starting === 0) sendProgress();
    },
  );

  let lastQuestion = '';
  watch(
    () => [view.value, store.position, store.visible] as const,
    ([v, position, visible]) => {
      if (v !== 'questions' || !position) return;
      const index = visible.findIndex((q) => q.question.id === position);
      const q = visible[index];
      if (!q) return;
      const key = `${store.id}|${position}|${visible.length}`;
      if (key === lastQuestion) return;
      lastQuestion = key;
      b.send({ type: 'question', questionId: position, index: index + 1, total: visible.length, section: q.section.id });
    },
    { immediate: true },
  );

  // Once per completion: the same diagnosis with the same answers is not reported twice.
  const reported = new Set<string>();
  watch(
    () => [view.value, store.complete, store.id, store.diagnosis] as const,
    ([v, complete, id, diagnosis]) => {
      if (v !== 'report' || !complete || !id || !store.depth) return;
      // The score needs the whole knowledge base, which loads while the user answers; ask for it if not yet there.
      if (!diagnosis) {
        if (!store.knowledge) void store.loadKnowledge();
        return;
      }
      const key = `${id}|${JSON.stringify(store.file)}`;
      if (reported.has(key)) return;
      reported.add(key);
      b.send(completedPayload(store.depth, diagnosis, store.file, config.embed));
    },
    { immediate: true },
  );
}
