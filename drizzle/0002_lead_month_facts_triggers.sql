-- lead_month_facts (server/db/schema/summaries.ts) kept by triggers on leads: every write to a lead, whoever
-- makes it, moves the facts in the same statement. A live lead (deleted_at IS NULL) counts once under the key of
-- its Jakarta creation month, stage, channel, assignee and program (0 for none), with its expected value.
CREATE TRIGGER `leads_facts_insert` AFTER INSERT ON `leads` FOR EACH ROW
BEGIN
  IF NEW.deleted_at IS NULL THEN
    INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, leads, expected_value)
    VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0),
      COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), 1, NEW.expected_value)
    ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_facts_update` AFTER UPDATE ON `leads` FOR EACH ROW
BEGIN
  -- Only when something the facts hold changed: most updates (a follow-up date, a note) leave them alone.
  IF NOT (OLD.deleted_at <=> NEW.deleted_at AND OLD.created_at <=> NEW.created_at AND OLD.stage_id <=> NEW.stage_id
      AND OLD.channel_id <=> NEW.channel_id AND OLD.assigned_to <=> NEW.assigned_to AND OLD.program_id <=> NEW.program_id
      AND OLD.expected_value <=> NEW.expected_value) THEN
    IF OLD.deleted_at IS NULL THEN
      UPDATE lead_month_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0);
      DELETE FROM lead_month_facts
      WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
        AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
        AND program_id = COALESCE(OLD.program_id, 0) AND leads = 0;
    END IF;
    IF NEW.deleted_at IS NULL THEN
      INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, leads, expected_value)
      VALUES (DATE_FORMAT(NEW.created_at + INTERVAL 7 HOUR, '%Y-%m'), NEW.stage_id, COALESCE(NEW.channel_id, 0),
        COALESCE(NEW.assigned_to, 0), COALESCE(NEW.program_id, 0), 1, NEW.expected_value)
      ON DUPLICATE KEY UPDATE leads = leads + 1, expected_value = expected_value + NEW.expected_value;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_facts_delete` AFTER DELETE ON `leads` FOR EACH ROW
BEGIN
  IF OLD.deleted_at IS NULL THEN
    UPDATE lead_month_facts SET leads = leads - 1, expected_value = expected_value - OLD.expected_value
    WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
      AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
      AND program_id = COALESCE(OLD.program_id, 0);
    DELETE FROM lead_month_facts
    WHERE month = DATE_FORMAT(OLD.created_at + INTERVAL 7 HOUR, '%Y-%m') AND stage_id = OLD.stage_id
      AND channel_id = COALESCE(OLD.channel_id, 0) AND assigned_to = COALESCE(OLD.assigned_to, 0)
      AND program_id = COALESCE(OLD.program_id, 0) AND leads = 0;
  END IF;
END;
--> statement-breakpoint
-- A database that already holds leads starts from their count.
INSERT INTO lead_month_facts (month, stage_id, channel_id, assigned_to, program_id, leads, expected_value)
SELECT DATE_FORMAT(created_at + INTERVAL 7 HOUR, '%Y-%m'), stage_id, COALESCE(channel_id, 0), COALESCE(assigned_to, 0),
  COALESCE(program_id, 0), COUNT(*), SUM(expected_value)
FROM leads WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
