import { createHash } from 'node:crypto';
import { createSnapshot } from '@mcpulse/core';
import { startV1Stateless, startV2ModernOnly } from '@mcpulse/testkit';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { legacyServer, result } from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

/** PROBE.md's definition, recomputed here from scratch with a JCS library. */
function independentHash(tools: Array<Record<string, unknown>>): string {
  const prepared = tools
    .map(({ _meta, ...rest }) => rest)
    .sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
  return createHash('sha256')
    .update(Buffer.from(canonicalize(prepared) ?? '', 'utf8'))
    .digest('hex');
}

describe('schema hash', () => {
  it('matches an independent RFC 8785 computation over a real SDK server', async () => {
    for (const start of [startV1Stateless, startV2ModernOnly]) {
      const server = await start();
      try {
        const { result: probe, tools } = await runProbe({ url: server.url, allowPrivateAddresses: true });
        expect(tools).not.toBeNull();
        const snapshot = createSnapshot(tools ?? []);
        const reparsed = JSON.parse(JSON.stringify(snapshot)) as {
          hash: string;
          tools: Array<Record<string, unknown>>;
        };
        expect(independentHash(reparsed.tools)).toBe(probe.schemaHash);
        expect(snapshot.hash).toBe(probe.schemaHash);
      } finally {
        await server.close();
      }
    }
  });

  it('drops only the tool-level _meta and page-level fields, across pages, in name order', async () => {
    const pageOne = [
      {
        name: 'zeta',
        inputSchema: { type: 'object', _meta: { kept: true } },
        _meta: { volatile: Date.now() },
      },
      {
        name: 'Alpha',
        inputSchema: { type: 'object', properties: { n: { type: 'number', default: 1e21 } } },
      },
    ];
    const pageTwo = [{ name: 'alpha', description: 'é ünïcödé 😀', inputSchema: { type: 'object' } }];
    const server = await legacyServer((message, _req, res) =>
      message.params?.cursor === undefined
        ? result(res, message.id, { tools: pageOne, nextCursor: 'p2', _meta: { page: 1 } })
        : result(res, message.id, { tools: pageTwo, ttlMs: 5, cacheScope: 'public' }),
    );
    try {
      const { result: probe } = await runProbe({ url: `${server.url}/mcp`, allowPrivateAddresses: true });
      expect(probe.toolCount).toBe(3);
      expect(probe.schemaHash).toBe(independentHash([...pageOne, ...pageTwo]));
      const withoutMeta = [{ ...pageOne[0], _meta: undefined }, pageOne[1], ...pageTwo].map((tool) =>
        JSON.parse(JSON.stringify(tool)),
      );
      expect(probe.schemaHash).toBe(independentHash(withoutMeta));
    } finally {
      await server.close();
    }
  });
});
