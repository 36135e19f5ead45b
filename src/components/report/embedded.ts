/**
 * True when the app runs inside a frame (a portal embedding us). Reading window.top can throw in odd hosts;
 * that, too, means we are not the top window.
 */
export function isEmbedded(win: Pick<Window, 'self' | 'top'> | undefined = typeof window === 'undefined' ? undefined : window): boolean {
  if (!win) return false;
  try {
    return win.self !== win.top;
  } catch {
    return true;
  }
}
