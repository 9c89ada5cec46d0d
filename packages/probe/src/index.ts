export { type AddressPolicy, type AddressPolicyOptions, createAddressPolicy } from './address-policy.js';
export {
  type ClientCredentials,
  type ClientCredentialsOptions,
  clientCredentialsAuth,
  signingKey,
} from './auth/client-credentials.js';
export {
  type AccessToken,
  type AuthDiscovery,
  type ProbeAuth,
  type TokenEndpointPost,
  type TokenEndpointResponse,
  TokenError,
  type TokenRequest,
} from './auth/probe-auth.js';
export { type CachedToken, TokenCache } from './auth/token-cache.js';
export { type ClientInfo, DEFAULT_CLIENT_INFO } from './eras/client-info.js';
export { type PostGuardedOptions, type PostGuardedResult, postGuarded } from './post-guarded.js';
export { type ProbeReport, runProbe } from './probe.js';
export { InvalidProbeOptions, PROBE_DEFAULTS, type ProbeOptions, systemResolver } from './probe-options.js';
export type { ResolvedAddress, Resolver } from './wire/check-context.js';
