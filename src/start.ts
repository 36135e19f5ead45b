import { createApp, createSSRApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.ts';
import { runtimeConfig } from './embed/config.ts';
import { useAssessmentStore } from './stores/assessment.ts';
import { useWorkspaceStore } from './stores/workspace.ts';
import { nextTask } from './composables/idle.ts';
import { useView } from './composables/useView.ts';
import './styles/main.css';

/**
 * Starts the app in `container`. With `shell`, the container holds the landing page as src/shell/render.ts
 * drew it (in Chinese, its buttons busy): the app takes that markup over in the same state, then becomes ready.
 * Without, anything in the container (a shell the guard hid) gives way to the app's own drawing.
 * The steps run as separate tasks (nextTask), none long enough to hold up a tap on a phone.
 */
export async function startApp(container: HTMLElement, shell: boolean): Promise<void> {
  await nextTask();
  const pinia = createPinia();
  await setLocale(initialLocale());
  // The stores' set-up is a step of its own, before the components that use them.
  const store = useAssessmentStore(pinia);
  useWorkspaceStore(pinia);
  await nextTask();
  // A link of the pre-rendered page (我的诊断) followed while the code loaded leads elsewhere: draw that instead.
  const hydrate = shell && useView().view.value === 'landing';
  const app = (hydrate ? createSSRApp(App) : createApp(App)).use(pinia).use(i18n);
  if (hydrate) store.loading = true;
  else {
    container.textContent = '';
    document.documentElement.removeAttribute('data-shell');
  }
  app.mount(container);
  store.loading = false;
  // The deployment's aimm.config.json, once the page is live.
  await nextTask();
  void runtimeConfig();
}
