import { type ClientInfo, DEFAULT_CLIENT_INFO } from '@mcpulse/probe';

/** The page that explains the directory probe to the people whose servers it checks. */
export function directoryAboutUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/directory/about`;
}

/**
 * How a directory check names itself: a User-Agent and an MCP `clientInfo` that say it is mcpulse's
 * directory probe and where to read what it does and how to opt out. Without a public URL there is
 * no page to point at, and the names alone go out.
 */
export function directoryIdentity(aboutUrl: string | null): { userAgent: string; clientInfo: ClientInfo } {
  const version = DEFAULT_CLIENT_INFO.version;
  return {
    userAgent: `mcpulse-directory-probe/${version}${aboutUrl ? ` (+${aboutUrl})` : ''}`,
    clientInfo: {
      name: DEFAULT_CLIENT_INFO.name,
      title: 'mcpulse directory probe',
      version,
      ...(aboutUrl ? { websiteUrl: aboutUrl } : {}),
    },
  };
}
