import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unsupportingPackages } from './check-engines.mjs';

const lock = (engines) => ({
  packages: {
    '': { engines: { node: 'ignored: the root itself' } },
    ...Object.fromEntries(
      Object.entries(engines).map(([name, node]) => [`node_modules/${name}`, { engines: { node } }]),
    ),
    'node_modules/none': {},
  },
});

describe('check-engines', () => {
  it('accepts packages whose range covers the declared one', () => {
    assert.deepEqual(
      unsupportingPackages(lock({ a: '>=18', b: '^20.19.0 || >=22.12.0' }), '^20.19.0 || ^22.13.0 || >=24'),
      [],
    );
  });

  it('finds a package that wants a Node the declared range allows', () => {
    const found = unsupportingPackages(lock({ cookie: '>=22', fine: '>=18' }), '>=20.19');
    assert.deepEqual(found, [{ where: 'node_modules/cookie', wants: '>=22' }]);
  });

  it('finds a gap inside the range, such as a minor of 22 a package skips', () => {
    const found = unsupportingPackages(lock({ vite: '^20.19.0 || >=22.12.0' }), '^20.19.0 || >=22');
    assert.equal(found.length, 1);
  });

  it('treats an unreadable engines range as unsupported', () => {
    assert.equal(unsupportingPackages(lock({ odd: 'node twenty' }), '>=20.19').length, 1);
  });
});
