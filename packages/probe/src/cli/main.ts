import { InvalidProbeOptions } from '../probe-options.js';
import { type CliIo, processIo } from './cli-io.js';
import { diffCommand } from './diff-command.js';
import { probeCommand } from './probe-command.js';
import { snapshotCommand } from './snapshot-command.js';
import { EXIT, UsageError } from './usage-error.js';
import { waitCommand } from './wait-command.js';

export const USAGE = `mcpulse — protocol-aware checks of MCP servers

Usage:
  mcpulse probe <url> [options]          one check; exit 0 up/degraded, 1 down, 3 hash differs
  mcpulse snapshot <url> [-o file]       print the tools schema snapshot
  mcpulse diff <a> <b>                   compare snapshots (files or URLs); exit 0 same, 1 compatible, 3 breaking,
                                         4 a URL could not be snapshotted
  mcpulse wait <url> [--timeout 120s]    probe until up; exit 1 when the timeout passes

Options:
  -H, --header "Name: value"   request header, repeatable (values are never printed)
  --transport auto|streamable-http|sse
  --timeout <duration>         probe deadline (default 10s; bare numbers are ms). For wait: the total wait (bare numbers are s)
  --probe-timeout <duration>   wait only: the deadline of each probe
  --interval <duration>        wait only: pause between probes (default 2s)
  --degraded-after <duration>  slower successful checks are degraded (default 1000ms)
  --expect-hash <hex|file>     exit 3 when the schema hash differs (a hash or a snapshot file)
  --block-private              refuse loopback and private addresses, as the hosted service does
  --json                       print machine-readable JSON

Tool-call canary (probe and wait):
  --call-tool <name>           call this tool after tools/list; isError or a failed expectation is down
  --args <json>                its arguments, a JSON object (default {})
  --expect-text <text>         the result must contain this text
  --expect-path <path>         with --expect-equals <json>: the value at this JSON path ($.a.b[0])
                               of structuredContent, or of the first text parsed as JSON, must equal it
  --tool-timeout <duration>    the call's own deadline within the probe's (bare numbers are ms)
OAuth (secrets and tokens are never printed):
  --client-id <id>             OAuth client; with a secret or key: the client-credentials grant
  --client-secret <secret>     or --client-secret-file <file>
  --token-auth-method <m>      client_secret_basic (default), client_secret_post or private_key_jwt
  --private-key-file <file>    PEM key (RSA or EC P-256) for private_key_jwt
  --scope "<scopes>"           scopes to ask for
  --oauth                      probe only: sign in with a browser (authorization code, PKCE, loopback redirect)
  --client-metadata-url <url>  with --oauth: the client's metadata document, used as client_id where supported
  --open                       with --oauth: open the authorization URL in the desktop's browser
  --oauth-timeout <duration>   with --oauth: wait this long for the browser's redirect (default 5m)
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  probe: probeCommand,
  snapshot: snapshotCommand,
  diff: diffCommand,
  wait: waitCommand,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(args, io);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      error instanceof InvalidProbeOptions ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (!usage) throw error;
    io.err(`mcpulse ${command}: ${(error as Error).message}`);
    return EXIT.usage;
  }
}
