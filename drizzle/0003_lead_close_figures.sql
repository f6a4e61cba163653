-- Per-lead figures the conversion report reads instead of each won lead's history and enrolments, kept by triggers
-- in the statement that changes them (see docs/reports.md#per-lead-close-figures):
--   leads.stage_entered_at  the time of the lead's latest history row into the stage it is in now (NULL when its
--                           history has no such row: a lead written straight into a stage);
--   leads.enrolled_amount   the sum of the lead's active enrolments, Rupiah.
-- A bulk load (@crm_bulk_load set: the demo generator) writes both itself.
ALTER TABLE `leads`
  ADD `stage_entered_at` datetime(3),
  ADD `enrolled_amount` bigint unsigned DEFAULT 0 NOT NULL,
  ADD INDEX `leads_closed_idx` (`stage_id`,`deleted_at`,`created_at`,`channel_id`,`assigned_to`,`program_id`,`stage_entered_at`,`enrolled_amount`);
--> statement-breakpoint
-- The funnel's window passes over a cohort's history (its stays, its lost leads' last open stage) read the index
-- alone. One ALTER: lsh_lead_idx is the index of the lead_id foreign key, which cannot be left without one.
ALTER TABLE `lead_stage_history`
  DROP INDEX `lsh_lead_idx`, ADD INDEX `lsh_lead_idx` (`lead_id`,`changed_at`,`to_stage_id`);
--> statement-breakpoint
-- A database that already holds leads: both figures from the rows as they are, before any trigger exists.
UPDATE leads SET
  stage_entered_at = (SELECT MAX(h.changed_at) FROM lead_stage_history h WHERE h.lead_id = leads.id AND h.to_stage_id = leads.stage_id),
  enrolled_amount = (SELECT COALESCE(SUM(e.amount), 0) FROM enrollments e WHERE e.lead_id = leads.id AND e.status = 'active');
--> statement-breakpoint
-- A move of the lead into another stage: the latest history row into the new one (a row written before the lead;
-- one written after sets it through lsh_entered_insert).
CREATE TRIGGER `leads_entered_update` BEFORE UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.stage_id <=> NEW.stage_id) THEN
    SET NEW.stage_entered_at = (SELECT MAX(h.changed_at) FROM lead_stage_history h WHERE h.lead_id = NEW.id AND h.to_stage_id = NEW.stage_id);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `lsh_entered_insert` AFTER INSERT ON `lead_stage_history` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL THEN
    UPDATE leads SET stage_entered_at = NEW.changed_at
    WHERE id = NEW.lead_id AND stage_id = NEW.to_stage_id AND (stage_entered_at IS NULL OR stage_entered_at < NEW.changed_at);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_amount_insert` AFTER INSERT ON `enrollments` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.status = 'active' THEN
    UPDATE leads SET enrolled_amount = enrolled_amount + NEW.amount WHERE id = NEW.lead_id;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_amount_update` AFTER UPDATE ON `enrollments` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NOT (OLD.lead_id <=> NEW.lead_id AND OLD.status <=> NEW.status AND OLD.amount <=> NEW.amount) THEN
    IF OLD.status = 'active' THEN
      UPDATE leads SET enrolled_amount = enrolled_amount - OLD.amount WHERE id = OLD.lead_id;
    END IF;
    IF NEW.status = 'active' THEN
      UPDATE leads SET enrolled_amount = enrolled_amount + NEW.amount WHERE id = NEW.lead_id;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_amount_delete` AFTER DELETE ON `enrollments` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.status = 'active' THEN
    UPDATE leads SET enrolled_amount = enrolled_amount - OLD.amount WHERE id = OLD.lead_id;
  END IF;
END;
