import type { MonitorDisplayStatus, ResultStatus } from '@mcpulse/core/domain';
import { statusLook } from '../lib/status.js';

/** Status by colour, shape and word together: never by colour alone. */
export function StatusBadge({
  status,
  size = 'md',
}: {
  status: MonitorDisplayStatus | ResultStatus;
  size?: 'md' | 'lg';
}) {
  const look = statusLook(status);
  return (
    <span className={`badge badge-${look.tone} badge-${size}`} data-status={status}>
      <span className="badge-symbol" aria-hidden="true">
        {look.symbol}
      </span>
      {look.label}
    </span>
  );
}
