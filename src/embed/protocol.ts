/**
 * Embed protocol v1 (schema: src/schemas/embed-protocol.schema.json): the messages the app sends to its host
 * and the commands it takes from it. Pure: building and checking messages, no window.
 */
import type { AnswersFile, Diagnosis, Locale } from '../engine/index.ts';
import { validateHostCommand } from '../schemas/generated/embed-command.validator.js';

export const PROTOCOL_VERSION = 1;
export type Depth = 'quick' | 'full';

export interface Capabilities {
  downloads: boolean | null;
  popups: boolean | null;
  storage: 'persistent' | 'session' | 'memory';
}

export type AppPayload =
  | { type: 'ready'; lang: Locale; depthOptions: Depth[]; capabilities: Capabilities }
  | { type: 'started'; depth: Depth; diagnosisId: string }
  | { type: 'progress'; answered: number; total: number }
  | { type: 'question'; questionId: string; index: number; total: number; section: string }
  | { type: 'resize'; height: number }
  | { type: 'completed'; depth: Depth; result?: Diagnosis; answers?: AnswersFile };

export type AppMessage = AppPayload & { source: 'aimm'; version: 1; embedId?: string };

export type HostCommand = { source: 'aimm-host'; version: 1; embedId?: string } & (
  | { type: 'hello'; embedId: string }
  | { type: 'setLanguage'; lang: Locale }
  | { type: 'setTheme'; primary?: string; logo?: string; name?: string }
  | { type: 'prefill'; sector?: string; province?: string; company?: string }
  | { type: 'restart' }
  | { type: 'print' }
);

/** The envelope every message of the app carries; embedId when the host gave one. */
export function envelope(payload: AppPayload, embedId: string | null): AppMessage {
  return { source: 'aimm', version: PROTOCOL_VERSION, ...(embedId ? { embedId } : {}), ...payload } as AppMessage;
}

/** A command when the data is one (schema-checked); null for anything else. */
export function parseCommand(data: unknown): HostCommand | null {
  return validateHostCommand(data) ? (data as HostCommand) : null;
}

/**
 * What `completed` carries under the deployment's config: the result only with shareResults, the answers only
 * with shareAnswers as well. Both as plain JSON (structured clone cannot copy reactive proxies).
 */
export function completedPayload(depth: Depth, result: Diagnosis | null, answers: AnswersFile | null, share: { shareResults: boolean; shareAnswers: boolean }): AppPayload {
  const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  if (!share.shareResults || !result) return { type: 'completed', depth };
  return { type: 'completed', depth, result: plain(result), ...(share.shareAnswers && answers ? { answers: plain(answers) } : {}) };
}
