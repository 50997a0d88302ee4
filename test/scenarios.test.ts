import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureDetails, findScenarioFiles, InProcessHost, loadScenarioFile, runScenario } from '../scenarios/runner/index.js';

// Every scenario of the library (scenarios/*.yaml) as a test of its own: an in-process emulator
// shared by all, and per scenario a fresh tenant and a fresh sync engine. A scenario marked
// `pending` (a known gap, named in the file) must still fail as it says; once it passes, it fails
// here until the mark is removed.

const LIBRARY = fileURLToPath(new URL('../scenarios/', import.meta.url));
const files = await findScenarioFiles([LIBRARY]);

let host: InProcessHost;

beforeAll(async () => {
  host = await InProcessHost.start();
});

afterAll(async () => {
  await host?.close();
});

describe('the scenario library', () => {
  it('has the scenarios of issue 7', () => {
    expect(files.length).toBeGreaterThanOrEqual(21);
  });

  for (const file of files) {
    it(path.relative(LIBRARY, file), async () => {
      const scenario = await loadScenarioFile(file);
      const result = await runScenario(scenario, host);
      if (result.status === 'failed') throw new Error(`${scenario.name}\n${failureDetails(result)}`);
      expect(result.status).toBe(scenario.pending === undefined ? 'passed' : 'pending');
    });
  }
});
