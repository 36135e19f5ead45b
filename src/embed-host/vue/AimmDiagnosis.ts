/**
 * A thin Vue 3 wrapper around the host script for Vue portals: typed props in, typed events out, the frame's
 * commands exposed (`ref.value.print()`). It holds no logic of its own; everything happens in ../core.ts.
 *
 *   <AimmDiagnosis src="https://aimm.example.gov.cn/index.html" lang="zh-CN" :prefill="{ sector: 'C3841' }"
 *     @completed="onCompleted" />
 */
import { defineComponent, h, onBeforeUnmount, onMounted, ref, watch, type PropType } from 'vue';
import { createDiagnosis } from '../core.ts';
import type {
  AimmCompletedMessage, AimmDiagnosis, AimmDiagnosisOptions, AimmError, AimmLanguage, AimmPrefill, AimmProgressMessage,
  AimmQuestionMessage, AimmReadyMessage, AimmResizeMessage, AimmStartedMessage, AimmTheme,
} from '../types.ts';

export default defineComponent({
  name: 'AimmDiagnosis',
  props: {
    src: { type: String, required: true },
    lang: { type: String as PropType<AimmLanguage>, default: undefined },
    theme: { type: Object as PropType<AimmTheme>, default: undefined },
    prefill: { type: Object as PropType<AimmPrefill>, default: undefined },
    embedId: { type: String, default: undefined },
    timeoutMs: { type: Number, default: undefined },
    sandbox: { type: String, default: undefined },
    title: { type: String, default: undefined },
  },
  emits: {
    ready: (_m: AimmReadyMessage) => true,
    started: (_m: AimmStartedMessage) => true,
    progress: (_m: AimmProgressMessage) => true,
    questionChanged: (_m: AimmQuestionMessage) => true,
    heightChanged: (_m: AimmResizeMessage) => true,
    completed: (_m: AimmCompletedMessage) => true,
    error: (_e: AimmError) => true,
  },
  setup(props, { emit, expose }) {
    const root = ref<HTMLElement | null>(null);
    let diagnosis: AimmDiagnosis | null = null;
    onMounted(() => {
      const options: AimmDiagnosisOptions = {
        src: props.src,
        onReady: (m) => emit('ready', m),
        onStarted: (m) => emit('started', m),
        onProgress: (m) => emit('progress', m),
        onQuestionChanged: (m) => emit('questionChanged', m),
        onHeightChanged: (m) => emit('heightChanged', m),
        onCompleted: (m) => emit('completed', m),
        onError: (e) => emit('error', e),
      };
      if (props.lang) options.lang = props.lang;
      if (props.theme) options.theme = props.theme;
      if (props.prefill) options.prefill = props.prefill;
      if (props.embedId) options.embedId = props.embedId;
      if (props.timeoutMs !== undefined) options.timeoutMs = props.timeoutMs;
      if (props.sandbox !== undefined) options.sandbox = props.sandbox;
      if (props.title) options.title = props.title;
      diagnosis = createDiagnosis(root.value as HTMLElement, options);
    });
    watch(() => props.lang, (lang) => {
      if (lang) diagnosis?.setLanguage(lang);
    });
    watch(() => props.theme, (theme) => {
      if (theme) diagnosis?.setTheme(theme);
    }, { deep: true });
    onBeforeUnmount(() => diagnosis?.destroy());
    expose({
      print: () => diagnosis?.print(),
      restart: () => diagnosis?.restart(),
      setLanguage: (lang: AimmLanguage) => diagnosis?.setLanguage(lang),
      iframe: () => diagnosis?.iframe ?? null,
    });
    return () => h('div', { ref: root, class: 'aimm-diagnosis' });
  },
});
