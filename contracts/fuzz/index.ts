export { FUZZED_ENDPOINTS, FUZZ_TARGETS, type FuzzEndpoint } from './endpoints.js';
export { fuzzInput, type FuzzInput } from './generate.js';
export { fuzzReport } from './report.js';
export { FUZZ_CHECKS, runFuzz, type FuzzFailure, type FuzzOptions, type FuzzResult } from './runner.js';
