import type { AppOptions } from '../../app-options.js';

/** The part of the app's options the monitor verbs use; routes pass the options themselves. */
export type MonitorDeps = Pick<
  AppOptions,
  'db' | 'secretKey' | 'regions' | 'probe' | 'allowPrivateTargets' | 'allowedTargetCidrs' | 'onMonitorChanged'
>;
