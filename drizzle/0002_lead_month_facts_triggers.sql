-- Triggers that keep what the reports count from in step with every write, whoever makes it (the services, the
-- intake, hand SQL), in the statement that makes it. See docs/reports.md#lead-month-facts.
--
-- A bulk load (the demo generator: millions of rows) sets the session variable @crm_bulk_load, writes
-- stages_reached itself, and rebuilds the facts once at the end (server/db/lead-month-facts.ts): row by row
-- the triggers made it eight times slower.
--
-- leads.stages_reached: every stage the lead has been in (comma list of ids), its current stage added on each
-- insert and update, each stage-history row's stage added when the row is written.
-- A database that already holds leads: the stages each has been in, from its history, before any trigger exists.
UPDATE leads SET stages_reached = CONCAT_WS(',', COALESCE((SELECT GROUP_CONCAT(DISTINCT h.to_stage_id ORDER BY h.to_stage_id)
  FROM lead_stage_history h WHERE h.lead_id = leads.id AND h.to_stage_id <> leads.stage_id), NULL), leads.stage_id);
--> statement-breakpoint
CREATE TRIGGER `leads_reached_insert` BEFORE INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND FIND_IN_SET(NEW.stage_id, NEW.stages_reached) = 0 THEN
    SET NEW.stages_reached = CONCAT_WS(',', NULLIF(NEW.stages_reached, ''), NEW.stage_id);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_reached_update` BEFORE UPDATE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND FIND_IN_SET(NEW.stage_id, NEW.stages_reached) = 0 THEN
    SET NEW.stages_reached = CONCAT_WS(',', NULLIF(NEW.stages_reached, ''), NEW.stage_id);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `lsh_reached_insert` AFTER INSERT ON `lead_stage_history` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL THEN
    UPDATE leads SET stages_reached = CONCAT_WS(',', NULLIF(stages_reached, ''), NEW.to_stage_id)
    WHERE id = NEW.lead_id AND FIND_IN_SET(NEW.to_stage_id, stages_reached) = 0;
  END IF;
END;
--> statement-breakpoint
-- lead_month_facts (server/db/schema/summaries.ts): a live lead (deleted_at IS NULL) counts once under the key of
-- its Jakarta creation month, stage, channel, assignee, program (0 for none) and stages reached, with its
-- expected value.
CREATE TRIGGER `leads_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND NEW.deleted_at IS NULL THEN
    INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value)
      VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0),
        COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), NEW.stages_reached, 1, NEW.expected_value)
      ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  -- Only when something the facts hold changed: most updates (a follow-up date, a note) leave them alone.
  IF @crm_bulk_load IS NULL AND NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.created_at <=> NEW.created_at AND OLD.stage_id <=> NEW.stage_id
      AND OLD.channel_id <=> NEW.channel_id AND OLD.assigned_to <=> NEW.assigned_to AND OLD.program_id <=> NEW.program_id
      AND OLD.expected_value <=> NEW.expected_value AND OLD.stages_reached <=> NEW.stages_reached) THEN
    IF OLD.deleted_at IS NULL THEN
      UPDATE lead_month_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0) AND reached = OLD.stages_reached;
      DELETE FROM lead_month_facts
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0) AND reached = OLD.stages_reached AND leads = 0;
    END IF;
    IF NEW.deleted_at IS NULL THEN
      INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value)
      VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0),
        COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), NEW.stages_reached, 1, NEW.expected_value)
      ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF @crm_bulk_load IS NULL AND OLD.deleted_at IS NULL THEN
    UPDATE lead_month_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0) AND reached = OLD.stages_reached;
      DELETE FROM lead_month_facts
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0) AND reached = OLD.stages_reached AND leads = 0;
  END IF;
END;
--> statement-breakpoint
-- A database that already holds leads starts from their count.
DELETE FROM lead_month_facts;
--> statement-breakpoint
INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, reached, leads, expected_value)
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(assigned_to, 0),
  COALESCE(program_id, 0), stages_reached, COUNT(*), SUM(expected_value)
FROM leads WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;
