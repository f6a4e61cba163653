-- Two reads that sorted a whole table at 1M leads: the team's follow-ups (17 s: ordered by next follow-up with the
-- stages joined first) and the latest-updates feed's activities (2-13 s: activities_occurred_idx gained columns in 0001,
-- so it no longer ends in the primary key the feed's (occurred_at, id) order needs).
CREATE INDEX `activities_recent_idx` ON `activities` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `leads_live_follow_up_idx` ON `leads` (`deleted_at`,`next_follow_up_at`,`assigned_to`);