import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './secret-box.js';

const key = randomBytes(32);

describe('secret box', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = seal(key, '{"Authorization":"Bearer abc"}', 'monitor:1');
    expect(sealed).not.toContain('Bearer');
    expect(unseal(key, sealed, 'monitor:1')).toBe('{"Authorization":"Bearer abc"}');
  });

  it('uses a fresh IV every time', () => {
    expect(seal(key, 'x', 'c')).not.toBe(seal(key, 'x', 'c'));
  });

  it('refuses a wrong key, a wrong context and tampering', () => {
    const sealed = seal(key, 'secret', 'monitor:1');
    expect(() => unseal(randomBytes(32), sealed, 'monitor:1')).toThrow();
    expect(() => unseal(key, sealed, 'monitor:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(key, parts.join('.'), 'monitor:1')).toThrow();
    expect(() => unseal(key, 'garbage', 'monitor:1')).toThrow(/malformed/);
  });
});
