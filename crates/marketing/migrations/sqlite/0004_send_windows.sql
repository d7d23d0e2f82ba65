-- Send windows: rows a run held outside their window, with the time zone each was judged in,
-- so that `campaign report` can say how many wait and when the next opens. A row counts as
-- waiting while it is not in `recipients` or is pending there.
CREATE TABLE IF NOT EXISTS waiting (
    line INTEGER PRIMARY KEY,
    timezone TEXT NOT NULL
);
