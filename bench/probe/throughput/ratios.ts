import type { Verdict } from '../report/verdict.js';

export interface CpuPerProbe {
  mcpulse: number;
  floor: number;
  sdk: number;
}

export interface Ratios {
  /** mcpulse probes per CPU-second ÷ the naive SDK's (= SDK CPU per probe ÷ mcpulse's). */
  cpuEfficiencyVsSdk: number;
  /** mcpulse CPU ms per probe ÷ the floor's. */
  cpuCostVsFloor: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function ratiosOf(cpu: CpuPerProbe): Ratios {
  return { cpuEfficiencyVsSdk: cpu.sdk / cpu.mcpulse, cpuCostVsFloor: cpu.mcpulse / cpu.floor };
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

export function ratioVerdicts(ratios: Ratios, failures: number): Verdict[] {
  return [
    {
      name: 'mcpulse probes per CPU-second ÷ naive SDK',
      measured: `${ratios.cpuEfficiencyVsSdk.toFixed(2)}×`,
      target: '≥ 2×',
      pass: ratios.cpuEfficiencyVsSdk >= 2,
    },
    {
      name: 'mcpulse CPU ms per probe ÷ raw floor',
      measured: `${ratios.cpuCostVsFloor.toFixed(2)}×`,
      target: '≤ 1.5×',
      pass: ratios.cpuCostVsFloor <= 1.5,
    },
    {
      name: 'every measured check succeeded',
      measured: `${failures} failures`,
      target: '0',
      pass: failures === 0,
    },
  ];
}
