/**
 * The recommendation side of the engine, one concept a file: priorities (which cells first), the roadmap
 * (scenarios fired by weak practices, in phases), cases and programmes.
 */
export { practiceLevel, rankPriorities, type PriorityContext } from './recommend/priorities.ts';
export { buildRoadmap, type RoadmapContext } from './recommend/roadmap.ts';
export { matchCases, type MatchContext } from './recommend/cases.ts';
export { matchPolicies } from './recommend/programmes.ts';
