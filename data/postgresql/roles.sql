-- SPDX-License-Identifier: GPL-3.0-or-later
-- Roles and grants for a Likeness database on a PostgreSQL server. Run once by a superuser,
-- after creating the database and before `likeness-cli --db postgresql://likeness_owner@…
-- init --admin NAME` (which creates the schema as the owner), then once more with
--   psql -v ON_ERROR_STOP=1 -d DATABASE -f roles.sql -v stage=grants
-- after init, so that the application role gets its grants on the tables that now exist.
--
--   likeness_owner  owns the schema; used only to create and migrate it (an administrator's
--                   likeness-cli init and updates), never by a workstation.
--   likeness_app    what every workstation connects as: reads everything, inserts, updates
--                   what the application updates, and has no UPDATE or DELETE at all on the
--                   audit log and the evidence tables; the triggers refuse them as well.
-- Give each person their own login role that is a member of likeness_app, e.g.
--   CREATE ROLE alice LOGIN IN ROLE likeness_app;
-- with a password (~/.pgpass) or, better, a client certificate. The administrator who creates
-- and migrates the schema logs in as a member of likeness_owner that acts as it, so that the
-- tables belong to likeness_owner:
--   CREATE ROLE lk_admin LOGIN IN ROLE likeness_owner;
--   ALTER ROLE lk_admin SET role = likeness_owner;
--
-- The database is the one psql is connected to (-d), or the one named with -v db=NAME.

\if :{?stage}
\else
\set stage roles
\endif
\if :{?db}
\else
\set db :DBNAME
\endif

SELECT :'stage' = 'roles' AS creating_roles \gset
\if :creating_roles
CREATE ROLE likeness_owner NOLOGIN;
CREATE ROLE likeness_app NOLOGIN;
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE :"db" TO likeness_owner;
GRANT CONNECT ON DATABASE :"db" TO likeness_app;
ALTER SCHEMA public OWNER TO likeness_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO likeness_app;
\else
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO likeness_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO likeness_app;
-- Append-only: the audit log, and the evidence and everything a signed conclusion rests on.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, case_status_history, analyses, candidate_lists,
  score_reveals, list_presentations, conclusions, feature_lists, examination_revisions,
  verification_signatures, training_items, retention_runs, purged_images, assessments,
  assessment_editions, likeness_schema, meta
  FROM likeness_app;
-- Never deleted (they change only in the ways the triggers allow); images change only through
-- the purge path, which clears bytes as the owner (a SECURITY DEFINER trigger).
REVOKE DELETE, TRUNCATE ON images, cases, probes, reference_databases, candidates, examinations,
  users, competencies, verifications, training_images, training_attempts, retention_holds,
  training_proposals
  FROM likeness_app;
REVOKE UPDATE ON images FROM likeness_app;
\endif
