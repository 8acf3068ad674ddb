// Server-sent events: every till event fans out to every connected screen or host POS.
// A new client first gets the current state, so it never has to poll to catch up.
import type { ServerResponse } from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
}

export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private seq = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 15_000) {
    // a comment line keeps proxies and the browser from timing the stream out
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  attach(res: ServerResponse, initial: SseEvent[]): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    for (const e of initial) res.write(this.frame(e));
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(event: string, data: unknown): void {
    const f = this.frame({ event, data });
    for (const c of this.clients) c.write(f);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private frame(e: SseEvent): string {
    return `id: ${++this.seq}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
  }
}
