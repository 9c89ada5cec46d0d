import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths that belong to the server: an unknown one there is a JSON 404, never the dashboard. */
const SERVER_PATHS = /^\/(?:api(?:\/|$)|docs(?:\/|$|\?)|status(?:\/|$)|healthz$|readyz$)/;
/** Vite names everything under assets/ by content hash, so a file there never changes. */
const HASHED_ASSETS = /^\/assets\//;

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built dashboard at `/`. A GET for a path that is no file gets
 * index.html, so the dashboard's own routes survive a reload; index.html is
 * revalidated on every load so a new deploy shows at once, while hashed assets
 * are cached for a year.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false });
    scope.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = decodedPath(request.url);
      if (pathname === null || SERVER_PATHS.test(pathname)) return reply.callNotFound();
      const file = path.join(root, pathname);
      if (file.startsWith(root + path.sep) && (await isFile(file))) {
        if (HASHED_ASSETS.test(pathname)) {
          return reply.sendFile(pathname, { maxAge: '365d', immutable: true });
        }
        return reply.header('cache-control', 'no-cache').sendFile(pathname, { cacheControl: false });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  });
}
