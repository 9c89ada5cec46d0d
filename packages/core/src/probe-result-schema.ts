import { z } from 'zod';
import {
  AUTH_MODES,
  AUTH_STEPS,
  PROBE_ERROR_CODES,
  PROBE_PHASES,
  PROBE_STATUSES,
  PROBE_TRANSPORTS,
  PROTOCOL_ERAS,
} from './domain/probe-values.js';

const milliseconds = z.number().nonnegative();

/** The `auth` block of a result (docs/probe.md, "Authorization"). */
export const probeAuthReportSchema = z
  .object({
    required: z.boolean().describe('The MCP endpoint asked for authorization (HTTP 401)'),
    mode: z.enum(AUTH_MODES),
    resourceMetadataUrl: z.string().nullable(),
    resource: z.string().nullable(),
    authorizationServers: z.array(z.string()),
    issuer: z.string().nullable(),
    tokenEndpoint: z.string().nullable(),
    scopesSupported: z.array(z.string()),
    failedStep: z.enum(AUTH_STEPS).nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ProbeAuthReport' });

/** The probe result of docs/probe.md, as every route that runs or returns a probe answers it. */
export const probeResultSchema = z
  .object({
    url: z.string(),
    status: z.enum(PROBE_STATUSES),
    error: z
      .object({
        code: z.enum(PROBE_ERROR_CODES),
        message: z.string(),
        phase: z.enum(PROBE_PHASES),
        httpStatus: z.number().int().optional(),
        rpcCode: z.number().int().optional(),
      })
      .nullable(),
    httpAlive: z
      .boolean()
      .describe('The endpoint answered HTTP at all; down with this true is "HTTP alive, MCP dead"'),
    transport: z.enum(PROBE_TRANSPORTS).nullable(),
    era: z.enum(PROTOCOL_ERAS).nullable(),
    protocolVersion: z.string().nullable(),
    serverInfo: z.looseObject({ name: z.string(), version: z.string() }).nullable(),
    capabilities: z.record(z.string(), z.unknown()).nullable(),
    toolCount: z.number().int().nonnegative().nullable(),
    schemaHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable()
      .describe('SHA-256 of the JCS canonical JSON of the tools, sorted by name'),
    timings: z
      .object({
        dnsMs: milliseconds.nullable().describe("Resolving the host, for the check's first connection"),
        connectMs: milliseconds.nullable().describe('TCP connect of the first connection'),
        tlsMs: milliseconds.nullable().describe('TLS handshake of the first connection'),
        // A probe worker one release older sends neither of the two newest parts: they read as not measured.
        negotiationMs: milliseconds
          .nullable()
          .default(null)
          .describe(
            'Era attempts whose answer is not the one reported, e.g. the modern request a 2025-era server refused',
          ),
        handshakeMs: milliseconds.nullable().describe("The reported era's handshake"),
        toolsListMs: milliseconds.nullable().describe('Every page of tools/list'),
        otherMs: milliseconds
          .nullable()
          .default(null)
          .describe(
            "The remainder: the probe's own work outside every phase; null only from a probe worker one release older",
          ),
        totalMs: milliseconds,
      })
      .describe(
        'Milliseconds to the hundredth. totalMs is exactly the sum of the phases that are not null plus otherMs; a phase is null when the check never entered it (docs/probe.md)',
      ),
    // A probe worker one release older sends no auth block: it read no challenge.
    auth: probeAuthReportSchema
      .nullable()
      .default(null)
      .describe('OAuth discovery and token outcome; null when the server asked for no authorization'),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'ProbeResult' });
