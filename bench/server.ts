// The server side of the bench, in a child process of its own so its CPU time and memory can be read
// apart from the load generator's. `node --import tsx bench/server.ts emulator|express|http`; the
// parent talks to it over IPC (see servers.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';
import { tuneForServing } from '../cli/tiering.js';

/** What a ceiling answers to every request: the bytes the emulator answered to the same request. */
export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export type ServerKind = 'emulator' | 'express' | 'http';

export type ToServer = { type: 'answer'; answer: Answer } | { type: 'stats' } | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; url: string; startMs: number; compiled?: boolean; clientId?: string; clientSecret?: string; adminToken?: string }
  | { type: 'stats'; objects: number; rssBytes: number }
  | { type: 'answered' }
  | { type: 'stopped' };

const send = (message: FromServer): void => {
  process.send?.(message);
};

const kind = process.argv[2] as ServerKind;
let answer: Answer = { status: 200, contentType: 'application/json', body: '{}' };

/**
 * The emulator as a user runs it: the compiled dist/ (what `npm ci` builds and the bin runs), unless
 * it is missing or older than a source file, when the sources run through tsx instead.
 */
async function emulatorCode(): Promise<{ compiled: boolean; module: typeof import('../emulator/index.js') }> {
  const compiled = fileURLToPath(new URL('../dist/emulator/index.js', import.meta.url));
  const sources = fileURLToPath(new URL('../emulator/', import.meta.url));
  const built = existsSync(compiled) ? statSync(compiled).mtimeMs : 0;
  const fresh = built > 0 && readdirSync(sources, { recursive: true, withFileTypes: true }).every((entry) => !entry.isFile() || statSync(path.join(entry.parentPath, entry.name)).mtimeMs <= built);
  if (!fresh) return { compiled: false, module: await import('../emulator/index.js') };
  return { compiled: true, module: (await import(pathToFileURL(compiled).href)) as typeof import('../emulator/index.js') };
}

if (kind === 'emulator') {
  const code = await emulatorCode();
  const { startEmulator } = code.module;
  // Tuned as `zuora-emulator start` tunes it (cli/tiering.ts): the ceilings run as their users would run them.
  tuneForServing();
  // From here: loading the state and listening, not loading the code.
  const started = performance.now();
  const dataDir = process.env.BENCH_DATA_DIR;
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    ...(dataDir ? { dataDir } : { inMemory: true }),
    now: process.env.BENCH_NOW ?? '2026-01-01T00:00:00.000Z',
    adminToken: 'bench-admin-token',
  });
  const startMs = performance.now() - started;
  const store = emulator.services.store;
  process.on('message', (message: ToServer) => {
    if (message.type === 'stats') {
      let objects = 0;
      for (const tenant of store.tenantKeys()) {
        for (const collection of Object.values(store.tenant(tenant)?.objects ?? {})) objects += Object.keys(collection).length;
      }
      send({ type: 'stats', objects, rssBytes: process.memoryUsage.rss() });
    } else if (message.type === 'stop') {
      void emulator.close().then(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
    }
  });
  send({ type: 'ready', url: emulator.url, startMs, compiled: code.compiled, ...emulator.credentials, adminToken: emulator.adminToken });
} else {
  const started = performance.now();
  // The ceilings answer the same bytes: express as a minimal API would (its body parsers, one
  // handler), node:http reading the body to its end as any server must on a kept-alive connection.
  let server: Server;
  if (kind === 'express') {
    const app = express();
    app.use(express.json(), express.urlencoded({ extended: false }));
    app.use((_request, response) => {
      response.status(answer.status).type(answer.contentType).send(answer.body);
    });
    server = createServer(app);
  } else {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
        response.end(answer.body);
      });
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: ToServer) => {
    if (message.type === 'answer') {
      answer = message.answer;
      send({ type: 'answered' });
    } else if (message.type === 'stats') {
      send({ type: 'stats', objects: 0, rssBytes: process.memoryUsage.rss() });
    } else if (message.type === 'stop') {
      server.close();
      server.closeAllConnections();
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
  send({ type: 'ready', url: `http://127.0.0.1:${port}`, startMs: performance.now() - started });
}
