import type { CheckClient } from '../clients/check-client.js';
import { floorClient } from '../clients/floor-client.js';
import { mcpulseClient } from '../clients/mcpulse-client.js';
import { sdkClient } from '../clients/sdk-client.js';
import type { CpuMessage } from '../fixture/child-messages.js';
import { type FixtureChild, startChild } from '../fixture/start-child.js';
import type { Verdict } from '../report/verdict.js';
import { addSegment, type ClientFigures, emptyTotals, toFigures } from './client-figures.js';
import { type CpuPerProbe, type Ratios, ratiosOf, ratioVerdicts, type Spread, spreadOf } from './ratios.js';
import { runChecks } from './run-checks.js';

export interface ThroughputOptions {
  /** Measured checks per client, split evenly over the rounds. */
  checks: number;
  warmup: number;
  rounds: number;
  concurrency: number;
}

export interface ThroughputFigures {
  options: ThroughputOptions;
  clients: ClientFigures[];
  /** From the totals of every round: the figures the verdicts judge. */
  ratios: Ratios;
  /** The same ratios round by round: how much the machine's noise moved them. */
  roundRatios: { cpuEfficiencyVsSdk: Spread; cpuCostVsFloor: Spread };
  verdicts: Verdict[];
}

const CLIENTS: CheckClient[] = [mcpulseClient, floorClient, sdkClient];

async function serverCpuMs(fixture: FixtureChild): Promise<number> {
  return (await fixture.ask<CpuMessage>('cpu', 'cpu')).micros / 1000;
}

function cpuPerProbe(clients: ClientFigures[]): CpuPerProbe {
  const of = (id: CheckClient['id']) =>
    clients.find((client) => client.id === id)?.cpuMsPerProbe ?? Number.NaN;
  return { mcpulse: of('mcpulse'), floor: of('floor'), sdk: of('sdk') };
}

/**
 * Part A: the three clients against one fixture server in a child process, all
 * in one run so their ratios are comparable. The measured checks are split into
 * rounds with the client order rotated each round, so drift in the machine
 * (other load, CPU frequency) falls on every client alike.
 */
export async function runThroughput(
  options: ThroughputOptions,
  log: (line: string) => void,
): Promise<ThroughputFigures> {
  const fixture = await startChild('./mcp-fixture-server.ts');
  try {
    const url = `http://127.0.0.1:${fixture.ports[0]}/mcp`;
    for (const client of CLIENTS) {
      const warm = await runChecks(client, url, options.warmup, options.concurrency);
      if (warm.failures > 0) throw new Error(`${client.label} fails against the fixture: ${warm.firstError}`);
    }
    log(`  warmed up: ${options.warmup} checks per client`);
    const totals = new Map(CLIENTS.map((client) => [client.id, emptyTotals()]));
    const perRound = Math.ceil(options.checks / options.rounds);
    const perRoundRatios: Ratios[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const cpu: Partial<CpuPerProbe> = {};
      for (let i = 0; i < CLIENTS.length; i++) {
        const client = CLIENTS[(round + i) % CLIENTS.length]!;
        const serverBefore = await serverCpuMs(fixture);
        const segment = await runChecks(client, url, perRound, options.concurrency);
        addSegment(totals.get(client.id)!, segment, (await serverCpuMs(fixture)) - serverBefore);
        cpu[client.id] = segment.cpuMs / segment.checks;
      }
      perRoundRatios.push(ratiosOf(cpu as CpuPerProbe));
      log(`  round ${round + 1}/${options.rounds} done (${perRound} checks per client)`);
    }
    const clients = CLIENTS.map((client) => toFigures(client, totals.get(client.id)!));
    const ratios = ratiosOf(cpuPerProbe(clients));
    const failures = clients.reduce((sum, client) => sum + client.failures, 0);
    return {
      options,
      clients,
      ratios,
      roundRatios: {
        cpuEfficiencyVsSdk: spreadOf(perRoundRatios.map((ratio) => ratio.cpuEfficiencyVsSdk)),
        cpuCostVsFloor: spreadOf(perRoundRatios.map((ratio) => ratio.cpuCostVsFloor)),
      },
      verdicts: ratioVerdicts(ratios, failures),
    };
  } finally {
    await fixture.stop();
  }
}
