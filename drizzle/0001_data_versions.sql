CREATE TABLE `data_versions` (
	`name` varchar(40) NOT NULL,
	`version` bigint unsigned NOT NULL,
	CONSTRAINT `data_versions_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
-- The counters start from the clock (microseconds), as every bump does (server/db/versions.ts): a database made
-- afresh never hands out a version a running process may still hold from before.
INSERT INTO `data_versions` (`name`, `version`) VALUES ('dashboard', FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000)), ('followups', FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000));
