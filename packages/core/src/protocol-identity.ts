import { z } from 'zod';
import { PROTOCOL_PARTS, type ProtocolPart } from './domain/event-values.js';
import {
  PROBE_TRANSPORTS,
  PROTOCOL_ERAS,
  type ProbeTransport,
  type ProtocolEra,
} from './domain/probe-values.js';
import { STORABLE_LIMITS } from './domain/storage-limits.js';

/** The protocol one check settled on: its era, the version the server negotiated, the transport. */
export interface ProtocolIdentity {
  era: ProtocolEra;
  protocolVersion: string;
  transport: ProbeTransport;
}

/** A protocol as mcpulse stores and sends it; the version is the server's, cut as the storable boundary cuts it. */
export const protocolIdentitySchema = z.object({
  era: z.enum(PROTOCOL_ERAS),
  protocolVersion: z.string().max(STORABLE_LIMITS.protocolVersionChars),
  transport: z.enum(PROBE_TRANSPORTS),
});

/**
 * The protocol of a check whose handshake completed; null for one that never
 * got that far (its era or version is null), or whose values are not the
 * probe's (a stored row is text: a value from outside the lists says nothing).
 */
export function protocolOf(result: {
  era: string | null;
  protocolVersion: string | null;
  transport: string | null;
}): ProtocolIdentity | null {
  const parsed = protocolIdentitySchema.safeParse({
    era: result.era,
    protocolVersion: result.protocolVersion,
    transport: result.transport,
  });
  return parsed.success ? parsed.data : null;
}

export function protocolPartsChanged(from: ProtocolIdentity, to: ProtocolIdentity): ProtocolPart[] {
  return PROTOCOL_PARTS.filter((part) => from[part] !== to[part]);
}

export function sameProtocol(a: ProtocolIdentity, b: ProtocolIdentity): boolean {
  return protocolPartsChanged(a, b).length === 0;
}

/** A unique, stable spelling of a protocol, for keys. */
export function protocolKey(protocol: ProtocolIdentity): string {
  return `${protocol.era}/${protocol.transport}/${protocol.protocolVersion}`;
}

/** What a check's `serverInfo` says of the release: its name and version (null when not a non-empty string). */
export interface ServerRelease {
  name: string | null;
  version: string | null;
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The release a server announced in `serverInfo`. It is the server's to
 * choose: a version that is not a string, or is blank (a modern server that
 * sends none reports `""`), announces no release.
 */
export function serverReleaseOf(serverInfo: unknown): ServerRelease | null {
  if (typeof serverInfo !== 'object' || serverInfo === null) return null;
  const info = serverInfo as Record<string, unknown>;
  return { name: nonEmpty(info.name), version: nonEmpty(info.version) };
}

/** A change from one protocol to another, with the schema each side is published with. */
export function protocolChangeSchema<T extends z.ZodType>(protocol: T) {
  return z.object({ from: protocol, to: protocol });
}

/** What a stored `protocol.changed` event holds besides its monitor, as ingest writes it. */
export const storedProtocolChangeSchema = z.object({
  from: protocolIdentitySchema,
  to: protocolIdentitySchema,
  changed: z.array(z.enum(PROTOCOL_PARTS)).min(1),
  firstSeenAt: z.iso.datetime(),
});
export type StoredProtocolChange = z.infer<typeof storedProtocolChangeSchema>;

const storedAcross = protocolChangeSchema(protocolIdentitySchema).nullable().catch(null);

/** The protocol change a stored drift happened across; null for none, and for drifts stored before it was judged. */
export function driftProtocolChange(
  payload: unknown,
): { from: ProtocolIdentity; to: ProtocolIdentity } | null {
  const across =
    typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>).protocolChange
      : null;
  return storedAcross.parse(across ?? null);
}
