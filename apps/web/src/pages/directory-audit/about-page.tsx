import { Link } from '../../lib/router.js';

/**
 * What the directory probe is, what it sends and how to opt out: the page its User-Agent and
 * MCP `clientInfo` point to, for the people whose servers it checks.
 */
export function AboutPage() {
  return (
    <article className="prose" data-testid="directory-about">
      <h1>About the mcpulse directory probe</h1>
      <p>
        If you found this page in your server's logs: your MCP server is listed in a public MCP registry, and
        this mcpulse checks every server such a registry lists, the way an MCP client would, to report which
        ones work. It publishes what it finds in the <Link to="/directory/audit">directory audit</Link>.
      </p>

      <h2 id="what-it-sends">What it sends</h2>
      <ul>
        <li>
          Requests that name themselves: a <code>User-Agent</code> of <code>mcpulse-directory-probe/…</code>{' '}
          with this page's address, and an MCP <code>clientInfo</code> named <code>mcpulse</code>, titled
          "mcpulse directory probe", whose <code>websiteUrl</code> is this page.
        </li>
        <li>
          One check: the MCP handshake (<code>server/discover</code>, or <code>initialize</code> and{' '}
          <code>notifications/initialized</code>), then <code>tools/list</code>, page by page. It never calls
          a tool, reads a resource or sends a prompt.
        </li>
        <li>
          No credentials. Only headers the registry entry declares with a fixed, non-secret value are sent. A
          server that asks for authorization is checked in "auth discovery" mode: its OAuth metadata is read,
          no token is requested for it.
        </li>
        <li>
          Only the latest version of active registry entries. Deprecated and deleted entries, older versions
          and URL templates without defaults are never fetched, and neither are loopback, private or
          link-local addresses.
        </li>
      </ul>

      <h2 id="how-often">How often</h2>
      <p>
        Every few minutes per endpoint (every 5 minutes unless the operator chose otherwise), at most one
        check per host at a time, with a minimum spacing between two checks of the same host.
      </p>

      <h2 id="opt-out">How to opt out</h2>
      <ul>
        <li>
          Mark the entry deprecated or delete it in the registry: from the next sync, its endpoints are no
          longer probed (what was recorded is kept).
        </li>
        <li>
          Or ask the operator of this mcpulse to add your host to its opt-out list (
          <code>MCPULSE_DIRECTORY_OPT_OUT_HOSTS</code>): the endpoints stay listed and are never fetched.
        </li>
      </ul>
    </article>
  );
}
