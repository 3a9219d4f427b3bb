-- The directory page's progress bar: how far a run is (an estimate while it runs, 100 once it ended).
ALTER TABLE directory_run ADD COLUMN percent_done INTEGER;
