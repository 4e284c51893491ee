-- The Orleans ADO.NET providers read every statement they run from this table by key
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"), so its name and both column names are fixed by
-- them. Later migrations register their statements here with an upsert, so re-running a migration
-- (or a newer one changing a statement) replaces the text instead of failing.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
