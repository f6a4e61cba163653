CREATE TABLE `data_versions` (
	`name` varchar(40) NOT NULL,
	`version` bigint unsigned NOT NULL,
	CONSTRAINT `data_versions_name` PRIMARY KEY(`name`)
);
