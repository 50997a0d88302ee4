import { ROUTE_TABLES } from '../../emulator/index.js';
import { FUZZ, readList, SUITES } from './sources.js';
import { buildCoverage, renderCoverage } from './table.js';

export { buildCoverage, renderCoverage, type Coverage, type CoverageRow, type Mark } from './table.js';
export type { EndpointList, ListSource } from './types.js';

/** contracts/COVERAGE.md, from the current route tables, suites and fuzzer. */
export async function coverageMarkdown(): Promise<string> {
  const [suites, fuzzed] = await Promise.all([readList(SUITES), readList(FUZZ)]);
  return renderCoverage(buildCoverage({ tables: ROUTE_TABLES, suites, fuzzed }));
}
