import http from 'node:http';
import { seedBasics, type Api } from '../support/api.ts';

/**
 * seedBasics, retried: right after start-up a busy 2-core machine can trip the load shedder
 * (503 service_overloaded on event-loop lag), which is not what these tests are about.
 */
export async function seedRetrying(api: Api): Promise<Awaited<ReturnType<typeof seedBasics>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await seedBasics(api);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('service_overloaded')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export interface SseMessage {
  id: string | null;
  event: string;
  data: any;
}

/** A minimal SSE reader over node:http (what a browser's fetch() stream does), for tests. */
export function openStream(baseUrl: string, key: string, lastEventId?: number) {
  const messages: SseMessage[] = [];
  let comments = 0;
  let ended = false;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  let status = 0;
  const url = new URL('/v1/terminals/me/events', baseUrl);
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  let request: http.ClientRequest | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const msg: SseMessage = { id: null, event: 'message', data: null };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments += 1;
            else if (line.startsWith('id: ')) msg.id = line.slice(4);
            else if (line.startsWith('event: ')) msg.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              msg.data = JSON.parse(line.slice(6));
              isEvent = true;
            }
          }
          if (isEvent) messages.push(msg);
        }
        notify();
      });
      res.on('end', () => {
        ended = true;
        notify();
      });
      res.on('error', () => undefined);
      resolve();
    });
    req.on('error', (error) => {
      ended = true;
      notify();
      reject(error);
    });
    request = req;
  });
  const stream = {
    messages,
    ready,
    get status() {
      return status;
    },
    get ended() {
      return ended;
    },
    get comments() {
      return comments;
    },
    close: () => void request?.destroy(),
    /** Waits until `predicate` holds, or fails after `timeoutMs`. */
    async until(predicate: () => boolean, timeoutMs = 5000, what = 'stream condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
  return stream;
}
