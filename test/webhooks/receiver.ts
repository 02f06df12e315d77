import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultRetryPolicy } from '../../src/app/webhooks.ts';

/** Platform options for webhook tests: loopback receivers, retries in milliseconds. */
export const fastWebhooks = {
  allowPrivateWebhooks: true,
  webhooks: {
    policy: { ...defaultRetryPolicy, retryBaseMs: 100, retryCapMs: 300 },
    requestTimeoutMs: 300,
    pollMs: 50,
  },
};

export type ReceiverMode = 'ok' | 'down' | 'error500' | 'hang' | 'reject400';

/** A merchant's webhook receiver for tests: switchable failures, signature check, dedupe. */
export async function startReceiver() {
  let mode: ReceiverMode = 'ok';
  let secret = '';
  const posts: { eventId: string; body: string; signatureOk: boolean; tSeconds: number; status: number }[] = [];
  const hung: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (mode === 'down') return void req.socket.destroy();
      if (mode === 'hang') return void hung.push(res);
      const header = String(req.headers['qrpay-signature'] ?? '');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      const t = match?.[1] ?? '';
      const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
      posts.push({
        eventId: String(req.headers['qrpay-event-id']),
        body,
        signatureOk: match?.[2] === mac,
        tSeconds: Number(t),
        status: mode === 'ok' ? 200 : mode === 'error500' ? 500 : 400,
      });
      if (mode === 'error500') return void res.writeHead(500).end('oops');
      if (mode === 'reject400') return void res.writeHead(400).end('bad');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    posts,
    setMode: (m: ReceiverMode) => void (mode = m),
    setSecret: (s: string) => void (secret = s),
    /** Event ids answered 200 with a valid signature, deduplicated (as a receiver would). */
    okEventIds: () =>
      new Set(posts.filter((p) => p.signatureOk && p.status === 200).map((p) => p.eventId)),
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
