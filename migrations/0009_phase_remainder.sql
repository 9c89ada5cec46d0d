-- Phases that make a check's timings add up (docs/probe.md, "Timings"). Rows stored before keep
-- null in both: their phases were measured differently and no remainder can be derived from them.
ALTER TABLE "probe_results" ADD COLUMN "negotiation_ms" real;--> statement-breakpoint
ALTER TABLE "probe_results" ADD COLUMN "other_ms" real;