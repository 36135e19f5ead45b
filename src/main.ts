import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.ts';
import './styles/main.css';

const app = createApp(App).use(createPinia()).use(i18n);
await setLocale(initialLocale());
app.mount('#app');
