import type { Locale, LocalizedText } from './types.ts';

/**
 * Every sentence the engine writes, in both languages, with {placeholders}. Kept as plain strings filled at run
 * time: one table to review and translate, and far cheaper for V8 to compile than dozens of template literals.
 */
export const MESSAGES = {
  cellNoAnswers: { 'zh-CN': '「{cell}」没有可计分的回答，暂不评分。', en: '"{cell}" has no scorable answer yet, so it is not scored.' },
  cellPlanned: { 'zh-CN': '按计划完成路线图步骤后，「{cell}」预计达到{stage}（{score} 分）。', en: 'Once the planned roadmap step is done, "{cell}" is projected to reach {stage} ({score}).' },
  cellMean: { 'zh-CN': '{answered} 个回答的平均阶梯 {rung}（0–3）折算为 {score} 分', en: 'The answers ({answered}) average rung {rung} of 3, i.e. {score} of 100' },
  cellUnknown: { 'zh-CN': '，其中 {n} 个“不清楚”按 0 计', en: '; {n} "don\'t know" count as 0' },
  cellNotApplicable: { 'zh-CN': '；{n} 个“不适用”不计入', en: '; {n} "not applicable" left out' },
  cellCapped: { 'zh-CN': '；{n} 个回答高于它所依赖的做法能支撑的水平，按规则只计到高出一级', en: '; {n} answer(s) claim more than the practice they stand on carries and count one rung above it at most' },
  end: { 'zh-CN': '。', en: '.' },
  overallMean: { 'zh-CN': '总分是 {n} 个已评分单元格的平均分；加权指数按{weights}的权重计算。', en: 'The overall score is the mean of {n} scored cells; the weighted index uses the {weights} weights.' },
  quotedType: { 'zh-CN': '「{type}」', en: '"{type}"' },
  defaultWeights: { 'zh-CN': '默认', en: 'default' },
  overallTooFewCells: { 'zh-CN': '可计分的方面太少：只有 {cells} 个格子有分，至少需要 {minCells} 个；其余多被选为“不适用”或尚未回答。', en: 'Too few areas can be scored: {cells} cells have a score and at least {minCells} are needed; the others were marked not applicable or left open.' },
  overallInsufficient: { 'zh-CN': '回答还不够：已答 {pct}% 的成熟度题、{cells} 个单元格有分，至少需要 {minPct}% 和 {minCells} 个。', en: 'Not enough answers yet: {pct}% of maturity questions answered and {cells} cells scored; at least {minPct}% and {minCells} are needed.' },
  flagFoundation: { 'zh-CN': '「{cell}」有 {n} 个回答高于它所依赖的基础（如记录和数据）能支撑的水平——没有数据的智能难以成立，这些回答最多按{stage}计分，请核实。', en: '"{cell}" has {n} answer(s) claiming more than the foundation it rests on (records and data) can carry — AI without data rarely holds — so they count at most as {stage}; please check.' },
  overallUncertain: { 'zh-CN': '{answered} 个回答中有 {unknown} 个是“不清楚”，达到或超过 {maxPct}%：现在排优先级和路线图并不可靠，请先把下列问题问清楚。', en: '{unknown} of {answered} answers are "don\'t know", at or above {maxPct}%: priorities and a roadmap would not be reliable yet, so settle the questions below first.' },
  sizeUnknown: { 'zh-CN': '未填员工人数，无法判断企业规模。', en: 'Without the number of employees the size class cannot be told.' },
  sizeClass: { 'zh-CN': '按国家中小企业划型标准（工业），{employees} 人及所填营业收入属于{size}。', en: 'By the national SME classification for industry, {employees} employees and the revenue given make a {size}.' },
  sizeClassEmployees: { 'zh-CN': '按国家中小企业划型标准（工业），仅按 {employees} 人估计为{size}（未填营业收入）。', en: 'By the national SME classification for industry, {employees} employees alone suggest a {size} (no revenue given).' },
  flagPrerequisite: { 'zh-CN': '「{cell}」已到{stage}，但它所依赖的做法还没到位（{reason}），结果可能偏高。', en: '"{cell}" is at {stage}, but a practice it stands on is not in place ({reason}); the result may be optimistic.' },
  weightedGap: { 'zh-CN': '当前 {score} 分（{stage}），距目标{target}（{targetScore} 分）还差 {gap} 分；对{weights}企业来说，这一块{weightWord}。', en: 'Now {score} ({stage}); the target {target} ({targetScore}) is {gap} points away; for {weights} companies this area {weightWord}.' },
  stretchGap: { 'zh-CN': '当前 {score} 分（{stage}），已达到目标，但您的痛点或经营数据指向这里，再往上一级到{next}；对{weights}企业来说，这一块{weightWord}。', en: 'Now {score} ({stage}), at its target, but your pain points or figures point here, so one more rung to {next}; for {weights} companies this area {weightWord}.' },
  stretchShortOfTarget: { 'zh-CN': '当前 {score} 分（{stage}），离目标{target}还差 {short} 分；您的痛点或经营数据指向这里，所以按越过目标再上一级到{next}来计算；对{weights}企业来说，这一块{weightWord}。', en: 'Now {score} ({stage}), {short} points short of the target {target}; your pain points or figures point here, so the climb is counted past the target to {next}; for {weights} companies this area {weightWord}.' },
  raisedAtTarget: { 'zh-CN': '按您的情况，这一块更要紧：{why}。', en: 'For your case this area matters more: {why}.' },
  profileLink: { 'zh-CN': '按您的经营方式，{why}。', en: 'Given how you work, {why}.' },
  weightHeavy: { 'zh-CN': '分量较重', en: 'weighs more than most' },
  weightUsual: { 'zh-CN': '分量一般', en: 'weighs as much as most' },
  weightLight: { 'zh-CN': '分量较轻', en: 'weighs less than most' },
  targetRaised: { 'zh-CN': '目标按您的情况上调：{why}。', en: 'The target is raised for your case: {why}.' },
  painPoint: { 'zh-CN': '它直接回应您选的痛点：{names}。', en: 'It addresses the pain points you chose: {names}.' },
  prerequisitesMet: { 'zh-CN': '它所依赖的做法已经具备，可以着手（{reasons}）。', en: 'What it builds on is in place, so it can start now ({reasons}).' },
  prerequisitesUnmet: { 'zh-CN': '它所依赖的做法还没到位，宜先补基础：{reasons}。', en: 'What it builds on is not yet in place, so build that first: {reasons}.' },
  outcomeFigure: { 'zh-CN': '您填写的经营数据说明这里有损失：{figures}。', en: 'The figures you gave show a loss here: {figures}.' },
  figure: { 'zh-CN': '「{name}」为“{band}”', en: '"{name}" is "{band}"' },
  enablerGate: { 'zh-CN': '但「{enabler}」还不够：{why}', en: 'but "{enabler}" is not yet enough: {why}' },
  foundationStep: { 'zh-CN': '先补「{enabler}」这块基础，{cells}的下一步才站得住。', en: 'Build up "{enabler}" first: the next rung of {cells} stands on it.' },
  stepAnswer: { 'zh-CN': '您对「{name}」的回答是“{band}”', en: 'you answered "{band}" to "{name}"' },
  stepFigure: { 'zh-CN': '「{name}」为“{band}”', en: '"{name}" is "{band}"' },
  stepPain: { 'zh-CN': '您想解决“{name}”', en: 'you want to fix "{name}"' },
  stepPriority: { 'zh-CN': '它提升优先事项第 {rank} 位「{cell}」', en: 'it lifts priority {rank}, "{cell}"' },
  stepFoundation: { 'zh-CN': '「{enabler}」是优先事项的前提，先补', en: '"{enabler}" holds a priority back, so it comes first' },
  stepEffort: { 'zh-CN': '工作量属“{effort}”，一般 {from}–{to} 个月', en: 'the effort is "{effort}", usually {from}–{to} months' },
  nextRung: { 'zh-CN': '优先级第 {rank} 位「{cell}」从{from}迈向下一级{to}。', en: 'Priority {rank}, "{cell}", climbs one rung from {from} to {to}.' },
  why: { 'zh-CN': '推荐理由：{parts}。', en: 'Why: {parts}.' },
  caseCells: { 'zh-CN': '对应您的优先事项{cells}', en: 'it speaks to your priorities {cells}' },
  caseSector: { 'zh-CN': '同属{sector}', en: 'the same line of business ({sector})' },
  caseSteps: { 'zh-CN': '展示了您路线图上的{steps}', en: 'it shows {steps} from your roadmap' },
  caseSize: { 'zh-CN': '企业规模相近', en: 'a company of similar size' },
  caseNextRung: { 'zh-CN': '做法正处在您下一步要到的{stage}', en: 'its practice is at {stage}, the rung you are climbing to' },
  caseVendor: { 'zh-CN': '这是服务商讲述的案例', en: 'this is a provider\'s own story' },
  caseType: { 'zh-CN': '适合{type}企业', en: 'it suits {type} companies' },
  policyNeeds: { 'zh-CN': '满足您的需求：{needs}', en: 'it serves your needs: {needs}' },
  policyRegion: { 'zh-CN': '适用于{region}', en: 'it applies in {region}' },
  policyCity: { 'zh-CN': '限{cities}的企业，请确认贵公司在当地', en: 'it is for companies in {cities}; check that you are there' },
  policySme: { 'zh-CN': '面向中小企业，贵公司按划型标准为{size}', en: 'it is for SMEs, and by the national classification you are a {size}' },
  policyStageGap: { 'zh-CN': '要求达到{stage}，您目前总体在{now}', en: 'it asks for the {stage} stage; you are at {now} overall' },
  policyLevelGap: { 'zh-CN': '参考等级{level}约需 {points} 分，您目前约 {score} 分', en: 'indicative {level} needs about {points} points; you are at about {score}' },
  policyEligible: { 'zh-CN': '按您填写的情况，看起来符合申报条件', en: 'from your answers you appear eligible' },
  policyConditional: { 'zh-CN': '可能符合，有一项条件需要您自己确认', en: 'you may be eligible; one condition is for you to confirm' },
  policyNotYet: { 'zh-CN': '目前还差一步', en: 'you are not there yet' },
  policyOffering: { 'zh-CN': '这是服务商的产品或服务，不是政府项目', en: 'this is a provider\'s offering, not a government programme' },
  policyForeign: { 'zh-CN': '为国外做法，供借鉴', en: 'it is a foreign practice, given for reference' },
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;
export type Params = Record<string, string | number | LocalizedText>;

const SEPARATORS: Record<Locale, { parts: string; list: string }> = {
  'zh-CN': { parts: '；', list: '、' },
  en: { parts: '; ', list: ', ' },
};

/** Templates split once into literal text (even places) and placeholder names (odd places). */
const COMPILED = new Map(
  (Object.entries(MESSAGES) as [MessageKey, LocalizedText][]).map(([key, m]) => [key, { zh: m['zh-CN'].split(/\{(\w+)\}/), en: m.en.split(/\{(\w+)\}/) }]),
);

// One filler per language, so that reading a LocalizedText parameter is a plain property access. Text is appended
// left to right: V8 then links the pieces instead of copying short ones into new strings.
function fillZh(parts: readonly string[], params: Params): string {
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i] as string];
    out = out + (value === undefined ? '' : typeof value === 'object' ? value['zh-CN'] : String(value)) + (parts[i + 1] as string);
  }
  return out;
}

function fillEn(parts: readonly string[], params: Params): string {
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i] as string];
    out = out + (value === undefined ? '' : typeof value === 'object' ? value.en : String(value)) + (parts[i + 1] as string);
  }
  return out;
}

/** A message in both languages, its placeholders filled (a LocalizedText parameter gives each language its own). */
export function message(key: MessageKey, params: Params = {}): LocalizedText {
  const m = COMPILED.get(key) as { zh: string[]; en: string[] };
  return { 'zh-CN': fillZh(m.zh, params), en: fillEn(m.en, params) };
}

/** Texts put one after another in each language. */
export function concat(texts: readonly LocalizedText[]): LocalizedText {
  return joined(texts, '', '');
}

/** Clauses joined with each language's clause separator (；/ ; ). */
export function clauses(texts: readonly LocalizedText[]): LocalizedText {
  return joined(texts, SEPARATORS['zh-CN'].parts, SEPARATORS.en.parts);
}

/** Names each in quotes, as a list: 「A」「B」 / "A", "B" — names that hold a 、 themselves stay readable. */
export function quotedList(texts: readonly LocalizedText[]): LocalizedText {
  const quoted = texts.map((t) => ({ 'zh-CN': `「${t['zh-CN']}」`, en: `"${t.en}"` }));
  return joined(quoted, '', SEPARATORS.en.list);
}

/** Names joined as a list in each language (、/ , ). */
export function list(texts: readonly LocalizedText[]): LocalizedText {
  return joined(texts, SEPARATORS['zh-CN'].list, SEPARATORS.en.list);
}

function joined(texts: readonly LocalizedText[], zhSeparator: string, enSeparator: string): LocalizedText {
  let zh = '';
  let en = '';
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as LocalizedText;
    zh = i === 0 ? text['zh-CN'] : zh + zhSeparator + text['zh-CN'];
    en = i === 0 ? text.en : en + enSeparator + text.en;
  }
  return { 'zh-CN': zh, en };
}
