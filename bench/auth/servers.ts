import { startProtectedMcp, startTestOAuthServer, startV1Stateless } from '@mcpulse/testkit';

// The servers run in this child so their CPU is not counted against the checks measured.
const authServer = await startTestOAuthServer({
  clients: [{ clientId: 'bench', clientSecret: 'bench-secret-value', scopes: ['mcp'] }],
});
const protectedMcp = await startProtectedMcp({ authServer });
const open = await startV1Stateless();
process.send?.({ protectedUrl: protectedMcp.url, openUrl: open.url });
process.on('disconnect', () => process.exit(0));
