import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.ts';
import { runtimeConfig } from './embed/config.ts';
import './styles/main.css';

// The deployment's aimm.config.json loads beside the locale, never in front of the first paint.
void runtimeConfig();

const app = createApp(App).use(createPinia()).use(i18n);
await setLocale(initialLocale());
app.mount('#app');
