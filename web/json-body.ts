/**
 * A JSON answer serialised once and sent many times (kept in a response cache): its UTF-8 bytes and, made on the
 * first request that accepts it, their gzip, so that neither JSON.stringify nor compression runs per request.
 */
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** Bodies smaller than this are sent as they are: compressing them saves too little. */
const MIN_GZIP_BYTES = 1024;

export class JsonBody {
  readonly bytes: Buffer;
  private gzipped: Buffer | undefined;

  /** `new JsonBody({ alerts })`: serialised now. */
  constructor(value: unknown) {
    this.bytes = Buffer.from(JSON.stringify(value));
  }

  /** The bytes gzipped (made once). */
  get gzip(): Buffer {
    this.gzipped ??= gzipSync(this.bytes);
    return this.gzipped;
  }

  /** Send as `application/json`, gzipped when the client accepts gzip and the body is large enough. */
  send(req: Request, res: Response): void {
    res.type('json');
    if (this.bytes.length < MIN_GZIP_BYTES) return void res.send(this.bytes);
    res.vary('Accept-Encoding');
    if (req.headers['accept-encoding'] && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.set('Content-Encoding', 'gzip');
      return void res.send(this.gzip);
    }
    res.send(this.bytes);
  }
}
