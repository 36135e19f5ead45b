import type { AnswersFile, Diagnosis, KnowledgeBase, Locale, Questionnaire } from '../engine/index.ts';
import { Explainer, NEED_NAMES, PHASES, POLICY_GROUPS, type PolicyGroup } from '../engine/index.ts';

interface Context {
  questionnaire: Questionnaire;
  kb: KnowledgeBase;
  lang: Locale;
  answers: AnswersFile;
}

const L = {
  title: { 'zh-CN': 'AI+制造 成熟度诊断报告', en: 'AI + Manufacturing Maturity Diagnosis' },
  questionnaire: { 'zh-CN': '问卷', en: 'Questionnaire' },
  kb: { 'zh-CN': '知识库版本', en: 'Knowledge base version' },
  overall: { 'zh-CN': '总体', en: 'Overall' },
  weighted: { 'zh-CN': '行业加权指数', en: 'Industry-weighted index' },
  industryType: { 'zh-CN': '行业类型', en: 'Industry type' },
  coverage: { 'zh-CN': '答题覆盖率', en: 'Coverage' },
  confidence: { 'zh-CN': '可信度', en: 'Confidence' },
  insufficient: { 'zh-CN': '回答不足，暂不出具诊断', en: 'Not enough answers for a diagnosis yet' },
  cells: { 'zh-CN': '九宫格（生产组织 × 价值形态）', en: 'The nine cells (organisation × value)' },
  cell: { 'zh-CN': '单元格', en: 'Cell' },
  score: { 'zh-CN': '得分', en: 'Score' },
  stage: { 'zh-CN': '阶段', en: 'Stage' },
  target: { 'zh-CN': '目标', en: 'Target' },
  weight: { 'zh-CN': '权重', en: 'Weight' },
  flags: { 'zh-CN': '需要核实', en: 'To check' },
  priorities: { 'zh-CN': '优先事项', en: 'Priorities' },
  roadmap: { 'zh-CN': '路线图（分阶段，每次只上一级）', en: 'Roadmap (in phases, one rung at a time)' },
  cases: { 'zh-CN': '参考案例', en: 'Recommended cases' },
  programmes: { 'zh-CN': '可以申报的项目', en: 'Programmes you can apply for' },
  offerings: { 'zh-CN': '服务商的产品和服务', en: 'Providers\' products and services' },
  background: { 'zh-CN': '背景：国家战略、政策建议与国外做法', en: 'Background: national strategy, policy advice and foreign practice' },
  challenges: { 'zh-CN': '回答反映的挑战', en: 'Challenges your answers reveal' },
  needs: { 'zh-CN': '需求', en: 'Needs' },
  notScored: { 'zh-CN': '未评分', en: 'not scored' },
  source: { 'zh-CN': '来源', en: 'Source' },
  sectorSource: { 'zh-CN': '由行业代码推断', en: 'implied by the sector' },
  profileSource: { 'zh-CN': '由用户指定', en: 'chosen by the user' },
  noneSource: { 'zh-CN': '未知（使用默认目标）', en: 'unknown (default targets used)' },
  size: { 'zh-CN': '企业规模', en: 'Size class' },
  uncertain: { 'zh-CN': '“不清楚”太多，暂不排优先级', en: 'Too many "don\'t know" answers to rank priorities' },
  findOut: { 'zh-CN': '先问清楚', en: 'Find out first' },
  ask: { 'zh-CN': '可以问', en: 'ask' },
  enablers: { 'zh-CN': '基础能力', en: 'Foundations' },
  kpi: { 'zh-CN': '开始前先量一下', en: 'Measure before you start' },
  indicative: { 'zh-CN': '参考等级（非官方评测）', en: 'Indicative levels (not an official assessment)' },
  workedOut: { 'zh-CN': '计算方法：', en: 'How it was worked out: ' },
  priorityScore: { 'zh-CN': '优先分', en: 'priority score' },
  fGap: { 'zh-CN': '差距', en: 'gap' },
  fWeight: { 'zh-CN': '行业权重', en: 'weight' },
  fPain: { 'zh-CN': '痛点', en: 'pain points' },
  fPrereq: { 'zh-CN': '前提条件', en: 'prerequisites' },
  fOutcomes: { 'zh-CN': '经营数据', en: 'figures' },
} as const;

const GROUP_TITLES: Record<PolicyGroup, keyof typeof L> = { programme: 'programmes', offering: 'offerings', background: 'background' };

/** A factor as the engine gives it, without trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Text from data goes into Markdown as text: characters Markdown or HTML would interpret are escaped. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>&]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

export function toMarkdown(result: Diagnosis, ctx: Context): string {
  const { lang, kb } = ctx;
  const x = new Explainer(kb);
  const t = (k: keyof typeof L): string => L[k][lang];
  const out: string[] = [];
  const company = ctx.answers.meta?.company;
  out.push(`# ${t('title')}${company ? ` — ${md(company)}` : ''}`, '');
  out.push(`- ${t('questionnaire')}: ${md(ctx.questionnaire.title[lang])} (${result.questionnaire.id} ${result.questionnaire.version})`);
  out.push(`- ${t('kb')}: ${result.knowledgeBase.version}`);
  const type = result.industryType.id ? x.industryType(result.industryType.id)[lang] : '—';
  const typeSource = result.industryType.source === 'sector' ? t('sectorSource') : result.industryType.source === 'profile' ? t('profileSource') : t('noneSource');
  out.push(`- ${t('industryType')}: ${md(type)} (${typeSource}${result.industryType.sector ? `, ${result.industryType.sector}` : ''})`);
  if (result.industryType.reason) out.push(`  - ${md(result.industryType.reason[lang])}`);
  if (result.industryType.blend) out.push(`  - ${result.industryType.blend.map((b) => `${md(x.industryType(b.industryType)[lang])} ${Math.round(b.share * 100)}%`).join(', ')}`);
  out.push(`- ${t('size')}: ${md(result.size.reason.text[lang])}`);
  out.push(`- ${t('coverage')}: ${Math.round(result.coverage.ratio * 100)}% · ${t('confidence')}: ${Math.round(result.confidence * 100)}%`);
  if (result.status === 'insufficient') {
    out.push('', `**${t('insufficient')}.** ${md(result.overall.reason.text[lang])}`, '');
  } else {
    out.push(`- **${t('overall')}: ${result.overall.score} / 100 — ${x.stage(result.overall.stage ?? 'none')[lang]}**`);
    out.push(`- ${t('weighted')}: ${result.overall.weightedScore}`, '');
  }
  if (result.status === 'uncertain') {
    out.push(`## ${t('findOut')}`, '', `**${t('uncertain')}.** ${md(result.overall.reason.text[lang])}`, '');
    const index = new Map(ctx.questionnaire.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
    for (const f of result.findOutFirst) {
      const who = f.askWho ? kb.roles.find((r) => r.id === f.askWho)?.name[lang] : undefined;
      out.push(`- ${md(index.get(f.questionId)?.text[lang] ?? f.questionId)}${who ? ` (${t('ask')}: ${md(who)})` : ''}`);
    }
    out.push('');
  }
  if (result.status === 'ok') {
    const lines: string[] = [];
    for (const i of result.indicative) {
      const y = kb.yardsticks.find((k) => k.id === i.yardstick);
      const level = y?.levels.find((l) => l.id === i.level);
      if (y && level) lines.push(`- ${md(y.name[lang])}: ${md(level.name[lang])}`);
    }
    if (lines.length) out.push(`## ${t('indicative')}`, '', ...lines, '');
  }
  out.push(`## ${t('cells')}`, '', `| ${t('cell')} | ${t('score')} | ${t('stage')} | ${t('target')} | ${t('weight')} |`, '|---|---|---|---|---|');
  for (const c of result.cells) {
    out.push(`| ${md(x.cell(c)[lang])} | ${c.score ?? t('notScored')} | ${c.stage ? x.stage(c.stage)[lang] : '—'} | ${x.stage(c.target)[lang]} | ×${c.weight} |`);
  }
  out.push('');
  if (result.flags.length) {
    out.push(`## ${t('flags')}`, '', ...result.flags.map((f) => `- ${md(f.reason.text[lang])}`), '');
  }
  const enablers = result.enablers.filter((e) => e.visible > 0);
  if (enablers.length) {
    out.push(`## ${t('enablers')}`, '');
    for (const e of enablers) out.push(`- ${md(x.enabler(e.id)[lang])}: ${e.score ?? t('notScored')}${e.stage ? ` — ${x.stage(e.stage)[lang]}` : ''}`);
    out.push('');
  }
  if (result.priorities.length) {
    out.push(`## ${t('priorities')}`, '');
    for (const p of result.priorities) {
      out.push(`${p.rank}. **${md(x.cell(p)[lang])}** — ${p.reasons.map((r) => md(r.text[lang])).join(' ')}`);
      // The numbers behind the words: the factors the engine multiplied, in the order of the published formula.
      const f = p.factors;
      const terms = [`${t('fGap')} ${num(f.gap)}`, `${t('fWeight')} ${num(f.weight)}`, `${t('fPain')} ${num(f.pain)}`, `${t('fPrereq')} ${num(f.prerequisites)}`, `${t('fOutcomes')} ${num(f.outcomes)}`];
      out.push(`   - ${t('workedOut')}${t('priorityScore')} ${num(p.priorityScore)} = ${terms.join(' × ')}`);
    }
    out.push('');
  }
  if (result.roadmap.length) {
    out.push(`## ${t('roadmap')}`, '');
    for (const phase of PHASES) {
      const steps = result.roadmap.filter((s) => s.phase === phase);
      if (!steps.length) continue;
      out.push(`### ${md(kb.rules.phases[phase].name[lang])}`, '');
      for (const s of steps) {
        const target = s.cell ? x.cell(s.cell)[lang] : s.enabler ? x.enabler(s.enabler)[lang] : '';
        out.push(`${s.order}. **${md(s.title[lang])}** — ${md(target)}: ${x.stage(s.fromStage)[lang]} → ${x.stage(s.toStage)[lang]} · ${md(kb.rules.effortClasses[s.effort].name[lang])}`);
        out.push(`   - ${md(s.solution[lang])}`, `   - ${t('kpi')}: ${md(s.kpi[lang])}`, `   - *${md(s.reason.text[lang])}*`);
      }
      out.push('');
    }
  }
  if (result.cases.length) {
    out.push(`## ${t('cases')}`, '');
    for (const m of result.cases) {
      const c = kb.cases.find((k) => k.id === m.id);
      if (!c) continue;
      out.push(`### ${md(c.company[lang])}: ${md(c.title[lang])}`, '', ...c.results.map((r) => `- ${md(r[lang])}`), '', `${md(c.lesson[lang])}`, '', `*${md(m.reason.text[lang])}* (${t('source')}: ${md(c.source)})`, '');
    }
  }
  for (const group of POLICY_GROUPS) {
    const matches = result.policies.filter((m) => m.group === group);
    if (!matches.length) continue;
    out.push(`## ${t(GROUP_TITLES[group])}`, '');
    for (const m of matches) {
      const p = kb.policies.find((k) => k.id === m.id);
      if (!p) continue;
      const dates = p.validUntil ? ` (${p.validFrom ?? ''}–${p.validUntil})` : '';
      out.push(`- **${md(p.title[lang])}**${p.documentNo ? ` ${md(p.documentNo)}` : ''}${dates} — ${md(p.summary[lang])} *${md(m.reason.text[lang])}*${p.url ? ` <${p.url}>` : ''}`);
    }
    out.push('');
  }
  if (result.challenges.length) {
    out.push(`## ${t('challenges')}`, '');
    for (const c of result.challenges) {
      const record = kb.challenges.find((k) => k.id === c.id);
      if (record) out.push(`- **${md(record.name[lang])}**: ${md(record.description[lang])}`);
    }
    out.push('');
  }
  if (result.needs.length) {
    out.push(`## ${t('needs')}`, '', result.needs.map((n) => NEED_NAMES[n.id][lang]).join(lang === 'zh-CN' ? '、' : ', '), '');
  }
  return `${out.join('\n')}\n`;
}
