// What a scenario file becomes once loaded and checked, and what running it produces.

export interface ScenarioStep {
  /** 1-based, as the error messages and the timeline count. */
  index: number;
  /** The step's name, e.g. `subscription.provision`. */
  name: string;
  /** Its arguments as written (before interpolation); shorthand forms already expanded. */
  args: Record<string, unknown>;
  /** The line the step starts on in its file, when known. */
  line?: number;
}

/** The billing integration a scenario's sync engine is connected to. */
export const INTEGRATIONS = ['zuora', 'stripe'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

export interface Scenario {
  /** Path of the file, as given to the loader. */
  file: string;
  name: string;
  description?: string;
  tags: string[];
  /** `zuora` unless the file says `integration: stripe`. */
  integration: Integration;
  /** Why the scenario cannot pass yet (a known gap); its failure is then reported as pending. */
  pending?: string;
  /** ISO date-time the tenant's clock starts at. */
  start: string;
  /** The catalog to load into the sync engine first (inline, or read from its file); none when absent. */
  catalog?: Record<string, unknown>;
  /** Where the catalog came from: `inline` or the resolved path. */
  catalogSource?: string;
  steps: ScenarioStep[];
}

export interface StepFailure {
  step: ScenarioStep;
  message: string;
  /** Expected vs actual, one `-`/`+` line each, for failed expectations. */
  diff?: string;
}

export interface TimelineCall {
  surface: string;
  method: string;
  path: string;
  status: number;
}

export interface TimelineCallout {
  id: string;
  event: string;
  attempt: number;
  status: number | string;
  /** Virtual time of the attempt. */
  at: string;
  outcome: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  at: string;
  customerId?: string;
  subscriptionId?: string;
  data: Record<string, unknown>;
}

export interface TimelineEntry {
  index: number;
  step: string;
  /** A short rendering of the step's (interpolated) arguments. */
  summary: string;
  /** Virtual time when the step began and when it ended. */
  startedAt: string;
  endedAt: string;
  status: 'passed' | 'failed';
  durationMs: number;
  /** Calls the runner made for the step. */
  calls: TimelineCall[];
  /** Zuora API calls the emulator saw meanwhile, from anyone (the sync engine, the runner). */
  zuoraCalls: TimelineCall[];
  /** Callout attempts made meanwhile. */
  callouts: TimelineCallout[];
  /** Platform events logged meanwhile. */
  events: TimelineEvent[];
  error?: string;
}

export interface ScenarioResult {
  file: string;
  name: string;
  tags: string[];
  /** `pending`: marked pending, and failed as it was expected to (the failure is kept). */
  status: 'passed' | 'failed' | 'pending';
  /** The reason a scenario is marked pending. */
  pending?: string;
  durationMs: number;
  failure?: StepFailure;
  /** A failure outside any step: the environment could not be set up, the catalog was refused... */
  error?: string;
  timeline: TimelineEntry[];
  /** The tenant (client id) the scenario ran on. */
  tenant?: string;
}
