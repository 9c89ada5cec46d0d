-- What a check learnt of a server's OAuth authorization (docs/probe.md, "Authorization"): the
-- result's `auth` block, bounded by the storable boundary. Null for rows stored before, and for
-- checks of servers that asked for no authorization.
ALTER TABLE "probe_results" ADD COLUMN "auth" jsonb;
