-- What a check learnt of a server's OAuth authorization (docs/probe.md, "Authorization"): the
-- result's `auth` block, bounded by the storable boundary. Null for rows stored before, and for
-- checks of servers that asked for no authorization.
ALTER TABLE "probe_results" ADD COLUMN "auth" jsonb;--> statement-breakpoint
-- A monitor's OAuth client credentials: sealed like its headers, with only the client id, method
-- and scope in clear (the API answers those, and masks the secret).
ALTER TABLE "monitors" ADD COLUMN "oauth_sealed" text;--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "oauth_client" jsonb;
