import { DomainError } from '@mcpulse/core';

/**
 * Probes one organisation may have running in the API process at once ("check
 * now", "test connection", create with a first probe). Each may take the
 * whole timeout; without a cap one key could hold hundreds of outbound
 * connections open from the API.
 */
export const PROBES_IN_FLIGHT_PER_ORGANIZATION = 4;

export class TooManyProbes extends DomainError {
  override readonly name = 'TooManyProbes';
  constructor(readonly limit: number) {
    super(
      'rate_limited',
      `at most ${limit} probes run at once for an organisation; retry when one of them has finished`,
    );
  }
}

/** Counts each organisation's probes in flight and refuses one past the cap. */
export class ProbeSlots {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly perOrganization = PROBES_IN_FLIGHT_PER_ORGANIZATION) {}

  async run<T>(organizationId: string, probe: () => Promise<T>): Promise<T> {
    const busy = this.inFlight.get(organizationId) ?? 0;
    if (busy >= this.perOrganization) throw new TooManyProbes(this.perOrganization);
    this.inFlight.set(organizationId, busy + 1);
    try {
      return await probe();
    } finally {
      const left = (this.inFlight.get(organizationId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(organizationId, left);
      else this.inFlight.delete(organizationId);
    }
  }
}
