import type { FastifyInstance } from 'fastify';
import type { HttpContext } from './server.ts';

export function registerPublicRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/.well-known/qrpay-keys.json', {
    schema: { tags: ['public'], summary: "The platform's QR signing public keys", security: [] },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return deps.qrCodes.keysDocument();
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
}
