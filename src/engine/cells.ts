import type { Cell, Level, Rules, Stage } from './types.ts';
import { ORGANIZATIONS, STAGES, VALUE_FORMS } from './types.ts';

/** The nine cells in reading order: factory row first, product column first. */
export const CELLS: readonly Cell[] = ORGANIZATIONS.flatMap((organization) =>
  VALUE_FORMS.map((value) => ({ organization, value })),
);

export function cellKey(cell: Cell): string {
  return `${cell.organization}-${cell.value}`;
}

export function sameCell(a: Cell, b: Cell): boolean {
  return a.organization === b.organization && a.value === b.value;
}

export function stageLevel(stage: Stage): Level {
  return STAGES.indexOf(stage) as Level;
}

export function stageAt(level: number): Stage {
  return STAGES[Math.max(0, Math.min(3, Math.floor(level)))] ?? 'none';
}

/** The stage a 0–100 score reaches under the thresholds in the rules. */
export function stageOf(score: number, rules: Rules): Stage {
  const t = rules.stageThresholds;
  if (score >= t.intelligent) return 'intelligent';
  if (score >= t.networked) return 'networked';
  if (score >= t.digital) return 'digital';
  return 'none';
}

/** The lowest score that reaches a stage. */
export function thresholdOf(stage: Stage, rules: Rules): number {
  return stage === 'none' ? 0 : rules.stageThresholds[stage];
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * A number rounded to one decimal, as text. Written out by hand because turning an arbitrary double into a
 * string is slow in V8, and the explanations of one diagnosis hold dozens of them.
 */
export function formatNumber(n: number): string {
  const tenths = Math.round(n * 10);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const decimal = abs % 10;
  return decimal === 0 ? `${sign}${whole}` : `${sign}${whole}.${decimal}`;
}
