-- Adds two sparse latency histograms (bucket index -> count), so rollup upserts merge in one statement.
CREATE OR REPLACE FUNCTION mcpulse_histogram_add(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
  FROM (
    SELECT k, sum(v) AS v
    FROM (
      SELECT key AS k, (value #>> '{}')::bigint AS v FROM jsonb_each(coalesce(a, '{}'::jsonb))
      UNION ALL
      SELECT key AS k, (value #>> '{}')::bigint AS v FROM jsonb_each(coalesce(b, '{}'::jsonb))
    ) parts
    GROUP BY k
  ) merged
$$;
