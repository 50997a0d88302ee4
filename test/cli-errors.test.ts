import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';

// A person who gets a command wrong sees one line saying what is wrong and what to do, never a
// stack trace: exit 2 when the command line is at fault, 1 when something it needs failed.

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 45_000, env: { ...process.env, DEBUG: '', ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** One line on stderr, no stack frames, nothing on stdout. */
function expectOneLine(result: Run, status: number, says: RegExp): void {
  expect(result.status, result.stderr).toBe(status);
  expect(result.stderr.trimEnd()).toMatch(says);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
}

let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zuora-emulator-cli-errors-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('usage errors exit 2 with one line', () => {
  it.each([
    [[], /^zuora-emulator: give a command: start, sync, scenario or contract \(see zuora-emulator --help\)$/],
    [['serve'], /^zuora-emulator: unknown command 'serve'/],
    [['start', '--prot', '4010'], /^zuora-emulator start: unknown option --prot \(see zuora-emulator start --help\)$/],
    [['start', '--port'], /^zuora-emulator start: --port needs a value/],
    [['start', '--port', 'eighty'], /--port must be a whole number from 0 to 65535 \(got 'eighty'\)/],
    [['start', '--sync-port', '70000'], /--sync-port must be a whole number from 0 to 65535 \(got '70000'\)/],
    [['start', '--now', 'garbage'], /--now must be an ISO date-time such as 2026-01-01T00:00:00Z \(got 'garbage'\)/],
    [['start', '--in-memory=yes'], /--in-memory takes no value/],
    [['start', 'now'], /unexpected argument 'now'/],
    [['sync', '--zuora-url', 'https://example.com'], /^zuora-emulator sync: --zuora-url, --client-id and --client-secret are required/],
    [['scenario', 'replay'], /^zuora-emulator scenario: unknown subcommand 'replay'/],
    [['scenario', 'run', '--concurrency', 'many'], /--concurrency must be a whole number/],
    [['contract', 'run', '--reporter', 'xml'], /--reporter must be console or junit/],
    [['contract', 'fuzz', '--count', '-1'], /^zuora-emulator contract fuzz: /],
    [['contract', 'drift'], /--official-spec FILE is required/],
    [['contract', 'verify'], /unknown subcommand 'verify'/],
  ])('zuora-emulator %j', async (args, says) => {
    expectOneLine(await run(args), 2, says);
  });

  it('takes a start flag from its environment variable, and says which one is wrong', async () => {
    expectOneLine(await run(['start'], { ZUORA_EMULATOR_IN_MEMORY: 'perhaps' }), 2, /ZUORA_EMULATOR_IN_MEMORY must be 1 or 0 \(got 'perhaps'\)/);
  });
});

describe.concurrent('runtime failures exit 1 with one line', () => {
  it('a port in use', async () => {
    expectOneLine(await run(['start', '--in-memory', '--port', String(busyPort)]), 1, new RegExp(`port ${busyPort} on 127.0.0.1 is already in use; stop what holds it or pick another with --port`));
  });

  it('a sync port in use', async () => {
    expectOneLine(await run(['start', '--in-memory', '--port', '0', '--sync-port', String(busyPort)]), 1, /already in use; stop what holds it or pick another with --sync-port/);
  });

  it('a host that does not resolve, and one that is not this machine', async () => {
    expectOneLine(await run(['start', '--in-memory', '--port', '0', '--host', 'no-such-host.invalid', '--admin-token', 'a-token']), 1, /cannot resolve host 'no-such-host\.invalid'/);
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
    expectOneLine(await run(['start', '--in-memory', '--port', '0', '--host', '192.0.2.1', '--admin-token', 'a-token']), 1, /cannot listen on 192\.0\.2\.1: it is not an address of this machine/);
  });

  it('a data directory that is a file, or cannot be created', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    expectOneLine(await run(['start', '--port', '0', '--data-dir', file]), 1, /data directory .*a-file is a file, not a folder/);
    // /proc refuses new folders; Node's recursive mkdir spins on it forever, the check does not.
    expectOneLine(await run(['start', '--port', '0', '--data-dir', '/proc/zuora-emulator']), 1, /cannot create data directory \/proc\/zuora-emulator/);
  });

  it('a corrupt state file, named with its line', async () => {
    const corrupt = path.join(dir, 'corrupt');
    await mkdir(corrupt);
    await writeFile(path.join(corrupt, 'state.json'), '{\n  "version": 1,\n  "tenants": {,\n}\n');
    expectOneLine(await run(['start', '--port', '0', '--data-dir', corrupt]), 1, /state file .*corrupt\/state\.json is not valid JSON at line 3, column 15/);
  });

  it('a data directory another process is using', async () => {
    const shared = path.join(dir, 'shared');
    const first = spawn(process.execPath, [...CLI, 'start', '--port', '0', '--no-sync', '--data-dir', shared], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        first.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
        first.once('exit', (code) => reject(new Error(`first emulator exited with ${code}`)));
      });
      expectOneLine(await run(['start', '--port', '0', '--no-sync', '--data-dir', shared]), 1, new RegExp(`data directory .*shared is in use by process ${first.pid}`));
    } finally {
      first.kill('SIGKILL');
    }
  });

  it('shows the stack trace only when asked with --verbose', async () => {
    const verbose = await run(['start', '--in-memory', '--port', String(busyPort), '--verbose']);
    expect(verbose.status).toBe(1);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });
});

describe.concurrent('help and version', () => {
  it.each([[['--help']], [['-h']], [['start', '--help']], [['start', '-h']], [['sync', '-h']], [['scenario', '--help']], [['scenario', 'run', '-h']], [['contract', '-h']], [['contract', 'run', '--help']], [['contract', 'fuzz', '-h']], [['contract', 'drift', '-h']], [['contract', 'coverage', '-h']]])(
    'zuora-emulator %j prints help and exits 0',
    async (args) => {
      const result = await run(args);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Usage: zuora-emulator/);
    },
  );

  it('--version prints the package version', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const result = await run(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });
});
