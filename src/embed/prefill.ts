/**
 * Profile fields a host may fill in (sector, province, company name): each only when it names something the
 * knowledge base has, and only where the user has not answered yet — a host never overwrites an answer.
 */
import type { AnswerMap, QuestionKnowledge } from '../engine/index.ts';
import { MAX_COMPANY, type Prefill } from './params.ts';

const SECTOR = /^C[0-9]{2,4}$/;
const PROVINCE = /^[0-9]{2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface PrefillPlan {
  /** Profile answers to set. */
  profile: AnswerMap;
  /** The company name to set (meta.company), when not given yet. */
  company: string | null;
  /** Fields given but not taken: unknown codes, a bad name, or already answered. */
  skipped: { field: keyof Prefill; why: 'invalid' | 'answered' }[];
}

export function planPrefill(values: Prefill, current: { profile: AnswerMap; company: string }, kb: Pick<QuestionKnowledge, 'sectors' | 'regions'>): PrefillPlan {
  const plan: PrefillPlan = { profile: {}, company: null, skipped: [] };
  const answered = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (values.sector !== undefined) {
    const ok = SECTOR.test(values.sector) && kb.sectors.some((s) => s.id === values.sector);
    if (!ok) plan.skipped.push({ field: 'sector', why: 'invalid' });
    else if (answered(current.profile['sector'])) plan.skipped.push({ field: 'sector', why: 'answered' });
    else plan.profile['sector'] = values.sector;
  }
  if (values.province !== undefined) {
    // Provinces only (the cities in the data are for city programmes), as the province question lists them.
    const ok = PROVINCE.test(values.province) && kb.regions.some((r) => r.id === values.province && r.parent === undefined);
    if (!ok) plan.skipped.push({ field: 'province', why: 'invalid' });
    else if (answered(current.profile['province'])) plan.skipped.push({ field: 'province', why: 'answered' });
    else plan.profile['province'] = values.province;
  }
  if (values.company !== undefined) {
    const name = values.company.trim();
    if (name.length === 0 || name.length > MAX_COMPANY || CONTROL.test(name)) plan.skipped.push({ field: 'company', why: 'invalid' });
    else if (answered(current.company)) plan.skipped.push({ field: 'company', why: 'answered' });
    else plan.company = name;
  }
  return plan;
}
