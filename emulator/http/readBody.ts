import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Far above any payload Zuora takes (10 MiB); a larger body gets a 413 in the dialect's shape. */
export const BODY_LIMIT = 10 * 1024 * 1024;

/** A body that could not be read: the status it is answered with (413, 415, 400) and why. */
export class BodyReadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const INFLATERS: Readonly<Record<string, () => Transform>> = { deflate: createInflate, gzip: createGunzip, br: createBrotliDecompress };

/**
 * Reads a request's body into one Buffer, as express.raw did on every request before it: no body at
 * all (neither Content-Length nor Transfer-Encoding) is undefined; a deflate, gzip or br
 * Content-Encoding is inflated, any other one refused with a 415 at once; a body over BODY_LIMIT
 * (declared or counted, after inflating) is a 413, given once the request has been read to its end;
 * a body that does not inflate is a 400 with zlib's reason. An aborted request calls back never: there
 * is nobody left to answer. Here because express.raw cost a dozen listeners, an async resource and
 * several modules' worth of functions per request on the path of every write.
 */
export function readBody(req: IncomingMessage, done: (error: BodyReadError | undefined, body?: Buffer) => void): void {
  const declared = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (declared === undefined || Number.isNaN(Number(declared)))) {
    done(undefined);
    return;
  }
  const encoding = (req.headers['content-encoding'] || 'identity').toLowerCase();
  let source: Readable = req;
  let inflating: Transform | undefined;
  if (encoding !== 'identity') {
    const inflater = Object.hasOwn(INFLATERS, encoding) ? INFLATERS[encoding] : undefined;
    if (!inflater) {
      done(new BodyReadError(415, `unsupported content encoding "${encoding}"`));
      return;
    }
    source = inflating = req.pipe(inflater());
  } else if (declared !== undefined && Number.parseInt(declared, 10) > BODY_LIMIT) {
    afterRequest(req, () => done(new BodyReadError(413, 'request entity too large')));
    return;
  }

  const chunks: Buffer[] = [];
  let received = 0;
  const stop = (): void => {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
    if (!inflating) return;
    // The inflater is done with, whatever is left of the request is read off and dropped.
    req.unpipe(inflating);
    inflating.on('error', () => undefined);
    inflating.destroy();
    req.resume();
  };
  const fail = (error: BodyReadError): void => {
    stop();
    afterRequest(req, () => done(error));
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > BODY_LIMIT) fail(new BodyReadError(413, 'request entity too large'));
    else chunks.push(chunk);
  };
  const onEnd = (): void => {
    stop();
    done(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received));
  };
  const onError = (error: Error): void => fail(new BodyReadError(400, error.message));
  source.on('data', onData);
  source.on('end', onEnd);
  // Only an inflater's errors (a corrupt gzip); an aborted request has no listener and ends quietly.
  inflating?.on('error', onError);
}

/** Runs `then` once the request has been read to its end (its bytes dropped); never when it is aborted. */
function afterRequest(req: IncomingMessage, then: () => void): void {
  if (req.complete) {
    then();
    return;
  }
  req.on('end', then);
  req.resume();
}
