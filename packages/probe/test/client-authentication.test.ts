import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientAuthentication, parseTokenResponse } from '../src/auth/client-authentication.js';

const ISSUER = 'https://auth.example.com/tenant1';

/** An independent reading of a compact JWS: header, payload, and whether the signature verifies. */
function readJws(jws: string, publicKeyPem: string, alg: string) {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const data = Buffer.from(`${header}.${payload}`);
  const key = createPublicKey(publicKeyPem);
  const sig = Buffer.from(signature, 'base64url');
  const hash = { ES256: 'sha256', ES384: 'sha384', RS256: 'sha256', EdDSA: null }[alg] ?? null;
  const valid = alg.startsWith('ES')
    ? verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig)
    : verify(hash, data, key, sig);
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
    valid,
  };
}

function pems(type: 'ec' | 'rsa' | 'ed25519', namedCurve?: string) {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: namedCurve ?? 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('token endpoint client authentication', () => {
  it('client_secret_basic: form-encoded id and secret in an Authorization header, nothing in the form', () => {
    const parts = clientAuthentication(
      { clientId: 'my client', method: 'client_secret_basic', clientSecret: 's3:cr&t' },
      ISSUER,
    );
    expect(parts.form).toEqual({});
    const basic = parts.headers.authorization?.replace(/^Basic /, '') ?? '';
    expect(Buffer.from(basic, 'base64').toString()).toBe('my+client:s3%3Acr%26t');
  });

  it('client_secret_post: id and secret in the form; none: the id alone', () => {
    expect(
      clientAuthentication({ clientId: 'c', method: 'client_secret_post', clientSecret: 's' }, ISSUER),
    ).toEqual({ form: { client_id: 'c', client_secret: 's' }, headers: {} });
    expect(clientAuthentication({ clientId: 'c', method: 'none' }, ISSUER)).toEqual({
      form: { client_id: 'c' },
      headers: {},
    });
  });

  it.each([
    ['ES256', pems('ec')],
    ['ES384', pems('ec', 'P-384')],
    ['RS256', pems('rsa')],
    ['EdDSA', pems('ed25519')],
  ])(
    'private_key_jwt: an assertion signed with %s, the client as iss and sub, the issuer as aud',
    (alg, keys) => {
      const { form, headers } = clientAuthentication(
        { clientId: 'robot', method: 'private_key_jwt', privateKeyPem: keys.privateKeyPem },
        ISSUER,
      );
      expect(headers).toEqual({});
      expect(form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      const jws = readJws(form.client_assertion ?? '', keys.publicKeyPem, alg);
      expect(jws.valid).toBe(true);
      expect(jws.header).toEqual({ alg, typ: 'JWT' });
      expect(jws.payload).toMatchObject({ iss: 'robot', sub: 'robot', aud: ISSUER });
      expect(jws.payload.exp - jws.payload.iat).toBe(300);
      expect(typeof jws.payload.jti).toBe('string');
    },
  );
});

describe('token responses', () => {
  it('reads a bearer token with its lifetime and scope', () => {
    expect(
      parseTokenResponse(
        200,
        JSON.stringify({ access_token: 'at', token_type: 'bearer', expires_in: 60, scope: 'a b' }),
      ),
    ).toEqual({ accessToken: 'at', expiresIn: 60, scope: 'a b', refreshToken: null });
  });

  it.each([
    [
      400,
      '{"error":"invalid_client","error_description":"bad secret"}',
      'HTTP 400, invalid_client: bad secret',
      'invalid_client',
    ],
    [400, '{"error":"invalid_grant"}', 'HTTP 400, invalid_grant', 'invalid_grant'],
    [500, 'upstream   exploded', 'HTTP 500 upstream exploded', null],
    [200, '[1]', 'HTTP 200 but not a JSON object: [1]', null],
    [200, '{"token_type":"Bearer"}', 'the answer has no access_token', null],
    [200, '{"access_token":"x","token_type":"DPoP"}', 'the token type is "DPoP", not Bearer', null],
  ])('says why HTTP %i %s is no token, with its OAuth error code', (status, body, problem, error) => {
    expect(parseTokenResponse(status, body)).toEqual({ problem, error });
  });
});
