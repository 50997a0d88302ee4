// The scenario runner: load YAML scenarios, run them on fresh tenants and sync engines (or against a
// running target), report to the console, JUnit XML or JSON, and write timelines.
export { InProcessHost, TargetHost, type ScenarioEnv, type ScenarioHost } from './environment.js';
export { findScenarioFiles, formatProblem, loadScenarioFile, parseScenario, ScenarioLoadError, type LoadProblem } from './load.js';
export { diff, matches, mismatches } from './match.js';
export { ConsoleReporter, failureDetails, jsonReport, junitXml, progressLine, REPORTERS, summaryLine, type ReporterName } from './reporters.js';
export { filterByTags, loadFiles, runScenario, runScenarios, type RunOptions, type RunSummary } from './run.js';
export { STEP_NAMES } from './schema.js';
export { type Lane } from './queue.js';
export { startThreadLanes, threadsAvailable, type ThreadLanes } from './threads.js';
export { timelineHtml, timelineMarkdown, writeTimeline, type TimelineFormat } from './timeline.js';
export type { Scenario, ScenarioResult, ScenarioStep, StepFailure, TimelineEntry } from './types.js';
