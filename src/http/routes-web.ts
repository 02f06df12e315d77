/**
 * The three web apps, served by `qrpay serve` itself: /pos/, /wallet/ and /admin/ from the Vite
 * build in web/dist (built by `npm install` through the prepare script, or `npm run build:web`).
 * A path inside an app that is not a file gets the app's index.html (the apps route on the client).
 * Hashed assets are cached for a year; pages and the service worker are revalidated every time,
 * so a new build reaches devices at once.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const webApps = ['pos', 'wallet', 'admin'] as const;

const defaultRoot = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

function missingBuild(reply: FastifyReply) {
  return reply
    .code(503)
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><meta charset="utf-8"><title>qrpay</title>' +
        '<p>The web apps are not built yet. Run <code>npm run build:web</code> ' +
        '(or <code>npm install</code>) and reload.</p>',
    );
}

/** The file under `root` that `relative` names, or null (never outside root). */
function fileIn(root: string, relative: string): string | null {
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(`${root}${sep}`)) return null;
  try {
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

export function webRoutes(options: { root?: string } = {}) {
  const root = options.root ?? defaultRoot;
  return async function registerWebRoutes(app: FastifyInstance) {
    await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

    const sendPage = (reply: FastifyReply, relative: string) => {
      const noStore = relative.endsWith('.html') || relative.endsWith('sw.js')
        || relative.endsWith('.webmanifest');
      const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable'
        : noStore ? 'no-cache' : 'public, max-age=3600';
      return reply
        .header('cache-control', cache)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .sendFile(relative, root, { cacheControl: false });
    };

    app.get('/assets/*', { schema: { hide: true } }, async (request, reply) => {
      const rest = (request.params as { '*': string })['*'];
      const file = fileIn(root, join('assets', rest));
      if (!file) return reply.code(404).type('text/plain').send('not found');
      return sendPage(reply, file.slice(root.length + 1));
    });

    for (const name of webApps) {
      app.get(`/${name}`, { schema: { hide: true } }, async (_request, reply) =>
        reply.redirect(`/${name}/`));
      app.get(`/${name}/*`, { schema: { hide: true } }, async (request, reply) => {
        if (!existsSync(join(root, name, 'index.html'))) return missingBuild(reply);
        const rest = (request.params as { '*': string })['*'];
        const file = rest === '' ? null : fileIn(root, join(name, rest));
        if (file) return sendPage(reply, file.slice(root.length + 1));
        // Only page routes fall back to the app; a missing script or image is a plain 404.
        if (/\.[a-z0-9]{1,8}$/i.test(rest)) {
          return reply.code(404).type('text/plain').send('not found');
        }
        return sendPage(reply, `${name}/index.html`);
      });
    }
  };
}
