CREATE TABLE `lead_month_facts` (
	`month` char(7) NOT NULL,
	`stage_id` bigint unsigned NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`assigned_to` bigint unsigned NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`reached` varchar(255) NOT NULL,
	`leads` int unsigned NOT NULL,
	`expected_value` bigint unsigned NOT NULL,
	CONSTRAINT `lead_month_facts_pk` PRIMARY KEY(`month`,`stage_id`,`channel_id`,`assigned_to`,`program_id`,`reached`)
);
--> statement-breakpoint
ALTER TABLE `leads` ADD `stages_reached` varchar(255) DEFAULT '' NOT NULL;--> statement-breakpoint
-- One ALTER: activities_lead_idx is the index of the lead_id foreign key, which cannot be left without one.
ALTER TABLE `activities`
  DROP INDEX `activities_lead_idx`, ADD INDEX `activities_lead_idx` (`lead_id`,`deleted_at`,`occurred_at`),
  DROP INDEX `activities_occurred_idx`, ADD INDEX `activities_occurred_idx` (`occurred_at`,`deleted_at`,`user_id`,`type`);--> statement-breakpoint
ALTER TABLE `enrollments`
  DROP INDEX `enrollments_status_enrolled_idx`,
  ADD INDEX `enrollments_status_enrolled_idx` (`status`,`enrolled_at`,`amount`,`program_id`,`user_id`,`channel_id`);
