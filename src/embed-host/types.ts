/**
 * Public types of the AIMM host script (dist/embed.js, global `AIMM`), protocol v1 (docs/embedding.md).
 * This file holds declarations only: the build copies it to dist/embed.d.ts, adding the global `AIMM`.
 */

export type AimmLanguage = 'zh-CN' | 'en';
export type AimmDepth = 'quick' | 'full';

/** Fields every message from the app carries. */
export interface AimmEnvelope<T extends string> {
  source: 'aimm';
  version: 1;
  embedId: string;
  type: T;
}

export interface AimmReadyMessage extends AimmEnvelope<'ready'> {
  lang: AimmLanguage;
  depthOptions: AimmDepth[];
  /** What the frame may do: null when the app cannot tell. */
  capabilities: { downloads: boolean | null; popups: boolean | null; storage: 'persistent' | 'session' | 'memory' };
}
/** A new diagnosis was started (also after restart). */
export interface AimmStartedMessage extends AimmEnvelope<'started'> {
  depth: AimmDepth;
  diagnosisId: string;
}
export interface AimmProgressMessage extends AimmEnvelope<'progress'> {
  answered: number;
  /** Questions visible with the answers so far. */
  total: number;
}
export interface AimmQuestionMessage extends AimmEnvelope<'question'> {
  questionId: string;
  /** 1-based position among the visible questions, as the screen shows it. */
  index: number;
  total: number;
  /** The id of the questionnaire section. */
  section: string;
}
export interface AimmResizeMessage extends AimmEnvelope<'resize'> {
  /** The frame document's content height, CSS pixels. */
  height: number;
}
/** Sent once per completion, when the report is reached. */
export interface AimmCompletedMessage extends AimmEnvelope<'completed'> {
  depth: AimmDepth;
  /** The diagnosis (src/schemas/result.schema.json): only when the deployment's config sets embed.shareResults. */
  result?: Record<string, unknown>;
  /** The answers (src/schemas/answers.schema.json): only when the deployment's config sets embed.shareAnswers. */
  answers?: Record<string, unknown>;
}

export type AimmMessage =
  | AimmReadyMessage | AimmStartedMessage | AimmProgressMessage | AimmQuestionMessage | AimmResizeMessage | AimmCompletedMessage;

/** Portal branding, validated again by the app (a colour without enough contrast or a logo from elsewhere is ignored). */
export interface AimmTheme {
  /** #rrggbb */
  primary?: string;
  /** A data:image/png or data:image/jpeg URL, or an http(s) URL from an origin in the app's embed.logoOrigins. */
  logo?: string;
  /** The portal's name, plain text, at most 60 characters. */
  name?: string;
}

/** Profile answers given in advance: used only where the enterprise has not answered yet. */
export interface AimmPrefill {
  /** A national-economy industry class code known to the app, e.g. "C3841". */
  sector?: string;
  /** A province code, e.g. "33". */
  province?: string;
  company?: string;
}

export type AimmErrorCode = 'timeout';
export interface AimmError {
  code: AimmErrorCode;
  message: string;
}

export interface AimmDiagnosisOptions {
  /** URL of the app's index.html (absolute, or relative to the host page). */
  src: string;
  /** Initial language; the default is the host page's <html lang> (en… → "en", otherwise "zh-CN"). */
  lang?: AimmLanguage;
  theme?: AimmTheme;
  prefill?: AimmPrefill;
  /** Routes messages when a page holds several frames; generated when left out. [A-Za-z0-9_-]{1,64} */
  embedId?: string;
  /** How long to wait for `ready` before showing the fallback (ms, default 8000). */
  timeoutMs?: number;
  /** The iframe's title (default: the diagnosis' name in the chosen language). */
  title?: string;
  /** A sandbox attribute value for the iframe, e.g. "allow-scripts allow-same-origin allow-forms"; none by default. */
  sandbox?: string;
  /** Height before the first `resize` (CSS length, default "600px"). */
  initialHeight?: string;
  onReady?: (message: AimmReadyMessage) => void;
  onStarted?: (message: AimmStartedMessage) => void;
  onProgress?: (message: AimmProgressMessage) => void;
  onQuestionChanged?: (message: AimmQuestionMessage) => void;
  onHeightChanged?: (message: AimmResizeMessage) => void;
  onCompleted?: (message: AimmCompletedMessage) => void;
  onError?: (error: AimmError) => void;
}

/** One embedded diagnosis. Commands sent before `ready` wait and go once the app is ready. */
export interface AimmDiagnosis {
  readonly iframe: HTMLIFrameElement;
  readonly embedId: string;
  setLanguage(lang: AimmLanguage): void;
  setTheme(theme: AimmTheme): void;
  prefill(fields: AimmPrefill): void;
  print(): void;
  restart(): void;
  /** Removes the frame and the fallback, and stops listening. */
  destroy(): void;
}

/** The global `AIMM`. */
export interface AimmApi {
  readonly version: 1;
  createDiagnosis(container: HTMLElement | string, options: AimmDiagnosisOptions): AimmDiagnosis;
  /** Initialises every `[data-aimm-diagnosis]` element below root not yet initialised (done on DOMContentLoaded). */
  init(root?: ParentNode): AimmDiagnosis[];
  /** The diagnosis a declarative container holds. */
  get(container: HTMLElement): AimmDiagnosis | undefined;
}
