-- A grain's state row is replaced on every write its grain makes, and none of the indexed columns change. With room
-- left on each page the new row version goes onto the same page (a heap-only tuple update): no new index entry, and
-- the old version is reclaimed by the next visit to the page. On full pages each write also grew the unique index,
-- which is why writes slowed as the table grew (bench/README.md). Applies to pages written from now on.
ALTER TABLE orleans_grain_state SET (fillfactor = 75);
