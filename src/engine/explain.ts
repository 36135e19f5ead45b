import type { Cell, EnablerId, KnowledgeBase, LocalizedText, Need, SizeClass, Stage } from './types.ts';
import { ENABLERS } from './types.ts';
import { cellIndex } from './cells.ts';
import { prepare, type Prepared } from './prepared.ts';

/** Names of the needs a policy can serve; the engine's own vocabulary, so it lives here rather than in seeds/. */
export const NEED_NAMES: Record<Need, LocalizedText> = {
  financing: { 'zh-CN': '资金与融资', en: 'financing' },
  talent: { 'zh-CN': '人才', en: 'talent' },
  platform: { 'zh-CN': '平台与协作', en: 'platforms and collaboration' },
  standards: { 'zh-CN': '标准与兼容', en: 'standards and compatibility' },
  security: { 'zh-CN': '数据与信息安全', en: 'data and information security' },
  pilots: { 'zh-CN': '试点示范', en: 'pilots and demonstration' },
  rnd: { 'zh-CN': '技术研发', en: 'research and development' },
};

/** The national size classes' names. */
export const SIZE_NAMES: Record<SizeClass, LocalizedText> = {
  micro: { 'zh-CN': '微型企业', en: 'micro enterprise' },
  small: { 'zh-CN': '小型企业', en: 'small enterprise' },
  medium: { 'zh-CN': '中型企业', en: 'medium-sized enterprise' },
  large: { 'zh-CN': '大型企业', en: 'large enterprise' },
};

const explainers = new WeakMap<KnowledgeBase, Explainer>();

/** The Explainer of a knowledge base, made once: it only looks names up. */
export function explainerFor(kb: KnowledgeBase): Explainer {
  let explainer = explainers.get(kb);
  if (!explainer) explainers.set(kb, (explainer = new Explainer(kb)));
  return explainer;
}

/** Builds the sentences that explain results, naming things as the knowledge base names them. */
export class Explainer {
  private readonly names: Prepared;

  constructor(kb: KnowledgeBase) {
    this.names = prepare(kb);
  }

  cell(cell: Cell): LocalizedText {
    const i = cellIndex(cell);
    return i >= 0 ? (this.names.cellNames[i] as LocalizedText) : { 'zh-CN': `${cell.organization}-${cell.value}`, en: `${cell.organization}-${cell.value}` };
  }

  stage(stage: Stage): LocalizedText {
    return this.names.stageNames.get(stage) ?? { 'zh-CN': stage, en: stage };
  }

  industryType(id: string): LocalizedText {
    return this.names.industryTypes.get(id)?.record.name ?? { 'zh-CN': id, en: id };
  }

  painPoint(id: string): LocalizedText {
    return this.names.painPoints.get(id)?.record.name ?? { 'zh-CN': id, en: id };
  }

  need(id: Need): LocalizedText {
    return NEED_NAMES[id];
  }

  enabler(id: EnablerId): LocalizedText {
    return this.names.enablers[ENABLERS.indexOf(id)]?.name ?? { 'zh-CN': id, en: id };
  }

  role(id: string): LocalizedText {
    return this.names.roleNames.get(id) ?? { 'zh-CN': id, en: id };
  }

  sizeClass(id: SizeClass): LocalizedText {
    return SIZE_NAMES[id];
  }

  /** A sector as "名称（代码）". */
  sector(id: string): LocalizedText {
    const name = this.names.sectorNames.get(id);
    return name ? { 'zh-CN': `${name['zh-CN']}（${id}）`, en: `${name.en}, ${id}` } : { 'zh-CN': id, en: id };
  }

  region(id: string): LocalizedText {
    return this.names.regionNames.get(id) ?? { 'zh-CN': id, en: id };
  }
}
