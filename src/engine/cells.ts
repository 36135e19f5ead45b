import type { Cell, Level, Rules, Stage } from './types.ts';
import { ORGANIZATIONS, STAGES, VALUE_FORMS } from './types.ts';

/** The nine cells in reading order: factory row first, product column first. */
export const CELLS: readonly Cell[] = ORGANIZATIONS.flatMap((organization) =>
  VALUE_FORMS.map((value) => ({ organization, value })),
);

/**
 * One value per cell, in CELLS order. Built with push rather than `CELLS.map`, whose result V8 shapes differently
 * depending on how far it has optimised the caller; every function reading these arrays then sees one shape.
 */
export function perCell<T>(make: (index: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < CELLS.length; i++) out.push(make(i));
  return out;
}

export function cellKey(cell: Cell): string {
  return `${cell.organization}-${cell.value}`;
}

export function sameCell(a: Cell, b: Cell): boolean {
  return a.organization === b.organization && a.value === b.value;
}

/** Position of a cell in CELLS (row by row), or -1 when it is none of the nine. */
export function cellIndex(cell: Cell): number {
  const row = ORGANIZATIONS.indexOf(cell.organization);
  const column = VALUE_FORMS.indexOf(cell.value);
  return row < 0 || column < 0 ? -1 : row * VALUE_FORMS.length + column;
}

/** A set of cells as a nine-bit mask over CELLS positions, so "is this cell in it" is one test. */
export function cellMask(cells: readonly Cell[]): number {
  let mask = 0;
  for (const cell of cells) {
    const i = cellIndex(cell);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

export function inMask(mask: number, index: number): boolean {
  return index >= 0 && (mask & (1 << index)) !== 0;
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
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const decimal = abs % 10;
  const text = decimal === 0 ? String(whole) : `${whole}.${decimal}`;
  return tenths < 0 ? `-${text}` : text;
}
