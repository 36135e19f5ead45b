import type { Cell, KnowledgeBase, LocalizedText, Need, Stage } from './types.ts';
import { sameCell } from './cells.ts';

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

/** Builds the sentences that explain results, naming things as the knowledge base names them. */
export class Explainer {
  constructor(private readonly kb: KnowledgeBase) {}

  cell(cell: Cell): LocalizedText {
    const record = this.kb.cube.cells.find((c) => sameCell(c, cell));
    return record?.name ?? { 'zh-CN': `${cell.organization}-${cell.value}`, en: `${cell.organization}-${cell.value}` };
  }

  stage(stage: Stage): LocalizedText {
    return this.kb.cube.stages.find((s) => s.id === stage)?.name ?? { 'zh-CN': stage, en: stage };
  }

  industryType(id: string): LocalizedText {
    return this.kb.industryTypes.find((t) => t.id === id)?.name ?? { 'zh-CN': id, en: id };
  }

  painPoint(id: string): LocalizedText {
    return this.kb.painPoints.find((p) => p.id === id)?.name ?? { 'zh-CN': id, en: id };
  }

  need(id: Need): LocalizedText {
    return NEED_NAMES[id];
  }

  region(id: string): LocalizedText {
    return this.kb.regions.find((r) => r.id === id)?.name ?? { 'zh-CN': id, en: id };
  }
}
