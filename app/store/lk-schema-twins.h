/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The PostgreSQL twins of the migrations after LK_PG_BASE_VERSION (lk-schema-twins.c), for the
 * migration list in lk-schema.c. */
extern const char lk_pg_training_more[];
extern const char lk_pg_governance_more[];
extern const char lk_pg_training_observations[];
extern const char lk_pg_audit_browse[];
extern const char lk_pg_audit_append[];
extern const char lk_pg_probe_templates[];
extern const char lk_pg_training_annotations[];
extern const char lk_pg_probe_frame[];
extern const char lk_pg_json_paths[];
extern const char lk_pg_audit_server_time[];
