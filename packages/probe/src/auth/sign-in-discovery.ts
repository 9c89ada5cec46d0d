import type { ProbeReport } from '../probe.js';
import type { ProbeOptions } from '../probe-options.js';
import type { SignInNeed } from './authorization-code.js';
import type { AuthDiscovery, ProbeAuth } from './probe-auth.js';

/** Where a sign-in must go, found by a check, or the check's report when it found nowhere. */
export type SignInDiscovery =
  | { need: SignInNeed & { discovery: AuthDiscovery }; report: ProbeReport }
  | { need: null; report: ProbeReport };

/**
 * A check that stops where the server asks for authorization: its discovery and the scope its
 * challenge names, under the check's own rules (address policy, deadline, limits). A server that
 * asks for none, or whose discovery is broken, leaves `need` null; the report says why.
 */
export async function discoverSignIn(
  probe: (options: ProbeOptions) => Promise<ProbeReport>,
  options: Omit<ProbeOptions, 'auth'>,
): Promise<SignInDiscovery> {
  let need: (SignInNeed & { discovery: AuthDiscovery }) | null = null;
  const auth: ProbeAuth = {
    mode: 'sign_in',
    secrets: [],
    accessToken: async (request) => {
      if (request.discovery !== null) need = { discovery: request.discovery, scope: request.scope };
      return null;
    },
  };
  const report = await probe({ ...options, auth });
  return { need, report } as SignInDiscovery;
}
