-- One statement, so the dashboard never runs without its cube index while it is rebuilt (generated as DROP + CREATE).
ALTER TABLE `leads` DROP INDEX `leads_live_created_cube_idx`, ADD INDEX `leads_live_created_cube_idx` (`deleted_at`,`created_at`,`stage_id`,`channel_id`,`assigned_to`,`program_id`);
