import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The body as it arrived (signature checks need the exact bytes). */
  raw: string;
}

/** A local webhook receiver that records every request and answers as a test scripts it. */
export class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer with, in order; 200 once they run out. */
  script: number[] = [];
  /** When set, requests without these basic credentials get a 401 Basic challenge. */
  basicAuth: { username: string; password: string } | undefined;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: keep the text.
        }
        const expected = this.basicAuth ? `Basic ${Buffer.from(`${this.basicAuth.username}:${this.basicAuth.password}`).toString('base64')}` : undefined;
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, raw: text });
        if (expected && req.headers.authorization !== expected) {
          res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="webhooks"' }).end();
          return;
        }
        res.writeHead(this.script.shift() ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.received.length = 0;
    this.script = [];
    this.basicAuth = undefined;
  }

  /** Requests that reached a path, in arrival order. */
  at(path: string): Received[] {
    return this.received.filter((request) => request.path.split('?')[0] === path);
  }
}

export function useReceiver(): Receiver {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  return receiver;
}
