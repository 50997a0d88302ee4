import { relative } from 'node:path';
import type { DriftReport } from './drift.js';

/** The report as readable text: a header, then one section per seed endpoint. */
export function renderDrift(report: DriftReport): string {
  const { official, endpoints } = report;
  const family = official.kind === 'quickstart' ? 'Quickstart' : 'V1';
  const format = official.spec.format === 'swagger2' ? 'Swagger 2.0' : 'OpenAPI 3';
  const drifting = endpoints.filter((endpoint) => endpoint.missing || endpoint.findings.length > 0);
  const lines = [
    `Contract drift: contracts/openapi/${report.document}.yaml against ${relative(process.cwd(), official.spec.file) || official.spec.file}`,
    `Official file: ${family}, ${format}, "${official.title}" version ${official.version || '?'}`,
    `Seed endpoints compared: ${endpoints.length}; with differences: ${drifting.length}` +
      (report.skipped > 0 ? ` (${report.skipped} seed endpoints of the other API family need the other spec file)` : ''),
    ...(/compact/i.test(official.title)
      ? ["Note: the compact V1 spec lost every property named 'description' (see SOURCES.md), so those show up as not in the official schema."]
      : []),
    '',
  ];
  for (const endpoint of endpoints) {
    lines.push(`${endpoint.method} ${endpoint.path}${endpoint.official ? `  (official: ${endpoint.official})` : ''}`);
    if (endpoint.missing) lines.push(`  - missing: ${endpoint.missing}`);
    for (const finding of endpoint.findings) lines.push(`  - ${finding}`);
    if (!endpoint.missing && endpoint.findings.length === 0) lines.push('  no differences');
    lines.push('');
  }
  return lines.join('\n');
}
