-- How many partitions a worker runs at once: a manager deals a run out to a multiple of the partitions
-- its live workers run at once, so no worker sits idle while the last partitions end.
ALTER TABLE process_lease ADD COLUMN partitions_at_once INTEGER;
