-- The leads report's school and grade groupings narrowed by a person, channel, source type or program (which
-- text_month_facts does not key on) read the cohort from the index of that filter alone: each of the three keeps
-- its prefix (foreign key, period order) and gains the cohort's other keys, the stage and both free-text columns.
-- One ALTER: each is the index of a foreign key, which cannot be left without one.
ALTER TABLE `leads`
  DROP INDEX `leads_channel_created_idx`, ADD INDEX `leads_channel_created_idx` (`channel_id`,`deleted_at`,`created_at`,`stage_id`,`assigned_to`,`program_id`,`school`,`grade`),
  DROP INDEX `leads_assignee_idx`, ADD INDEX `leads_assignee_idx` (`assigned_to`,`deleted_at`,`created_at`,`stage_id`,`channel_id`,`program_id`,`school`,`grade`),
  DROP INDEX `leads_program_idx`, ADD INDEX `leads_program_idx` (`program_id`,`deleted_at`,`created_at`,`stage_id`,`channel_id`,`assigned_to`,`school`,`grade`);
