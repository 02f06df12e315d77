/** A lean keep-alive HTTP/1.1 JSON client for load generation (node:http, no fetch overhead). */
import http from 'node:http';

export interface JsonResponse {
  status: number;
  body: any;
}

export function createJsonClient(baseUrl: string, maxSockets: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    agent,
    request(method: string, path: string, key: string | null, body?: unknown): Promise<JsonResponse> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: {
              ...(key ? { authorization: `Bearer ${key}` } : {}),
              ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: unknown = text;
              try {
                parsed = text === '' ? null : JSON.parse(text);
              } catch {
                // not JSON: keep the text
              }
              resolve({ status: res.statusCode ?? 0, body: parsed });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.setTimeout(30_000, () => req.destroy(new Error('request timed out')));
        if (payload !== undefined) req.write(payload);
        req.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * Follows one terminal's event stream and resolves waiters when an order reaches a state (one of
 * the `kept` event types).
 * Returns null when the server has no stream endpoint.
 */
export function followTerminalEvents(baseUrl: string, key: string, kept: readonly string[] = ['order.paid']) {
  const url = new URL('/v1/terminals/me/events', baseUrl);
  const waiters = new Map<string, { type: string; resolve: (atMs: number) => void }>();
  const seen = new Map<string, number>(); // "orderId type" → time received
  let request: http.ClientRequest | null = null;
  const ready = new Promise<boolean>((resolve) => {
    request = http.get(url, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(false);
        return;
      }
      resolve(true);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (data === '') continue;
          try {
            const event = JSON.parse(data) as { type: string; data: { order: { id: string } } };
            // only the types someone will wait for are remembered (the rest would pile up)
            if (!kept.includes(event.type)) continue;
            const id = `${event.data.order.id} ${event.type}`;
            const now = performance.now();
            seen.set(id, now);
            const waiter = waiters.get(id);
            if (waiter) {
              waiters.delete(id);
              waiter.resolve(now);
            }
          } catch {
            // a heartbeat or a malformed line: ignore
          }
        }
      });
    });
    request.on('error', () => resolve(false));
  });
  return {
    ready,
    waitFor(orderId: string, type: string): Promise<number> {
      const id = `${orderId} ${type}`;
      const at = seen.get(id);
      if (at !== undefined) {
        seen.delete(id);
        return Promise.resolve(at);
      }
      return new Promise((resolve) => waiters.set(id, { type, resolve }));
    },
    close() {
      request?.destroy();
    },
  };
}
