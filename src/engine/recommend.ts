/**
 * The recommendation side of the engine, one concept a file: priorities (which cells first), the roadmap
 * (foundation steps, then the next rung of each priority), cases and programmes.
 */
export { practiceLevel, rankPriorities, type PriorityContext } from './recommend/priorities.ts';
export { buildRoadmap, type Plan } from './recommend/roadmap.ts';
export { matchCases, type MatchContext } from './recommend/cases.ts';
export { matchPolicies } from './recommend/programmes.ts';
