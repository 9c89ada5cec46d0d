-- The tool-call canary (docs/probe.md, "Tool-call canary"): a monitor's canary is one value in the
-- shape of core's ToolCanary, read and written whole; null for a monitor that calls no tool. Its
-- call is a phase of its own in a check's timings; rows stored before keep it null.
ALTER TABLE "monitors" ADD COLUMN "canary" jsonb;--> statement-breakpoint
ALTER TABLE "probe_results" ADD COLUMN "tool_call_ms" real;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_canary_shape" CHECK ("monitors"."canary" is null or (jsonb_typeof("monitors"."canary") = 'object' and jsonb_typeof("monitors"."canary"->'tool') = 'string' and char_length("monitors"."canary"->>'tool') between 1 and 256 and jsonb_typeof("monitors"."canary"->'arguments') = 'object'));--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_canary_timeout_range" CHECK (coalesce(("monitors"."canary"->>'timeoutMs')::integer, 100) between 100 and 60000);
