import { describe, expect, it } from 'vitest';
import { domainStateOf } from '../../src/lib/status-page-domain.js';

const verification = (verifiedAt: string | null) => ({
  record: '_mcpulse-challenge.status.acme.example',
  value: 'mcpulse-verification=token',
  verifiedAt,
});

describe("a custom domain's state", () => {
  it('is served only when both proved by its owner and allowed by the operator', () => {
    const at = '2026-12-06T08:00:00.000Z';
    const of = (verifiedAt: string | null, domainAllowed: boolean) =>
      domainStateOf({
        customDomain: 'status.acme.example',
        domainAllowed,
        domainVerification: verification(verifiedAt),
      });
    expect(of(null, false)).toEqual({
      domain: 'status.acme.example',
      verified: false,
      allowed: false,
      served: false,
    });
    expect(of(null, true)).toMatchObject({ verified: false, allowed: true, served: false });
    expect(of(at, false)).toMatchObject({ verified: true, allowed: false, served: false });
    expect(of(at, true)).toMatchObject({ verified: true, allowed: true, served: true });
  });

  it('is nothing without a domain', () => {
    expect(domainStateOf({ customDomain: null, domainAllowed: false, domainVerification: null })).toBeNull();
  });
});
