import { setTimeout as sleep } from 'node:timers/promises';
import { runProbe } from '@mcpulse/probe';
import type { HangStats } from '../fixture/child-messages.js';
import { startChild } from '../fixture/start-child.js';
import { type HangingFigures, type HangingOptions, hangingFigures } from './hanging-figures.js';
import { RssSampler } from './rss-sampler.js';

const WARMUP_CHECKS = 100;
const WARMUP_TIMEOUT_MS = 250;

/**
 * Part B: every check at once against servers that accept and never answer.
 * Each check's own elapsed time is taken around its own `runProbe` call, so a
 * check that started late in the burst is judged against its own deadline.
 */
export async function runHanging(
  options: HangingOptions,
  log: (line: string) => void,
): Promise<HangingFigures> {
  const hang = await startChild('./hang-server.ts', [String(options.listeners)]);
  const urlFor = (i: number) => `http://127.0.0.1:${hang.ports[i % hang.ports.length]}/mcp`;
  try {
    // A worker that fires such a burst has run checks before: warm the timeout path up first.
    await Promise.all(
      Array.from({ length: WARMUP_CHECKS }, (_, i) =>
        runProbe({ url: urlFor(i), allowPrivateAddresses: true, timeoutMs: WARMUP_TIMEOUT_MS }),
      ),
    );
    const sampler = await RssSampler.start(50);
    await sleep(500);
    const rssBaselineBytes = process.memoryUsage.rss();
    const elapsedMs: number[] = new Array(options.checks);
    const errorCodes: Record<string, number> = {};
    const cpuBefore = process.cpuUsage();
    const batchStarted = performance.now();
    const pending = Array.from({ length: options.checks }, async (_, i) => {
      const started = performance.now();
      const { result } = await runProbe({
        url: urlFor(i),
        allowPrivateAddresses: true,
        timeoutMs: options.timeoutMs,
      });
      elapsedMs[i] = performance.now() - started;
      const code = result.error?.code ?? result.status;
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    });
    const issueMs = performance.now() - batchStarted;
    await Promise.all(pending);
    const batchWallMs = performance.now() - batchStarted;
    const cpu = process.cpuUsage(cpuBefore);
    const rss = await sampler.stop();
    log(`  ${options.checks} checks settled in ${batchWallMs.toFixed(0)} ms`);
    const accepted = (await hang.ask<HangStats>('stats', 'stats')).accepted - WARMUP_CHECKS;
    await sleep(200);
    const { open } = await hang.ask<HangStats>('stats', 'stats');
    return hangingFigures(options, {
      rssBaselineBytes,
      rssPeakBytes: rss.peakBytes,
      rssSamples: rss.samples,
      elapsedMs,
      issueMs,
      batchWallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      errorCodes,
      acceptedConnections: accepted,
      connectionsOpenAfter: open,
    });
  } finally {
    await hang.stop();
  }
}
