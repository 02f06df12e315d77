/**
 * The ceiling of the HTTP stack here: a minimal node:http server that parses and validates a
 * payment-shaped JSON body and answers 201, with nothing behind it.
 */
import http from 'node:http';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: { amount?: unknown; currency?: unknown } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      res.writeHead(400).end('{"error":{"code":"request_body_invalid"}}');
      return;
    }
    const valid = Number.isSafeInteger(body.amount) && typeof body.currency === 'string';
    res.writeHead(valid ? 201 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'ord_baseline', status: 'pending', amount: body.amount }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send?.({ port: address.port });
});
process.on('message', (m: string) => {
  if (m === 'stop') server.close(() => process.exit(0));
});
