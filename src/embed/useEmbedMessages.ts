import { onMounted, ref, type Ref } from 'vue';
import { activateNamespace } from '../i18n/index.ts';

/** The embed mode's messages, loaded when a component of it mounts; `ready` also when loading failed (keys show). */
export function useEmbedMessages(): Ref<boolean> {
  const ready = ref(false);
  onMounted(async () => {
    try {
      await activateNamespace('embed');
    } finally {
      ready.value = true;
    }
  });
  return ready;
}
