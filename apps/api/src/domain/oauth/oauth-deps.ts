import type { AppOptions } from '../../app-options.js';
import type { ProbeSlots } from '../monitors/probe-slots.js';

/** What "Connect with OAuth" needs of the app: the database, the sealing key, the probe and the public URL. */
export type OAuthDeps = Pick<
  AppOptions,
  | 'db'
  | 'secretKey'
  | 'probe'
  | 'allowPrivateTargets'
  | 'allowedTargetCidrs'
  | 'publicUrl'
  | 'queues'
  | 'onMonitorChanged'
> & { probeSlots: ProbeSlots };
