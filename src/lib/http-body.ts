import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as UTF-8, keeping at most maxBytes in memory; a larger body is drained
 * and answered with undefined, so the caller can refuse it (413) without buffering it.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
