-- Send windows: each loaded row's time zone (an IANA name), so that a claim takes only rows
-- whose window is open now, judged in SQL. NULL: the campaign has no window.
ALTER TABLE wamm.recipients ADD COLUMN timezone text;

-- Whether the window (days: bit n for Monday + n; minutes after local midnight it opens and
-- closes, the close before the open when it runs past midnight, belonging to the day it opens)
-- is open at now_ms in zone tz. The same rule as campaign/window.rs. A row loaded before its
-- campaign had a window has no zone: it is not held back.
CREATE FUNCTION wamm.in_send_window(tz text, now_ms bigint, days int, start_min int, end_min int)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN tz IS NULL THEN true
        WHEN start_min < end_min THEN m >= start_min AND m < end_min AND (days >> d) & 1 = 1
        ELSE (m >= start_min AND (days >> d) & 1 = 1)
          OR (m < end_min AND (days >> ((d + 6) % 7)) & 1 = 1)
    END
    FROM (SELECT (extract(hour FROM t) * 60 + extract(minute FROM t))::int AS m,
                 extract(isodow FROM t)::int - 1 AS d
          FROM (SELECT to_timestamp(now_ms / 1000.0) AT TIME ZONE tz AS t) AS l) AS x
$$;
