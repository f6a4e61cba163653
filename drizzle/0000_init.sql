CREATE TABLE `sessions` (
	`id` varchar(64) NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`ip` varchar(45),
	`user_agent` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_seen_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(120) NOT NULL,
	`email` varchar(191) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('owner','manager','admin','sales') NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`on_leave` boolean NOT NULL DEFAULT false,
	`phone` varchar(20),
	`avatar_url` varchar(500),
	`locale` varchar(5) NOT NULL DEFAULT 'id',
	`notification_prefs` json,
	`capacity` int NOT NULL DEFAULT 200,
	`password_changed_at` datetime(3),
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `channel_aliases` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`field` enum('source','medium','campaign') NOT NULL,
	`value` varchar(120) NOT NULL,
	`priority` smallint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `channel_aliases_id` PRIMARY KEY(`id`),
	CONSTRAINT `channel_aliases_field_value_uq` UNIQUE(`field`,`value`)
);
--> statement-breakpoint
CREATE TABLE `channels` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(80) NOT NULL,
	`source_type` enum('organic','ads','referral','event','other') NOT NULL,
	`platform` varchar(30),
	`active` boolean NOT NULL DEFAULT true,
	`sort_order` smallint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `channels_id` PRIMARY KEY(`id`),
	CONSTRAINT `channels_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `pipeline_stages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(80) NOT NULL,
	`kind` enum('open','won','lost') NOT NULL,
	`probability` smallint NOT NULL,
	`position` int NOT NULL,
	`color` varchar(20) NOT NULL DEFAULT 'neutral',
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `pipeline_stages_id` PRIMARY KEY(`id`),
	CONSTRAINT `pipeline_stages_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `programs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(120) NOT NULL,
	`level` varchar(40) NOT NULL,
	`price` bigint unsigned NOT NULL DEFAULT 0,
	`duration_months` smallint NOT NULL DEFAULT 1,
	`description` text,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `programs_id` PRIMARY KEY(`id`),
	CONSTRAINT `programs_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `activities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`lead_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned,
	`type` enum('call','chat','meeting','note') NOT NULL,
	`outcome` varchar(40),
	`notes` text,
	`occurred_at` datetime(3) NOT NULL,
	`next_action` varchar(255),
	`next_action_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`deleted_at` datetime(3),
	`deleted_by` bigint unsigned,
	CONSTRAINT `activities_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`lead_id` bigint unsigned NOT NULL,
	`program_id` bigint unsigned NOT NULL,
	`amount` bigint unsigned NOT NULL,
	`enrolled_at` datetime(3) NOT NULL,
	`user_id` bigint unsigned,
	`channel_id` bigint unsigned,
	`status` enum('active','cancelled') NOT NULL DEFAULT 'active',
	`meta` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `enrollments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `lead_stage_history` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`lead_id` bigint unsigned NOT NULL,
	`from_stage_id` bigint unsigned,
	`to_stage_id` bigint unsigned NOT NULL,
	`changed_by` bigint unsigned,
	`changed_at` datetime(3) NOT NULL,
	CONSTRAINT `lead_stage_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `leads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`student_name` varchar(120) NOT NULL,
	`parent_name` varchar(120),
	`school` varchar(160),
	`grade` varchar(20),
	`city` varchar(80),
	`phone_enc` varchar(255),
	`phone_bidx` binary(32),
	`phone_last4` varchar(4),
	`email` varchar(191),
	`channel_id` bigint unsigned,
	`utm_source` varchar(120),
	`utm_medium` varchar(120),
	`utm_campaign` varchar(160),
	`utm_content` varchar(160),
	`utm_term` varchar(120),
	`program_id` bigint unsigned,
	`stage_id` bigint unsigned NOT NULL,
	`follow_up_status` enum('new','contacted','no_response','scheduled','done') NOT NULL DEFAULT 'new',
	`assigned_to` bigint unsigned,
	`expected_value` bigint unsigned NOT NULL DEFAULT 0,
	`expected_close_on` date,
	`next_follow_up_at` datetime(3),
	`last_activity_at` datetime(3),
	`lost_reason` varchar(255),
	`closed_at` datetime(3),
	`notes` text,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`deleted_at` datetime(3),
	`deleted_by` bigint unsigned,
	CONSTRAINT `leads_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `todos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`lead_id` bigint unsigned,
	`title` varchar(200) NOT NULL,
	`notes` text,
	`priority` smallint NOT NULL DEFAULT 2,
	`due_at` datetime(3),
	`remind_at` datetime(3),
	`done_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`deleted_at` datetime(3),
	`deleted_by` bigint unsigned,
	CONSTRAINT `todos_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `ad_spend` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`day` date NOT NULL,
	`channel_id` bigint unsigned NOT NULL,
	`campaign` varchar(160) NOT NULL,
	`spend` bigint unsigned NOT NULL DEFAULT 0,
	`impressions` int unsigned NOT NULL DEFAULT 0,
	`clicks` int unsigned NOT NULL DEFAULT 0,
	`platform_leads` int unsigned NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `ad_spend_id` PRIMARY KEY(`id`),
	CONSTRAINT `ad_spend_day_channel_campaign_uq` UNIQUE(`day`,`channel_id`,`campaign`)
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`month` varchar(7) NOT NULL,
	`scope` enum('overall','program','channel','user') NOT NULL,
	`scope_id` bigint unsigned NOT NULL DEFAULT 0,
	`revenue` bigint unsigned NOT NULL DEFAULT 0,
	`students` int NOT NULL DEFAULT 0,
	`leads` int NOT NULL DEFAULT 0,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `targets_id` PRIMARY KEY(`id`),
	CONSTRAINT `targets_month_scope_uq` UNIQUE(`month`,`scope`,`scope_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`type` varchar(40) NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` text,
	`link` varchar(300),
	`lead_id` bigint unsigned,
	`dedupe_key` varchar(191),
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `notifications_dedupe_uq` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`channel` enum('email','whatsapp') NOT NULL,
	`kind` varchar(40) NOT NULL,
	`user_id` bigint unsigned,
	`idempotency_key` varchar(191) NOT NULL,
	`recipient` varchar(255) NOT NULL,
	`payload` json NOT NULL,
	`status` enum('pending','sending','sent','failed') NOT NULL DEFAULT 'pending',
	`attempts` smallint NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`lease_until` datetime(3),
	`leased_by` varchar(64),
	`last_error` text,
	`sent_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `outbox_idempotency_uq` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('follow_up','todo') NOT NULL,
	`subject_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`remind_at` datetime(3) NOT NULL,
	`status` enum('pending','fired','cancelled') NOT NULL DEFAULT 'pending',
	`fired_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reminders_id` PRIMARY KEY(`id`),
	CONSTRAINT `reminders_subject_uq` UNIQUE(`kind`,`subject_id`)
);
--> statement-breakpoint
CREATE TABLE `whatsapp_messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`provider_message_id` varchar(128) NOT NULL,
	`direction` enum('in','out') NOT NULL,
	`phone_enc` varchar(255) NOT NULL,
	`phone_bidx` binary(32) NOT NULL,
	`lead_id` bigint unsigned,
	`user_id` bigint unsigned,
	`body` text,
	`type` varchar(20) NOT NULL DEFAULT 'text',
	`status` varchar(20) NOT NULL DEFAULT 'received',
	`raw` json,
	`sent_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `whatsapp_messages_id` PRIMARY KEY(`id`),
	CONSTRAINT `wa_provider_message_uq` UNIQUE(`provider_message_id`)
);
--> statement-breakpoint
CREATE TABLE `news` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`title` varchar(200) NOT NULL,
	`slug` varchar(220) NOT NULL,
	`body` text NOT NULL,
	`category` varchar(40) NOT NULL DEFAULT 'umum',
	`cover_url` varchar(500),
	`published_at` datetime(3),
	`author_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `news_id` PRIMARY KEY(`id`),
	CONSTRAINT `news_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `audit_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned,
	`action` varchar(40) NOT NULL,
	`entity` varchar(40) NOT NULL,
	`entity_id` varchar(64) NOT NULL,
	`before` json,
	`after` json,
	`ip` varchar(45),
	`user_agent` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_logs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `event_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`type` varchar(40) NOT NULL,
	`user_id` bigint unsigned,
	`subject` varchar(191),
	`ip` varchar(45),
	`user_agent` varchar(255),
	`meta` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `event_logs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` varchar(80) NOT NULL,
	`value` json NOT NULL,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3),
	CONSTRAINT `app_settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`page` varchar(40) NOT NULL,
	`name` varchar(80) NOT NULL,
	`query` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `saved_views_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `user_preferences` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`key` varchar(80) NOT NULL,
	`value` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `user_preferences_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_prefs_user_key_uq` UNIQUE(`user_id`,`key`)
);
--> statement-breakpoint
CREATE TABLE `share_link_views` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`link_id` bigint unsigned NOT NULL,
	`viewed_at` datetime(3) NOT NULL,
	`ip` varchar(45),
	`user_agent` varchar(255),
	CONSTRAINT `share_link_views_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`report` varchar(40) NOT NULL,
	`params` json NOT NULL,
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`views` int unsigned NOT NULL DEFAULT 0,
	`last_viewed_at` datetime(3),
	CONSTRAINT `share_links_id` PRIMARY KEY(`id`),
	CONSTRAINT `share_links_token_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `data_versions` (
	`name` varchar(40) NOT NULL,
	`version` bigint unsigned NOT NULL,
	CONSTRAINT `data_versions_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD CONSTRAINT `sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `channel_aliases` ADD CONSTRAINT `channel_aliases_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `enrollments` ADD CONSTRAINT `enrollments_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `enrollments` ADD CONSTRAINT `enrollments_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `enrollments` ADD CONSTRAINT `enrollments_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `enrollments` ADD CONSTRAINT `enrollments_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `lead_stage_history` ADD CONSTRAINT `lead_stage_history_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `lead_stage_history` ADD CONSTRAINT `lead_stage_history_from_stage_id_pipeline_stages_id_fk` FOREIGN KEY (`from_stage_id`) REFERENCES `pipeline_stages`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `lead_stage_history` ADD CONSTRAINT `lead_stage_history_to_stage_id_pipeline_stages_id_fk` FOREIGN KEY (`to_stage_id`) REFERENCES `pipeline_stages`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `lead_stage_history` ADD CONSTRAINT `lead_stage_history_changed_by_users_id_fk` FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `leads` ADD CONSTRAINT `leads_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `leads` ADD CONSTRAINT `leads_program_id_programs_id_fk` FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `leads` ADD CONSTRAINT `leads_stage_id_pipeline_stages_id_fk` FOREIGN KEY (`stage_id`) REFERENCES `pipeline_stages`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `leads` ADD CONSTRAINT `leads_assigned_to_users_id_fk` FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `leads` ADD CONSTRAINT `leads_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `todos` ADD CONSTRAINT `todos_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `todos` ADD CONSTRAINT `todos_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ad_spend` ADD CONSTRAINT `ad_spend_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `targets` ADD CONSTRAINT `targets_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `outbox` ADD CONSTRAINT `outbox_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `reminders` ADD CONSTRAINT `reminders_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `whatsapp_messages` ADD CONSTRAINT `whatsapp_messages_lead_id_leads_id_fk` FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `whatsapp_messages` ADD CONSTRAINT `whatsapp_messages_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `news` ADD CONSTRAINT `news_author_id_users_id_fk` FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `app_settings` ADD CONSTRAINT `app_settings_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `saved_views` ADD CONSTRAINT `saved_views_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `user_preferences` ADD CONSTRAINT `user_preferences_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `share_link_views` ADD CONSTRAINT `share_link_views_link_id_share_links_id_fk` FOREIGN KEY (`link_id`) REFERENCES `share_links`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `share_links` ADD CONSTRAINT `share_links_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE INDEX `users_role_active_idx` ON `users` (`role`,`active`);--> statement-breakpoint
CREATE INDEX `pipeline_stages_position_idx` ON `pipeline_stages` (`position`);--> statement-breakpoint
CREATE INDEX `programs_active_idx` ON `programs` (`active`);--> statement-breakpoint
CREATE INDEX `activities_lead_idx` ON `activities` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_user_idx` ON `activities` (`user_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_next_action_idx` ON `activities` (`next_action_at`);--> statement-breakpoint
CREATE INDEX `activities_occurred_idx` ON `activities` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `enrollments_enrolled_idx` ON `enrollments` (`enrolled_at`);--> statement-breakpoint
CREATE INDEX `enrollments_status_enrolled_idx` ON `enrollments` (`status`,`enrolled_at`,`amount`,`program_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `enrollments_program_idx` ON `enrollments` (`program_id`,`enrolled_at`);--> statement-breakpoint
CREATE INDEX `enrollments_lead_idx` ON `enrollments` (`lead_id`);--> statement-breakpoint
CREATE INDEX `enrollments_user_idx` ON `enrollments` (`user_id`,`enrolled_at`);--> statement-breakpoint
CREATE INDEX `lsh_lead_idx` ON `lead_stage_history` (`lead_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `lsh_lead_stage_idx` ON `lead_stage_history` (`lead_id`,`to_stage_id`);--> statement-breakpoint
CREATE INDEX `lsh_to_stage_idx` ON `lead_stage_history` (`to_stage_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `lsh_changed_idx` ON `lead_stage_history` (`changed_at`);--> statement-breakpoint
CREATE INDEX `leads_live_created_idx` ON `leads` (`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_live_updated_idx` ON `leads` (`deleted_at`,`updated_at`);--> statement-breakpoint
CREATE INDEX `leads_live_created_cube_idx` ON `leads` (`deleted_at`,`created_at`,`stage_id`,`channel_id`,`assigned_to`,`program_id`);--> statement-breakpoint
CREATE INDEX `leads_assignee_stage_idx` ON `leads` (`assigned_to`,`stage_id`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_assignee_idx` ON `leads` (`assigned_to`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_assignee_next_idx` ON `leads` (`assigned_to`,`deleted_at`,`next_follow_up_at`,`stage_id`,`channel_id`);--> statement-breakpoint
CREATE INDEX `leads_stage_idx` ON `leads` (`stage_id`,`deleted_at`,`updated_at`);--> statement-breakpoint
CREATE INDEX `leads_stage_value_idx` ON `leads` (`stage_id`,`deleted_at`,`expected_value`);--> statement-breakpoint
CREATE INDEX `leads_forecast_idx` ON `leads` (`deleted_at`,`stage_id`,`expected_close_on`,`next_follow_up_at`,`assigned_to`,`program_id`,`channel_id`,`expected_value`);--> statement-breakpoint
CREATE INDEX `leads_channel_created_idx` ON `leads` (`channel_id`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_program_idx` ON `leads` (`program_id`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_follow_up_status_idx` ON `leads` (`follow_up_status`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_next_follow_up_idx` ON `leads` (`next_follow_up_at`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_last_activity_idx` ON `leads` (`last_activity_at`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_grade_idx` ON `leads` (`grade`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_city_idx` ON `leads` (`city`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_value_idx` ON `leads` (`expected_value`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_phone_bidx_idx` ON `leads` (`phone_bidx`);--> statement-breakpoint
CREATE INDEX `leads_student_name_idx` ON `leads` (`student_name`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_parent_name_idx` ON `leads` (`parent_name`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_school_idx` ON `leads` (`school`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `todos_user_due_idx` ON `todos` (`user_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `todos_remind_idx` ON `todos` (`remind_at`);--> statement-breakpoint
CREATE INDEX `ad_spend_channel_day_idx` ON `ad_spend` (`channel_id`,`day`);--> statement-breakpoint
CREATE INDEX `notifications_user_read_idx` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_user_created_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_lease_idx` ON `outbox` (`status`,`lease_until`);--> statement-breakpoint
CREATE INDEX `reminders_due_idx` ON `reminders` (`status`,`remind_at`);--> statement-breakpoint
CREATE INDEX `wa_phone_idx` ON `whatsapp_messages` (`phone_bidx`,`sent_at`);--> statement-breakpoint
CREATE INDEX `wa_lead_idx` ON `whatsapp_messages` (`lead_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `news_published_idx` ON `news` (`published_at`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_logs` (`entity`,`entity_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_user_idx` ON `audit_logs` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `event_type_created_idx` ON `event_logs` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_type_subject_idx` ON `event_logs` (`type`,`subject`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_type_ip_idx` ON `event_logs` (`type`,`ip`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_user_idx` ON `event_logs` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `saved_views_user_page_idx` ON `saved_views` (`user_id`,`page`);--> statement-breakpoint
CREATE INDEX `share_link_views_link_idx` ON `share_link_views` (`link_id`,`viewed_at`);--> statement-breakpoint
CREATE INDEX `share_links_creator_idx` ON `share_links` (`created_by`,`created_at`);