-- Dashboard: the devices page lists millions of devices newest first by last contact or by binding, all of
-- them or those of one state, from these indexes (the id makes the order total, so paging is stable).
CREATE INDEX device_last_seen ON device (last_seen_at, id);
CREATE INDEX device_state_last_seen ON device (state, last_seen_at, id);
CREATE INDEX device_created ON device (created_at, id);
CREATE INDEX device_state_created ON device (state, created_at, id);
-- The directory page's progress bar: how far a run is (an estimate while it runs, 100 once it ended).
ALTER TABLE directory_run ADD COLUMN percent_done INTEGER;
