"""APScheduler wiring: the clock that wakes the reminder sender; the database holds the truth."""
