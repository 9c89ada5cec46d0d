import { BlockList, isIP } from 'node:net';

/**
 * Ranges a hosted prober must never reach: loopback, private, carrier-grade NAT,
 * link-local (cloud metadata lives at 169.254.169.254), unique-local, the deprecated
 * site-local range (RFC 3879; some networks still route it internally), multicast,
 * reserved and unspecified addresses.
 */
const BLOCKED_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const BLOCKED_V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128],
  ['::1', 128],
  // Teredo tunnels to an obfuscated IPv4 client: nothing a hosted prober should reach.
  ['2001::', 32],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

export interface AddressPolicyOptions {
  /** Allow every private and special-purpose range (self-hosting, tests, the CLI). */
  allowPrivate: boolean;
  /** CIDRs that stay reachable even when private ranges are blocked, e.g. `10.1.0.0/16`. */
  allowCidrs?: readonly string[];
}

export interface AddressPolicy {
  readonly allowPrivate: boolean;
  isBlocked(address: string): boolean;
}

function addCidr(list: BlockList, cidr: string): void {
  const [network, prefixText] = cidr.split('/');
  const family = isIP(network ?? '');
  const prefix = Number(prefixText ?? (family === 6 ? 128 : 32));
  if (
    !network ||
    family === 0 ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > (family === 6 ? 128 : 32)
  ) {
    throw new Error(`invalid CIDR "${cidr}"`);
  }
  list.addSubnet(network, prefix, family === 6 ? 'ipv6' : 'ipv4');
}

function familyOf(address: string): 'ipv4' | 'ipv6' | null {
  const family = isIP(address);
  if (family === 4) return 'ipv4';
  if (family === 6) return 'ipv6';
  return null;
}

function ipv6Hextets(address: string): number[] | null {
  let normalized: string;
  try {
    normalized = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = '', tail] = normalized.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  const hextets = [...left, ...zeros, ...right].map((part) => Number.parseInt(part, 16));
  return hextets.length === 8 && hextets.every((h) => Number.isInteger(h)) ? hextets : null;
}

/** An IPv6 address that embeds an IPv4 one (mapped, NAT64) is judged by the IPv4 address it reaches. */
function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * IPv6 forms that carry an IPv4 address (mapped, IPv4-compatible, SIIT,
 * NAT64, 6to4) are judged by the IPv4 address they reach.
 */
function embeddedIpv4(address: string): string | null {
  const h = ipv6Hextets(address);
  if (!h) return null;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = h;
  const zeroPrefix = a === 0 && b === 0 && c === 0 && d === 0;
  if (zeroPrefix && e === 0 && (f === 0xffff || f === 0) && (g !== 0 || k > 1)) return ipv4Of(g, k);
  if (zeroPrefix && e === 0xffff && f === 0) return ipv4Of(g, k);
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return ipv4Of(g, k);
  if (a === 0x2002) return ipv4Of(b, c);
  return null;
}

function blockedRanges(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of BLOCKED_V4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of BLOCKED_V6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

/** Built once: every check of a process judges addresses against the same ranges. */
const BLOCKED = blockedRanges();

function inList(list: BlockList, address: string): boolean {
  const family = familyOf(address);
  if (family === null) return false;
  const v4 = family === 'ipv6' ? embeddedIpv4(address) : null;
  if (v4 !== null) return list.check(v4, 'ipv4') || list.check(address, 'ipv6');
  return list.check(address, family);
}

const ALLOW_ALL: AddressPolicy = { allowPrivate: true, isBlocked: () => false };
const policies = new Map<string, AddressPolicy>();

/** Policies are cached by their allow-list: a probe creates one per check, on a hot path. */
export function createAddressPolicy(options: AddressPolicyOptions): AddressPolicy {
  if (options.allowPrivate) return ALLOW_ALL;
  const key = (options.allowCidrs ?? []).join(',');
  const cached = policies.get(key);
  if (cached) return cached;
  const allowed = new BlockList();
  for (const cidr of options.allowCidrs ?? []) addCidr(allowed, cidr);
  const policy: AddressPolicy = {
    allowPrivate: false,
    isBlocked(address: string): boolean {
      const bare = address.startsWith('[') ? address.slice(1, -1) : address;
      if (familyOf(bare) === null) return true;
      if (inList(allowed, bare)) return false;
      return inList(BLOCKED, bare);
    },
  };
  if (policies.size < 64) policies.set(key, policy);
  return policy;
}
