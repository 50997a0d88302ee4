import { createConnection } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { accountBody, useEmulator } from './helpers/emulator.js';
import { stateFingerprint } from './helpers/fingerprint.js';

// How a request's body is read before any route sees it: compressed bodies, bodies without a length,
// the size limit, broken and aborted uploads. Every refusal leaves in the path's dialect and changes
// nothing; the connection it came on goes on answering.

const env = useEmulator({ now: '2026-01-15T00:00:00.000Z' });
const fingerprint = (): Promise<string> => stateFingerprint(env, 'body-probe');
const LIMIT = 10 * 1024 * 1024;

/** A POST of exactly these bytes, with these headers, as the default tenant. */
async function post(path: string, bytes: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(env.url + path, {
    method: 'POST',
    body: bytes,
    headers: { Authorization: `Bearer ${env.zuora.token}`, 'content-type': 'application/json', ...headers },
    ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: response.status, body: await response.json() };
}

/** A body sent in pieces, so it goes chunked with no Content-Length. */
function streamed(text: string, pieces = 4): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.subarray(at, (at += size)));
    },
  });
}

/** Raw bytes on a fresh connection; resolves with everything the server sent before it closed. */
function exchange(bytes: string | Buffer, closeAfterWrite = false): Promise<string> {
  const { hostname, port } = new URL(env.url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection({ host: hostname, port: Number(port) }, () => {
      socket.write(bytes);
      if (closeAfterWrite) socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('compressed bodies', () => {
  it('reads gzip, deflate and br bodies as the JSON they hold, the encoding named in any case', async () => {
    const json = JSON.stringify(accountBody());
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(json)],
      ['GZip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
    ] as const) {
      const answer = await post('/v2/accounts', bytes, { 'content-encoding': encoding });
      expect(answer.status, encoding).toBe(201);
      expect(answer.body, encoding).toMatchObject({ name: 'Acme Corp', account_number: expect.any(String) });
    }
  });

  it('refuses an encoding it cannot read, in the dialect, storing nothing', async () => {
    const before = await fingerprint();
    const v2 = await post('/v2/accounts', Buffer.from(JSON.stringify(accountBody())), { 'content-encoding': 'compress' });
    expect(v2.status).toBe(400);
    expect(v2.body).toMatchObject({ type: 'bad_request', errors: [{ parameter: 'body', message: 'unsupported content encoding "compress"' }] });
    const v1 = await post('/v1/accounts', Buffer.from(JSON.stringify(accountBody())), { 'content-encoding': 'constructor' });
    expect(v1.body).toMatchObject({ success: false, reasons: [{ message: 'unsupported content encoding "constructor"' }] });
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a body that does not inflate with zlib's reason, storing nothing", async () => {
    const before = await fingerprint();
    const corrupt = await post('/v2/accounts', Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body).toMatchObject({ type: 'bad_request', errors: [{ parameter: 'body', message: 'incorrect header check' }] });
    const cut = await post('/v2/accounts', gzipSync(JSON.stringify(accountBody())).subarray(0, 20), { 'content-encoding': 'gzip' });
    expect(cut.body).toMatchObject({ errors: [{ message: 'unexpected end of file' }] });
    expect(await fingerprint()).toBe(before);
  });
});

describe('the size limit', () => {
  it('reads a body sent without a length (chunked) as one', async () => {
    const answer = await post('/v2/accounts', streamed(JSON.stringify(accountBody())), {});
    expect(answer.status).toBe(201);
  });

  it('answers 413 in the dialect when a chunked body grows past the limit, or a small one inflates past it', async () => {
    const before = await fingerprint();
    const chunked = await post('/v2/accounts', streamed(JSON.stringify(accountBody({ notes: 'x'.repeat(LIMIT) })), 8), {});
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatchObject({ type: 'payload_too_large' });
    const bomb = gzipSync(JSON.stringify(accountBody({ notes: ' '.repeat(LIMIT) })));
    expect(bomb.length).toBeLessThan(LIMIT / 100);
    const inflated = await post('/v1/accounts', bomb, { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(inflated.body).toMatchObject({ success: false, reasons: [{ message: 'The request body is larger than 10mb' }] });
    expect(await fingerprint()).toBe(before);
  });

  it('reads a body of exactly the limit', async () => {
    const json = JSON.stringify(accountBody());
    const padded = json + ' '.repeat(LIMIT - Buffer.byteLength(json));
    const answer = await post('/v2/accounts', Buffer.from(padded), {});
    expect(answer.status).toBe(201);
  });
});

describe('the connection a body came on', () => {
  it('answers the next request on a kept-alive connection after a refused body it did not read', async () => {
    const refused = `POST /v2/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${env.zuora.token}\r\nContent-Type: application/json\r\nContent-Encoding: compress\r\nContent-Length: 13\r\n\r\n{"name":"a"}\n`;
    const next = `GET /v1/catalog/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${env.zuora.token}\r\nConnection: close\r\n\r\n`;
    const answers = await exchange(refused + next);
    const statusLines = answers.match(/HTTP\/1\.1 \d{3} [^\r]*/g);
    expect(statusLines).toEqual(['HTTP/1.1 400 Bad Request', 'HTTP/1.1 200 OK']);
    expect(answers).toContain('"success":true');
  });

  it('drops an upload the client gave up on: nothing stored, nothing answered, the server answers on', async () => {
    const before = await fingerprint();
    const json = JSON.stringify(accountBody());
    const head = `POST /v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${env.zuora.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n`;
    expect(await exchange(head + json.slice(0, 40), true)).toBe('');
    expect(await fingerprint()).toBe(before);
    expect((await env.zuora.get('/v1/catalog/products')).body).toMatchObject({ success: true });
  });
});
