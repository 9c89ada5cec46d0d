import type { AppOptions } from '../../app-options.js';
import type { ProbeSlots } from './probe-slots.js';

/** The part of the app's options the monitor verbs use; routes pass the options themselves. */
export type MonitorDeps = Pick<
  AppOptions,
  | 'db'
  | 'secretKey'
  | 'regions'
  | 'probe'
  | 'allowPrivateTargets'
  | 'allowedTargetCidrs'
  | 'onMonitorChanged'
  | 'queues'
>;

/** What the verbs that run a probe need besides: the per-organisation cap on probes in flight. */
export type ProbingDeps = Pick<MonitorDeps, 'probe' | 'allowPrivateTargets' | 'allowedTargetCidrs'> & {
  probeSlots: ProbeSlots;
};
