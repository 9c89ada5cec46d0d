import { z } from 'zod';

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?(?::\d{1,5})?$/;

/**
 * `MCPULSE_REGISTRY_URLS`: comma-separated base URLs of MCP registries implementing the generic
 * registry API (the list is `<url>/v0.1/servers`), read without a trailing slash; `none` turns
 * the directory off where the default would read one.
 */
export function registryUrls() {
  return z.string().transform((raw, ctx) => {
    if (raw.trim().toLowerCase() === 'none') return [];
    const urls: string[] = [];
    for (const item of raw.split(',').map((part) => part.trim())) {
      if (item === '') continue;
      const parsed = URL.canParse(item) ? new URL(item) : null;
      if (
        !parsed ||
        (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
        parsed.username ||
        parsed.password ||
        parsed.search ||
        parsed.hash
      ) {
        ctx.issues.push({
          code: 'custom',
          message: `expected comma-separated http(s) URLs without credentials, query or fragment, or none; ${JSON.stringify(item)} is not one`,
          input: raw,
        });
        return z.NEVER;
      }
      const normalized = parsed.href.replace(/\/+$/, '');
      if (!urls.includes(normalized)) urls.push(normalized);
    }
    return urls;
  });
}

/** A comma-separated list of host names, each optionally with `:port`, read in lower case. */
export function hostList() {
  return z.string().transform((raw, ctx) => {
    const hosts: string[] = [];
    for (const item of raw.split(',').map((part) => part.trim().toLowerCase())) {
      if (item === '') continue;
      if (!HOST.test(item)) {
        ctx.issues.push({
          code: 'custom',
          message: `expected comma-separated host names, each optionally with :port; ${JSON.stringify(item)} is not one`,
          input: raw,
        });
        return z.NEVER;
      }
      hosts.push(item.replace(/\.(?=:|$)/, ''));
    }
    return hosts;
  });
}

/** An integer from `min` to `max`. */
export function intBetween(min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const value = raw.trim();
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(parsed >= min && parsed <= max)) {
      ctx.issues.push({ code: 'custom', message: `expected an integer from ${min} to ${max}`, input: raw });
      return z.NEVER;
    }
    return parsed;
  });
}

/**
 * The public directory's variables (docs/directory.md), read by the scheduler and the embedded
 * mode under the same names. `registries` is the mode's default list: the official registry
 * where hosted, none on a person's own machine.
 */
export const directoryFields = ({ registries }: { registries: readonly string[] }) => ({
  MCPULSE_REGISTRY_URLS: registryUrls().default([...registries]),
  /** 5 minutes to a week. */
  MCPULSE_DIRECTORY_SYNC_INTERVAL_SECONDS: intBetween(300, 604_800).default(21_600),
  /** The directory monitors' cadence, within a monitor's own bounds. */
  MCPULSE_DIRECTORY_INTERVAL_SECONDS: intBetween(30, 3_600).default(300),
  /** Regions the directory monitors are probed from; the deployment's regions when unset. */
  MCPULSE_DIRECTORY_REGIONS: z
    .string()
    .transform((raw, ctx) => {
      const regions = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      const bad = regions.find((region) => !/^[a-z0-9][a-z0-9-]{0,62}$/.test(region));
      if (bad !== undefined || regions.length === 0) {
        ctx.issues.push({
          code: 'custom',
          message: 'expected comma-separated region names (lower-case letters, digits and dashes)',
          input: raw,
        });
        return z.NEVER;
      }
      return regions;
    })
    .optional(),
  /** Hosts whose owners asked not to be probed: their endpoints are listed, never fetched. */
  MCPULSE_DIRECTORY_OPT_OUT_HOSTS: hostList().default([]),
});

type DirectoryEnv = z.infer<z.ZodObject<ReturnType<typeof directoryFields>>>;

/** What the directory's sync takes, from either mode's parsed environment. */
export function directorySettings(
  env: DirectoryEnv,
  deployment: { regions: readonly string[]; allowedTargetCidrs: readonly string[] },
) {
  return {
    registryUrls: env.MCPULSE_REGISTRY_URLS,
    syncIntervalSeconds: env.MCPULSE_DIRECTORY_SYNC_INTERVAL_SECONDS,
    intervalSeconds: env.MCPULSE_DIRECTORY_INTERVAL_SECONDS,
    regions: env.MCPULSE_DIRECTORY_REGIONS ?? [...deployment.regions],
    optOutHosts: env.MCPULSE_DIRECTORY_OPT_OUT_HOSTS,
    allowedTargetCidrs: [...deployment.allowedTargetCidrs],
  };
}
