import { driftReport } from './drift.js';
import { loadOfficialFile } from './officialFile.js';
import { renderDrift } from './render.js';

export { driftReport, type DriftReport, type EndpointDrift } from './drift.js';
export { detectKind, loadOfficialFile, type OfficialFile, type OfficialKind } from './officialFile.js';
export { renderDrift } from './render.js';

/** `contract drift --official-spec FILE`: the report as text. */
export async function driftText(file: string): Promise<string> {
  return renderDrift(driftReport(await loadOfficialFile(file)));
}
