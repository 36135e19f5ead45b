import type { Diagnosis } from '../engine/index.ts';
import { validateResult } from './generated/result.validator.js';
import { fromAjv, type Validation } from './issues.ts';

export function checkResult(data: unknown): Validation<Diagnosis> {
  return validateResult(data) ? { ok: true, value: data as Diagnosis } : { ok: false, issues: fromAjv(validateResult.errors) };
}
