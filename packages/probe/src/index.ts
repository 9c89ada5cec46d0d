export { type AddressPolicy, type AddressPolicyOptions, createAddressPolicy } from './address-policy.js';
export {
  type AuthorizationRequest,
  authorizationUrl,
  exchangeCode,
  type OAuthNetwork,
  type PreRegisteredClient,
  type SignInClient,
  SignInError,
  type SignInNeed,
  scopeToRequest,
  signInClient,
  signInServer,
} from './auth/authorization-code.js';
export type { AuthorizationServer } from './auth/authorization-server.js';
export { type TokenClient, type TokenResponse, tokenClientSecrets } from './auth/client-authentication.js';
export {
  type ClientCredentials,
  type ClientCredentialsOptions,
  clientCredentialsAuth,
  signingKey,
} from './auth/client-credentials.js';
export { createPkce, type Pkce } from './auth/pkce.js';
export {
  type AccessToken,
  type AuthDiscovery,
  ConsentRevoked,
  type ProbeAuth,
  type TokenEndpointPost,
  type TokenEndpointResponse,
  TokenError,
  type TokenRequest,
} from './auth/probe-auth.js';
export { type RefreshTokenOptions, refreshTokenAuth } from './auth/refresh-token.js';
export { discoverSignIn, type SignInDiscovery } from './auth/sign-in-discovery.js';
export { probeOptionsOf } from './auth/spec-auth.js';
export { type CachedToken, TokenCache } from './auth/token-cache.js';
export { type ClientInfo, DEFAULT_CLIENT_INFO } from './eras/client-info.js';
export { type PostGuardedOptions, type PostGuardedResult, postGuarded } from './post-guarded.js';
export { type ProbeReport, runProbe } from './probe.js';
export {
  type CanaryCall,
  InvalidProbeOptions,
  PROBE_DEFAULTS,
  type ProbeOptions,
  systemResolver,
} from './probe-options.js';
export type { ResolvedAddress, Resolver } from './wire/check-context.js';
