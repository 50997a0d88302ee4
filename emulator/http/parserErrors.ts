import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from '../domain/errors.js';
import { dialectForPath, errorReply } from './dialects.js';

/** Node's parser codes that mean "too big" rather than "garbled". */
const TOO_LARGE: Readonly<Record<string, number>> = { HPE_HEADER_OVERFLOW: 431, HPE_URI_TOO_LONG: 414 };

/**
 * Requests Node's HTTP parser refuses (over-long headers or URL, garbled syntax) never reach express;
 * by default they get a bare status line. Where the socket can still be written, they get the
 * status with a body in the dialect of the path the request line names, like every other refusal.
 */
export function answerParserErrors(server: Server): void {
  // Node answers an HTTP/1.1 request without Host with a bare 400 before any handler runs; the app
  // answers it instead (hostRequired in app.ts), in the dialect's shape. The option is only read per request.
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const requestLine = error.rawPacket?.toString('latin1').split('\r\n', 1)[0] ?? '';
    const path = requestLine.split(' ')[1] ?? '/';
    const status = TOO_LARGE[error.code ?? ''] ?? 400;
    const kind = status === 400 ? 'Malformed' : 'TooLarge';
    const reply = errorReply(dialectForPath(path), new DomainError(kind, `The HTTP request could not be read (${error.code ?? 'parse error'})`), 'GET');
    const body = JSON.stringify(reply.body);
    socket.end(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 414 ? 'URI Too Long' : 'Request Header Fields Too Large'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
