export { SUITE_ENDPOINTS, SUITES } from './all.js';
export type { Step, Suite, Vars } from './types.js';
export { runSuites, type RunOptions, type RunResult, type StepResult, type SuiteResult } from './runner.js';
export { consoleReport, junitReport } from './report.js';
