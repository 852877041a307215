/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward migrations. Never edit a released step: add a new one. */
#include "config.h"

#include "store/lk-schema.h"
#include "store/lk-schema-twins.h"

static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  /* The workspace kind (casework or demo) is fixed at creation. */
  "CREATE TRIGGER meta_kind_no_update BEFORE UPDATE ON meta WHEN OLD.key = 'kind'"
  "  BEGIN SELECT RAISE (ABORT, 'the workspace kind cannot change'); END;"
  "CREATE TRIGGER meta_kind_no_delete BEFORE DELETE ON meta WHEN OLD.key = 'kind'"
  "  BEGIN SELECT RAISE (ABORT, 'the workspace kind cannot change'); END;"

  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE users ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE,"
  "  display_name  TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  roles         INTEGER NOT NULL CHECK (roles > 0),"
  "  disabled      INTEGER NOT NULL DEFAULT 0,"
  "  failed_logins INTEGER NOT NULL DEFAULT 0,"
  "  locked        INTEGER NOT NULL DEFAULT 0,"
  "  created_at    TEXT NOT NULL,"
  "  password_changed_at TEXT NOT NULL);"

  "CREATE TABLE images ("
  "  sha256     TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
  "  bytes      BLOB NOT NULL,"
  "  size       INTEGER NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  stored_at  TEXT NOT NULL);"
  "CREATE TRIGGER images_immutable BEFORE UPDATE ON images"
  "  BEGIN SELECT RAISE (ABORT, 'stored images are immutable'); END;"

  "CREATE TABLE audit_event ("
  "  seq       INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  user      TEXT NOT NULL,"
  "  role      TEXT NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  object    TEXT NOT NULL,"
  "  details   TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash      TEXT NOT NULL);"
  "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;";

/* Cases, probes and the locked probe analysis. */
static const char migration_2[] =
  "CREATE TABLE cases ("
  "  id             INTEGER PRIMARY KEY,"
  "  number         TEXT NOT NULL UNIQUE,"
  "  title          TEXT NOT NULL,"
  "  offence_code   TEXT NOT NULL,"
  "  offence_name   TEXT NOT NULL,"
  "  seriousness    INTEGER NOT NULL,"
  "  legal_basis    TEXT NOT NULL,"
  "  purpose        TEXT NOT NULL,"
  "  authorised_by  TEXT NOT NULL,"
  "  requested_by   TEXT NOT NULL,"
  "  review_date    TEXT,"
  "  status         TEXT NOT NULL CHECK (status IN ('awaiting-approval', 'rejected', 'open',"
  "                   'analysis', 'examination', 'verification', 'closed', 'archived')),"
  "  examiner_id    INTEGER NOT NULL REFERENCES users (id),"
  "  created_at     TEXT NOT NULL,"
  "  decision_note  TEXT);"
  "CREATE INDEX cases_status ON cases (status);"

  "CREATE TABLE case_status_history ("
  "  id        INTEGER PRIMARY KEY,"
  "  case_id   INTEGER NOT NULL REFERENCES cases (id),"
  "  status    TEXT NOT NULL,"
  "  at        TEXT NOT NULL,"
  "  user_id   INTEGER NOT NULL REFERENCES users (id),"
  "  reason    TEXT NOT NULL);"
  "CREATE TRIGGER case_status_history_no_update BEFORE UPDATE ON case_status_history"
  "  BEGIN SELECT RAISE (ABORT, 'the status history is append-only'); END;"
  "CREATE TRIGGER case_status_history_no_delete BEFORE DELETE ON case_status_history"
  "  BEGIN SELECT RAISE (ABORT, 'the status history is append-only'); END;"

  "CREATE TABLE probes ("
  "  id            INTEGER PRIMARY KEY,"
  "  case_id       INTEGER NOT NULL REFERENCES cases (id),"
  "  image_sha256  TEXT NOT NULL REFERENCES images (sha256),"
  "  file_name     TEXT NOT NULL,"
  "  media_type    TEXT NOT NULL,"
  "  width         INTEGER NOT NULL,"
  "  height        INTEGER NOT NULL,"
  "  source_type   TEXT NOT NULL,"
  "  kind          TEXT NOT NULL,"
  "  acquired_by   TEXT NOT NULL,"
  "  acquired_at   TEXT NOT NULL,"
  "  authority     TEXT NOT NULL,"
  "  custody_note  TEXT NOT NULL,"
  "  simulated     INTEGER NOT NULL DEFAULT 0,"
  "  metadata      TEXT NOT NULL,"
  "  faces         TEXT NOT NULL,"
  "  face_index    INTEGER,"
  "  status        TEXT NOT NULL CHECK (status IN ('awaiting-analysis', 'analysed',"
  "                  'not-suitable')),"
  "  imported_by   INTEGER NOT NULL REFERENCES users (id),"
  "  imported_at   TEXT NOT NULL);"
  "CREATE INDEX probes_case ON probes (case_id);"
  /* What was received never changes; only the chosen face and the status move. */
  "CREATE TRIGGER probes_received_immutable BEFORE UPDATE OF case_id, image_sha256, file_name,"
  "  media_type, width, height, source_type, kind, acquired_by, acquired_at, authority,"
  "  custody_note, simulated, metadata, faces, imported_by, imported_at ON probes"
  "  BEGIN SELECT RAISE (ABORT, 'a probe as received cannot change'); END;"

  "CREATE TABLE analysis_drafts ("
  "  probe_id    INTEGER PRIMARY KEY REFERENCES probes (id),"
  "  content     TEXT NOT NULL,"
  "  user_id     INTEGER NOT NULL REFERENCES users (id),"
  "  updated_at  TEXT NOT NULL);"

  "CREATE TABLE analyses ("
  "  id                INTEGER PRIMARY KEY,"
  "  probe_id          INTEGER NOT NULL REFERENCES probes (id),"
  "  revision          INTEGER NOT NULL,"
  "  suitability       TEXT NOT NULL CHECK (suitability IN ('suitable', 'limited',"
  "                      'not-suitable')),"
  "  factors           TEXT NOT NULL,"
  "  components        TEXT NOT NULL,"
  "  notes             TEXT NOT NULL,"
  "  feature_list      TEXT NOT NULL,"
  "  face_index        INTEGER,"
  "  examiner_id       INTEGER NOT NULL REFERENCES users (id),"
  "  locked_at         TEXT NOT NULL,"
  "  amends            INTEGER REFERENCES analyses (id),"
  "  amendment_reason  TEXT,"
  "  UNIQUE (probe_id, revision));"
  "CREATE TRIGGER analyses_no_update BEFORE UPDATE ON analyses"
  "  BEGIN SELECT RAISE (ABORT, 'a locked analysis cannot change; amend it'); END;"
  "CREATE TRIGGER analyses_no_delete BEFORE DELETE ON analyses"
  "  BEGIN SELECT RAISE (ABORT, 'a locked analysis cannot be deleted'); END;";

/* Reference databases, candidate lists with triage, and the built-in engine's galleries. */
static const char migration_3[] =
  "CREATE TABLE reference_databases ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  legal_basis  TEXT NOT NULL,"
  "  held_by      TEXT NOT NULL CHECK (held_by IN ('likeness', 'external')),"
  "  created_by   INTEGER NOT NULL REFERENCES users (id),"
  "  created_at   TEXT NOT NULL);"

  "CREATE TABLE candidate_lists ("
  "  id                  INTEGER PRIMARY KEY,"
  "  probe_id            INTEGER NOT NULL REFERENCES probes (id),"
  "  engine_name         TEXT NOT NULL,"
  "  engine_version      TEXT NOT NULL,"
  "  reference_db_id     INTEGER NOT NULL REFERENCES reference_databases (id),"
  "  threshold           REAL,"
  "  max_candidates      INTEGER,"
  "  list_length         INTEGER NOT NULL,"
  "  performed_at        TEXT NOT NULL,"
  "  search_ms           REAL,"
  "  source_format       TEXT NOT NULL CHECK (source_format IN ('json', 'csv', 'built-in')),"
  "  source_sha256       TEXT NOT NULL,"
  "  imported_by         INTEGER NOT NULL REFERENCES users (id),"
  "  imported_at         TEXT NOT NULL);"
  "CREATE INDEX candidate_lists_probe ON candidate_lists (probe_id);"
  "CREATE TRIGGER candidate_lists_immutable BEFORE UPDATE ON candidate_lists"
  "  BEGIN SELECT RAISE (ABORT, 'a candidate list as received cannot change'); END;"

  "CREATE TABLE candidates ("
  "  id             INTEGER PRIMARY KEY,"
  "  list_id        INTEGER NOT NULL REFERENCES candidate_lists (id),"
  "  rank           INTEGER NOT NULL CHECK (rank > 0),"
  "  score          REAL NOT NULL,"
  "  subject_ref    TEXT NOT NULL,"
  "  image_sha256   TEXT NOT NULL REFERENCES images (sha256),"
  "  metadata       TEXT NOT NULL,"
  "  display_order  INTEGER NOT NULL,"
  "  triage_state   TEXT NOT NULL DEFAULT 'not-reviewed'"
  "                   CHECK (triage_state IN ('not-reviewed', 'eliminated', 'retained')),"
  "  triage_reason  TEXT,"
  "  triage_by      INTEGER REFERENCES users (id),"
  "  triage_at      TEXT,"
  "  UNIQUE (list_id, rank));"
  "CREATE TRIGGER candidates_received_immutable BEFORE UPDATE OF list_id, rank, score,"
  "  subject_ref, image_sha256, metadata, display_order ON candidates"
  "  BEGIN SELECT RAISE (ABORT, 'a candidate as received cannot change'); END;"

  /* Scores and ranks stay hidden unless revealed; each reveal is recorded. */
  "CREATE TABLE score_reveals ("
  "  id        INTEGER PRIMARY KEY,"
  "  list_id   INTEGER NOT NULL REFERENCES candidate_lists (id),"
  "  user_id   INTEGER NOT NULL REFERENCES users (id),"
  "  at        TEXT NOT NULL,"
  "  reason    TEXT NOT NULL);"
  "CREATE TRIGGER score_reveals_no_update BEFORE UPDATE ON score_reveals"
  "  BEGIN SELECT RAISE (ABORT, 'a score reveal cannot change'); END;"
  "CREATE TRIGGER score_reveals_no_delete BEFORE DELETE ON score_reveals"
  "  BEGIN SELECT RAISE (ABORT, 'a score reveal cannot be deleted'); END;"

  /* A shuffled presentation of a list: the newest row sets the order for everyone who views
   * the list (a list as received is immutable, so the seed cannot live in candidate_lists). */
  "CREATE TABLE list_presentations ("
  "  id        INTEGER PRIMARY KEY,"
  "  list_id   INTEGER NOT NULL REFERENCES candidate_lists (id),"
  "  seed      INTEGER NOT NULL,"
  "  user_id   INTEGER NOT NULL REFERENCES users (id),"
  "  at        TEXT NOT NULL);"
  "CREATE INDEX list_presentations_list ON list_presentations (list_id);"
  "CREATE TRIGGER list_presentations_no_update BEFORE UPDATE ON list_presentations"
  "  BEGIN SELECT RAISE (ABORT, 'a recorded presentation cannot change'); END;"
  "CREATE TRIGGER list_presentations_no_delete BEFORE DELETE ON list_presentations"
  "  BEGIN SELECT RAISE (ABORT, 'a recorded presentation cannot be deleted'); END;"

  /* The built-in engine: images of a gallery held by Likeness, and their templates. Templates
   * are engine data: a table of their own, never exported, deleted with their image. */
  "CREATE TABLE gallery_images ("
  "  id            INTEGER PRIMARY KEY,"
  "  database_id   INTEGER NOT NULL REFERENCES reference_databases (id),"
  "  subject_ref   TEXT NOT NULL,"
  "  image_sha256  TEXT NOT NULL REFERENCES images (sha256),"
  "  source_name   TEXT NOT NULL,"
  "  enrolled_by   INTEGER NOT NULL REFERENCES users (id),"
  "  enrolled_at   TEXT NOT NULL,"
  "  UNIQUE (database_id, image_sha256));"
  "CREATE INDEX gallery_images_database ON gallery_images (database_id);"
  "CREATE TABLE templates ("
  "  image_id   INTEGER NOT NULL REFERENCES gallery_images (id) ON DELETE CASCADE,"
  "  engine     TEXT NOT NULL,"
  "  version    TEXT NOT NULL,"
  "  dimension  INTEGER NOT NULL,"
  "  vector     BLOB NOT NULL,"
  "  PRIMARY KEY (image_id, engine));";

/* The examination workspace: one examiner's comparison of a probe with one candidate, its
 * alignment, non-destructive enhancement stacks and annotations. */
static const char migration_4[] =
  "CREATE TABLE examinations ("
  "  id                      INTEGER PRIMARY KEY,"
  "  candidate_id            INTEGER NOT NULL REFERENCES candidates (id),"
  "  probe_id                INTEGER NOT NULL REFERENCES probes (id),"
  "  examiner_id             INTEGER NOT NULL REFERENCES users (id),"
  "  purpose                 TEXT NOT NULL CHECK (purpose IN ('examination', 'verification')),"
  "  blind                   INTEGER NOT NULL DEFAULT 0,"
  "  feature_list            TEXT NOT NULL,"
  "  alignment               TEXT,"
  "  probe_enhancements      TEXT NOT NULL DEFAULT '[]',"
  "  candidate_enhancements  TEXT NOT NULL DEFAULT '[]',"
  "  seconds_spent           REAL NOT NULL DEFAULT 0,"
  "  candidate_width         INTEGER,"
  "  candidate_height        INTEGER,"
  "  started_at              TEXT NOT NULL,"
  "  updated_at              TEXT NOT NULL,"
  "  UNIQUE (candidate_id, examiner_id, purpose));"
  "CREATE INDEX examinations_probe ON examinations (probe_id);"

  "CREATE TABLE annotations ("
  "  id              INTEGER PRIMARY KEY,"
  "  examination_id  INTEGER NOT NULL REFERENCES examinations (id),"
  "  image           TEXT NOT NULL CHECK (image IN ('probe', 'candidate')),"
  "  kind            TEXT NOT NULL CHECK (kind IN ('marker', 'ellipse', 'rectangle', 'arrow',"
  "                    'text')),"
  "  pair            INTEGER,"
  "  geometry        TEXT NOT NULL,"
  "  label           TEXT NOT NULL DEFAULT '',"
  "  characteristic  TEXT,"
  "  created_at      TEXT NOT NULL,"
  "  updated_at      TEXT,"
  "  deleted_at      TEXT);"
  "CREATE INDEX annotations_examination ON annotations (examination_id);";

/* Feature-by-feature observations, the signed, immutable conclusion and its revisions, and the
 * lab's own editions of the feature list. */
static const char migration_5[] =
  "CREATE TABLE observations ("
  "  examination_id        INTEGER NOT NULL REFERENCES examinations (id),"
  "  characteristic        TEXT NOT NULL,"
  "  visibility_probe      TEXT CHECK (visibility_probe IN ('visible', 'partly',"
  "                          'not-visible')),"
  "  visibility_candidate  TEXT CHECK (visibility_candidate IN ('visible', 'partly',"
  "                          'not-visible')),"
  "  result                TEXT CHECK (result IN ('similar', 'dissimilar', 'not-assessable',"
  "                          'explainable-difference')),"
  "  significance          TEXT CHECK (significance IN ('class', 'individualising')),"
  "  note                  TEXT NOT NULL DEFAULT '',"
  "  annotation_ids        TEXT NOT NULL DEFAULT '[]',"
  "  updated_at            TEXT NOT NULL,"
  "  PRIMARY KEY (examination_id, characteristic));"

  /* outcome 'not-suitable' is the scale's separate outcome: it has no ordinal. Revision 1 is
   * the first signature; every later revision amends the one before, with a reason. */
  "CREATE TABLE conclusions ("
  "  id                INTEGER PRIMARY KEY,"
  "  examination_id    INTEGER NOT NULL REFERENCES examinations (id),"
  "  revision          INTEGER NOT NULL CHECK (revision > 0),"
  "  scale             TEXT NOT NULL,"
  "  scale_version     TEXT NOT NULL,"
  "  outcome           TEXT NOT NULL CHECK (outcome IN ('level', 'not-suitable')),"
  "  ordinal           INTEGER,"
  "  level_label       TEXT NOT NULL,"
  "  propositions      TEXT NOT NULL,"
  "  reasoning         TEXT NOT NULL,"
  "  limitations       TEXT NOT NULL,"
  "  warnings          TEXT NOT NULL DEFAULT '[]',"
  "  observations      TEXT NOT NULL,"
  "  signed_by         INTEGER NOT NULL REFERENCES users (id),"
  "  signed_at         TEXT NOT NULL,"
  "  amends            INTEGER REFERENCES conclusions (id),"
  "  amendment_reason  TEXT,"
  "  content_sha256    TEXT NOT NULL CHECK (length (content_sha256) = 64),"
  "  CHECK ((outcome = 'not-suitable') = (ordinal IS NULL)),"
  "  CHECK ((revision = 1) = (amends IS NULL)),"
  "  CHECK ((amends IS NULL) = (amendment_reason IS NULL)),"
  "  UNIQUE (examination_id, revision));"
  "CREATE TRIGGER conclusions_no_update BEFORE UPDATE ON conclusions"
  "  BEGIN SELECT RAISE (ABORT, 'a signed conclusion cannot change; amend it'); END;"
  "CREATE TRIGGER conclusions_no_delete BEFORE DELETE ON conclusions"
  "  BEGIN SELECT RAISE (ABORT, 'a signed conclusion cannot be deleted'); END;"
  /* A conclusion rests on the observations it snapshots: once signed they are frozen. */
  "CREATE TRIGGER observations_frozen_insert BEFORE INSERT ON observations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = NEW.examination_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER observations_frozen_update BEFORE UPDATE ON observations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = OLD.examination_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER observations_frozen_delete BEFORE DELETE ON observations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = OLD.examination_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"

  /* Editions of the feature list a lab installed; examinations record the edition name, so an
   * installed edition never changes. The current one is the setting feature_list_edition. */
  "CREATE TABLE feature_lists ("
  "  id            INTEGER PRIMARY KEY,"
  "  edition       TEXT NOT NULL UNIQUE,"
  "  content       TEXT NOT NULL,"
  "  sha256        TEXT NOT NULL,"
  "  installed_by  INTEGER NOT NULL REFERENCES users (id),"
  "  installed_at  TEXT NOT NULL);"
  "CREATE TRIGGER feature_lists_no_update BEFORE UPDATE ON feature_lists"
  "  BEGIN SELECT RAISE (ABORT, 'an installed feature-list edition cannot change'); END;"
  "CREATE TRIGGER feature_lists_no_delete BEFORE DELETE ON feature_lists"
  "  BEGIN SELECT RAISE (ABORT, 'an installed feature-list edition cannot be deleted'); END;";

/* A signed conclusion also rests on the annotations, the alignment and the enhancement stacks:
 * once signed they are frozen with the observations. The time spent still counts. */
static const char migration_6[] =
  "CREATE TRIGGER annotations_frozen_insert BEFORE INSERT ON annotations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = NEW.examination_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER annotations_frozen_update BEFORE UPDATE ON annotations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id IN (OLD.examination_id,"
  "                                                                  NEW.examination_id))"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER annotations_frozen_delete BEFORE DELETE ON annotations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = OLD.examination_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER examinations_frozen_update BEFORE UPDATE OF alignment, probe_enhancements,"
  "  candidate_enhancements ON examinations"
  "  WHEN EXISTS (SELECT 1 FROM conclusions WHERE examination_id = OLD.id)"
  "  BEGIN"
  "    SELECT RAISE (ABORT, 'the alignment and enhancements of a signed conclusion cannot change');"
  "  END;";

/* Verification (the "V" of ACE-V): competency records, the verification of a signed conclusion
 * by a second competent person (blind where policy says so), its signed outcomes, and revisions
 * of an examination reopened after a return. Observations, annotations, the alignment and the
 * enhancement stacks are frozen by a conclusion of the examination's current revision. */
static const char migration_7[] =
  "CREATE TABLE competencies ("
  "  id             INTEGER PRIMARY KEY,"
  "  user_id        INTEGER NOT NULL REFERENCES users (id),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('examiner', 'reviewer')),"
  "  valid_from     TEXT NOT NULL,"
  "  valid_until    TEXT NOT NULL,"
  "  evidence       TEXT NOT NULL,"
  "  recorded_by    INTEGER NOT NULL REFERENCES users (id),"
  "  recorded_at    TEXT NOT NULL,"
  "  revoked_by     INTEGER REFERENCES users (id),"
  "  revoked_at     TEXT,"
  "  revoke_reason  TEXT,"
  "  CHECK (valid_until >= valid_from),"
  "  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)));"
  "CREATE INDEX competencies_user ON competencies (user_id, kind);"
  "CREATE TRIGGER competencies_no_delete BEFORE DELETE ON competencies"
  "  BEGIN SELECT RAISE (ABORT, 'a competency record cannot be deleted; revoke it'); END;"
  "CREATE TRIGGER competencies_revoke_only BEFORE UPDATE ON competencies"
  "  WHEN OLD.revoked_at IS NOT NULL OR NEW.user_id IS NOT OLD.user_id"
  "    OR NEW.kind IS NOT OLD.kind OR NEW.valid_from IS NOT OLD.valid_from"
  "    OR NEW.valid_until IS NOT OLD.valid_until OR NEW.evidence IS NOT OLD.evidence"
  "    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at"
  "  BEGIN SELECT RAISE (ABORT, 'a competency record cannot change; revoke it and add another');"
  "  END;"

  "ALTER TABLE examinations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE conclusions ADD COLUMN examination_revision INTEGER NOT NULL DEFAULT 1;"
  /* What an earlier revision of an examination rested on besides its observations (which its
   * conclusion snapshots): the annotations, alignment and enhancement stacks as JSON. */
  "CREATE TABLE examination_revisions ("
  "  examination_id  INTEGER NOT NULL REFERENCES examinations (id),"
  "  revision        INTEGER NOT NULL,"
  "  snapshot        TEXT NOT NULL,"
  "  reopened_by     INTEGER NOT NULL REFERENCES users (id),"
  "  reopened_at     TEXT NOT NULL,"
  "  reason          TEXT NOT NULL,"
  "  PRIMARY KEY (examination_id, revision));"
  "CREATE TRIGGER examination_revisions_no_update BEFORE UPDATE ON examination_revisions"
  "  BEGIN SELECT RAISE (ABORT, 'an earlier revision of an examination cannot change'); END;"
  "CREATE TRIGGER examination_revisions_no_delete BEFORE DELETE ON examination_revisions"
  "  BEGIN SELECT RAISE (ABORT, 'an earlier revision of an examination cannot change'); END;"

  "DROP TRIGGER observations_frozen_insert;"
  "DROP TRIGGER observations_frozen_update;"
  "DROP TRIGGER observations_frozen_delete;"
  "DROP TRIGGER annotations_frozen_insert;"
  "DROP TRIGGER annotations_frozen_update;"
  "DROP TRIGGER annotations_frozen_delete;"
  "DROP TRIGGER examinations_frozen_update;"
  "CREATE VIEW signed_examinations AS SELECT e.id AS examination_id FROM examinations e"
  "  WHERE EXISTS (SELECT 1 FROM conclusions c WHERE c.examination_id = e.id"
  "                AND c.examination_revision = e.revision);"
  "CREATE TRIGGER observations_frozen_insert BEFORE INSERT ON observations"
  "  WHEN NEW.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER observations_frozen_update BEFORE UPDATE ON observations"
  "  WHEN OLD.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER observations_frozen_delete BEFORE DELETE ON observations"
  "  WHEN OLD.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the observations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER annotations_frozen_insert BEFORE INSERT ON annotations"
  "  WHEN NEW.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER annotations_frozen_update BEFORE UPDATE ON annotations"
  "  WHEN OLD.examination_id IN signed_examinations OR NEW.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER annotations_frozen_delete BEFORE DELETE ON annotations"
  "  WHEN OLD.examination_id IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'the annotations of a signed conclusion cannot change'); END;"
  "CREATE TRIGGER examinations_frozen_update BEFORE UPDATE OF alignment, probe_enhancements,"
  "  candidate_enhancements ON examinations"
  "  WHEN OLD.id IN signed_examinations"
  "  BEGIN"
  "    SELECT RAISE (ABORT, 'the alignment and enhancements of a signed conclusion cannot change');"
  "  END;"
  /* A revision moves on only by one, and only from a signed one. */
  "CREATE TRIGGER examinations_revision_step BEFORE UPDATE OF revision ON examinations"
  "  WHEN NEW.revision IS NOT OLD.revision + 1 OR OLD.id NOT IN signed_examinations"
  "  BEGIN SELECT RAISE (ABORT, 'an examination is reopened one signed revision at a time'); END;"

  /* A verification of one signed conclusion revision. stage 'review' is the second person;
   * 'third-review' a technical reviewer settling a disagreement (resolves: the disputed one).
   * state: queued (no reviewer yet), assigned, consultation (disagreement under discussion),
   * then final: countersigned, returned (to the examiner), referred (to a third reviewer),
   * not-confirmed (a third reviewer's final disagreement). */
  "CREATE TABLE verifications ("
  "  id                     INTEGER PRIMARY KEY,"
  "  examination_id         INTEGER NOT NULL REFERENCES examinations (id),"
  "  conclusion_id          INTEGER NOT NULL REFERENCES conclusions (id),"
  "  stage                  TEXT NOT NULL CHECK (stage IN ('review', 'third-review')),"
  "  resolves               INTEGER REFERENCES verifications (id),"
  "  blind                  INTEGER NOT NULL CHECK (blind IN (0, 1)),"
  "  submitted_by           INTEGER NOT NULL REFERENCES users (id),"
  "  submitted_at           TEXT NOT NULL,"
  "  reviewer_id            INTEGER REFERENCES users (id),"
  "  assigned_by            INTEGER REFERENCES users (id),"
  "  assigned_at            TEXT,"
  "  review_examination_id  INTEGER REFERENCES examinations (id),"
  "  state                  TEXT NOT NULL CHECK (state IN ('queued', 'assigned', 'consultation',"
  "                           'countersigned', 'returned', 'referred', 'not-confirmed')),"
  "  closed_at              TEXT,"
  "  CHECK ((stage = 'third-review') = (resolves IS NOT NULL)),"
  "  CHECK ((state = 'queued') = (reviewer_id IS NULL)));"
  "CREATE INDEX verifications_examination ON verifications (examination_id);"
  "CREATE INDEX verifications_reviewer ON verifications (reviewer_id, state);"
  "CREATE TRIGGER verifications_no_delete BEFORE DELETE ON verifications"
  "  BEGIN SELECT RAISE (ABORT, 'a verification cannot be deleted'); END;"
  "CREATE TRIGGER verifications_final BEFORE UPDATE ON verifications"
  "  WHEN OLD.state IN ('countersigned', 'returned', 'referred', 'not-confirmed')"
  "  BEGIN SELECT RAISE (ABORT, 'a completed verification cannot change'); END;"
  "CREATE TRIGGER verifications_fixed BEFORE UPDATE OF examination_id, conclusion_id, stage,"
  "  resolves, blind, submitted_by, submitted_at ON verifications"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted verification cannot change'); END;"

  /* Every opinion on record, signed with the signer's password and hashed: countersignatures,
   * disagreements (with the resolution chosen), consultation notes, third-review decisions. */
  "CREATE TABLE verification_signatures ("
  "  id               INTEGER PRIMARY KEY,"
  "  verification_id  INTEGER NOT NULL REFERENCES verifications (id),"
  "  kind             TEXT NOT NULL CHECK (kind IN ('countersignature', 'disagreement',"
  "                     'consultation-note')),"
  "  resolution       TEXT CHECK (resolution IN ('return', 'consult', 'third-reviewer',"
  "                     'final')),"
  "  note             TEXT NOT NULL,"
  "  signed_by        INTEGER NOT NULL REFERENCES users (id),"
  "  signed_at        TEXT NOT NULL,"
  "  content_sha256   TEXT NOT NULL CHECK (length (content_sha256) = 64),"
  "  CHECK ((kind = 'disagreement') = (resolution IS NOT NULL)));"
  "CREATE INDEX verification_signatures_verification ON verification_signatures"
  "  (verification_id);"
  "CREATE TRIGGER verification_signatures_no_update BEFORE UPDATE ON verification_signatures"
  "  BEGIN SELECT RAISE (ABORT, 'a signed verification record cannot change'); END;"
  "CREATE TRIGGER verification_signatures_no_delete BEFORE DELETE ON verification_signatures"
  "  BEGIN SELECT RAISE (ABORT, 'a signed verification record cannot be deleted'); END;";

/* The built-in engine at gallery scale. Each template records what made it: the SHA-256 of
 * the embedding model and of the face detector, and the input convention; a search refuses
 * templates of another model. Installed embedding models with their descriptors. A gallery's
 * templates of one engine are also kept for scanning in template blocks: quantised rows, one
 * large blob per block, checksummed, built from (and rebuilt from) the templates table. A
 * generation, bumped by trigger whenever a gallery's templates of an engine change, tells in
 * one read whether a scan store or a searcher's copy of it is current. */
static const char migration_template_store[] =
  "ALTER TABLE templates ADD COLUMN model_sha256 TEXT;"
  "ALTER TABLE templates ADD COLUMN detector_sha256 TEXT;"
  "ALTER TABLE templates ADD COLUMN convention TEXT;"
  "CREATE TABLE embedding_models ("
  "  sha256          TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
  "  file_name       TEXT NOT NULL,"
  "  input_width     INTEGER NOT NULL CHECK (input_width BETWEEN 16 AND 1024),"
  "  input_height    INTEGER NOT NULL CHECK (input_height BETWEEN 16 AND 1024),"
  "  channel_order   TEXT NOT NULL CHECK (channel_order IN ('RGB', 'BGR')),"
  "  mean            TEXT NOT NULL,"
  "  scale           REAL NOT NULL,"
  "  embedding_size  INTEGER NOT NULL CHECK (embedding_size BETWEEN 2 AND 65536),"
  "  distance        TEXT NOT NULL CHECK (distance IN ('cosine')),"
  "  installed_by    INTEGER NOT NULL REFERENCES users (id),"
  "  installed_at    TEXT NOT NULL);"
  "CREATE TABLE template_generations ("
  "  database_id  INTEGER NOT NULL REFERENCES reference_databases (id),"
  "  engine       TEXT NOT NULL,"
  "  generation   INTEGER NOT NULL,"
  "  PRIMARY KEY (database_id, engine));"
#define LK_GENERATION_TRIGGER(event, row) \
  "CREATE TRIGGER templates_generation_" event " AFTER " event " ON templates BEGIN" \
  "  INSERT INTO template_generations (database_id, engine, generation)" \
  "    SELECT database_id, " row ".engine, 1 FROM gallery_images WHERE id = " row ".image_id" \
  "    ON CONFLICT (database_id, engine) DO UPDATE SET generation = generation + 1;" \
  "  END;"
  LK_GENERATION_TRIGGER ("INSERT", "NEW")
  LK_GENERATION_TRIGGER ("DELETE", "OLD")
  LK_GENERATION_TRIGGER ("UPDATE", "NEW")
#undef LK_GENERATION_TRIGGER
  /* An image deleted with its templates still there (they go by cascade, when the image row is
   * gone already and the trigger above finds no gallery): counted here, before. */
  "CREATE TRIGGER gallery_images_generation BEFORE DELETE ON gallery_images BEGIN"
  "  UPDATE template_generations SET generation = generation + 1"
  "    WHERE database_id = OLD.database_id"
  "    AND engine IN (SELECT engine FROM templates WHERE image_id = OLD.id);"
  "  END;"
  "CREATE TABLE template_stores ("
  "  database_id  INTEGER NOT NULL REFERENCES reference_databases (id),"
  "  engine       TEXT NOT NULL,"
  "  identity     TEXT NOT NULL,"
  "  dimension    INTEGER NOT NULL,"
  "  encoding     TEXT NOT NULL CHECK (encoding IN ('int8')),"
  "  generation   INTEGER NOT NULL,"
  "  rows         INTEGER NOT NULL,"
  "  PRIMARY KEY (database_id, engine));"
  "CREATE TABLE template_blocks ("
  "  id              INTEGER PRIMARY KEY,"
  "  database_id     INTEGER NOT NULL,"
  "  engine          TEXT NOT NULL,"
  "  rows            INTEGER NOT NULL,"
  "  first_image_id  INTEGER NOT NULL,"
  "  last_image_id   INTEGER NOT NULL,"
  "  checksum        INTEGER NOT NULL,"
  "  data            BLOB NOT NULL,"
  "  FOREIGN KEY (database_id, engine) REFERENCES template_stores (database_id, engine)"
  "    ON DELETE CASCADE);"
  "CREATE INDEX template_blocks_store ON template_blocks (database_id, engine, last_image_id);";

/* Evidence and everything a signed conclusion rests on refuses deletion in the database itself,
 * whoever holds the file: nothing in Likeness deletes these rows. */
#define LK_NO_DELETE(table, message) \
  "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table \
  "  BEGIN SELECT RAISE (ABORT, '" message "'); END;"

static const char migration_integrity[] =
  LK_NO_DELETE ("images", "a stored image cannot be deleted")
  LK_NO_DELETE ("cases", "a case cannot be deleted")
  LK_NO_DELETE ("probes", "a probe cannot be deleted")
  LK_NO_DELETE ("reference_databases", "a reference database cannot be deleted")
  LK_NO_DELETE ("candidate_lists", "a candidate list cannot be deleted")
  LK_NO_DELETE ("candidates", "a candidate cannot be deleted")
  LK_NO_DELETE ("examinations", "an examination cannot be deleted")
  LK_NO_DELETE ("users", "a user cannot be deleted; disable the account instead");

#undef LK_NO_DELETE

/* Training and proficiency: exercises of image pairs with ground truth, kept apart from
 * casework. An image stored as exercise material (training_images) can never become a probe,
 * a candidate or a gallery image; the ground truth of an item never changes; a submitted
 * attempt keeps its answer (the trainer's comment may still be added). */
static const char migration_training[] =
  "CREATE TABLE training_exercises ("
  "  id                  INTEGER PRIMARY KEY,"
  "  name                TEXT NOT NULL UNIQUE,"
  "  instructions        TEXT NOT NULL,"
  "  scale               TEXT NOT NULL,"
  "  time_limit_seconds  INTEGER CHECK (time_limit_seconds IS NULL OR time_limit_seconds > 0),"
  "  created_by          INTEGER NOT NULL REFERENCES users (id),"
  "  created_at          TEXT NOT NULL);"

  "CREATE TABLE training_images ("
  "  sha256       TEXT PRIMARY KEY REFERENCES images (sha256),"
  "  exercise_id  INTEGER NOT NULL REFERENCES training_exercises (id));"
  "CREATE TRIGGER training_images_no_change BEFORE UPDATE ON training_images"
  "  BEGIN SELECT RAISE (ABORT, 'exercise material stays exercise material'); END;"
  "CREATE TRIGGER training_images_no_delete BEFORE DELETE ON training_images"
  "  BEGIN SELECT RAISE (ABORT, 'exercise material stays exercise material'); END;"
  "CREATE TRIGGER probes_not_exercise BEFORE INSERT ON probes"
  "  WHEN NEW.image_sha256 IN (SELECT sha256 FROM training_images)"
  "  BEGIN SELECT RAISE (ABORT, 'an exercise image cannot become a probe'); END;"
  "CREATE TRIGGER candidates_not_exercise BEFORE INSERT ON candidates"
  "  WHEN NEW.image_sha256 IN (SELECT sha256 FROM training_images)"
  "  BEGIN SELECT RAISE (ABORT, 'an exercise image cannot become a candidate'); END;"
  "CREATE TRIGGER gallery_images_not_exercise BEFORE INSERT ON gallery_images"
  "  WHEN NEW.image_sha256 IN (SELECT sha256 FROM training_images)"
  "  BEGIN SELECT RAISE (ABORT, 'an exercise image cannot enter a gallery'); END;"

  "CREATE TABLE training_items ("
  "  id           INTEGER PRIMARY KEY,"
  "  exercise_id  INTEGER NOT NULL REFERENCES training_exercises (id),"
  "  position     INTEGER NOT NULL,"
  "  pair_id      TEXT NOT NULL,"
  "  image_a      TEXT NOT NULL REFERENCES training_images (sha256),"
  "  image_b      TEXT NOT NULL REFERENCES training_images (sha256),"
  "  mated        INTEGER NOT NULL CHECK (mated IN (0, 1)),"
  "  difficulty   TEXT NOT NULL,"
  "  notes        TEXT NOT NULL,"
  "  UNIQUE (exercise_id, pair_id),"
  "  UNIQUE (exercise_id, position));"
  "CREATE TRIGGER training_items_no_update BEFORE UPDATE ON training_items"
  "  BEGIN SELECT RAISE (ABORT, 'an exercise item and its ground truth cannot change'); END;"
  "CREATE TRIGGER training_items_no_delete BEFORE DELETE ON training_items"
  "  BEGIN SELECT RAISE (ABORT, 'an exercise item cannot be deleted'); END;"

  "CREATE TABLE training_assignments ("
  "  id           INTEGER PRIMARY KEY,"
  "  exercise_id  INTEGER NOT NULL REFERENCES training_exercises (id),"
  "  trainee_id   INTEGER NOT NULL REFERENCES users (id),"
  "  due_date     TEXT,"
  "  assigned_by  INTEGER NOT NULL REFERENCES users (id),"
  "  assigned_at  TEXT NOT NULL,"
  "  UNIQUE (exercise_id, trainee_id));"

  /* A trainee's work on one item: analysis, comparison, feature observations (JSON, the
   * feature list's characteristics), the level on the exercise's scale, notes and time. */
  "CREATE TABLE training_attempts ("
  "  id               INTEGER PRIMARY KEY,"
  "  assignment_id    INTEGER NOT NULL REFERENCES training_assignments (id),"
  "  item_id          INTEGER NOT NULL REFERENCES training_items (id),"
  "  analysis         TEXT NOT NULL DEFAULT '',"
  "  comparison       TEXT NOT NULL DEFAULT '',"
  "  feature_list     TEXT NOT NULL,"
  "  observations     TEXT NOT NULL DEFAULT '{}',"
  "  level            INTEGER,"
  "  notes            TEXT NOT NULL DEFAULT '',"
  "  seconds_spent    REAL NOT NULL DEFAULT 0,"
  "  opened_at        TEXT NOT NULL,"
  "  submitted_at     TEXT,"
  "  trainer_comment  TEXT,"
  "  commented_by     INTEGER REFERENCES users (id),"
  "  commented_at     TEXT,"
  "  CHECK ((submitted_at IS NULL) OR (level IS NOT NULL)),"
  "  UNIQUE (assignment_id, item_id));"
  "CREATE TRIGGER training_attempts_submitted BEFORE UPDATE OF assignment_id, item_id, analysis,"
  "  comparison, observations, level, notes, seconds_spent, opened_at, submitted_at"
  "  ON training_attempts WHEN OLD.submitted_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"
  "CREATE TRIGGER training_attempts_no_delete BEFORE DELETE ON training_attempts"
  "  BEGIN SELECT RAISE (ABORT, 'an attempt cannot be deleted'); END;";
/* Governance. Retention: legal holds on cases, purge runs, and the sanctioned purge path. An
 * image's bytes may be cleared, and only cleared, once a purged_images record names it; that
 * record needs the audit event "image.purged" of that image (the newest event when it is
 * written) and clears the bytes itself, so the record, its event and the clearing share one
 * transaction. The row of the image stays with its SHA-256, size and type. The indexes answer
 * the audit trail's filters. Self-assessments are kept per date, as answered. */
static const char migration_governance[] =
  "CREATE TABLE retention_holds ("
  "  id              INTEGER PRIMARY KEY,"
  "  case_id         INTEGER NOT NULL REFERENCES cases (id),"
  "  reason          TEXT NOT NULL CHECK (length (trim (reason)) > 0),"
  "  held_by         INTEGER NOT NULL REFERENCES users (id),"
  "  held_at         TEXT NOT NULL,"
  "  released_by     INTEGER REFERENCES users (id),"
  "  released_at     TEXT,"
  "  release_reason  TEXT,"
  "  CHECK ((released_at IS NULL) = (release_reason IS NULL)));"
  "CREATE INDEX retention_holds_case ON retention_holds (case_id);"
  "CREATE TRIGGER retention_holds_no_delete BEFORE DELETE ON retention_holds"
  "  BEGIN SELECT RAISE (ABORT, 'a legal hold cannot be deleted; release it'); END;"
  "CREATE TRIGGER retention_holds_release_only BEFORE UPDATE ON retention_holds"
  "  WHEN OLD.released_at IS NOT NULL OR NEW.case_id IS NOT OLD.case_id"
  "    OR NEW.reason IS NOT OLD.reason OR NEW.held_by IS NOT OLD.held_by"
  "    OR NEW.held_at IS NOT OLD.held_at"
  "  BEGIN SELECT RAISE (ABORT, 'a legal hold cannot change; release it'); END;"

  "CREATE TABLE retention_runs ("
  "  id              INTEGER PRIMARY KEY,"
  "  run_by          INTEGER NOT NULL REFERENCES users (id),"
  "  run_at          TEXT NOT NULL,"
  "  as_of           TEXT NOT NULL,"
  "  images          INTEGER NOT NULL,"
  "  image_bytes     INTEGER NOT NULL,"
  "  templates       INTEGER NOT NULL,"
  "  template_bytes  INTEGER NOT NULL);"
  "CREATE TRIGGER retention_runs_no_delete BEFORE DELETE ON retention_runs"
  "  BEGIN SELECT RAISE (ABORT, 'a retention run cannot be deleted'); END;"
  "CREATE TRIGGER retention_runs_no_update BEFORE UPDATE ON retention_runs"
  "  BEGIN SELECT RAISE (ABORT, 'a retention run cannot change'); END;"

  "CREATE TABLE purged_images ("
  "  sha256      TEXT PRIMARY KEY REFERENCES images (sha256),"
  "  size        INTEGER NOT NULL,"
  "  rule        TEXT NOT NULL,"
  "  run_id      INTEGER NOT NULL REFERENCES retention_runs (id),"
  "  purged_by   INTEGER NOT NULL REFERENCES users (id),"
  "  purged_at   TEXT NOT NULL,"
  "  audit_seq   INTEGER NOT NULL UNIQUE REFERENCES audit_event (seq));"
  "CREATE TRIGGER purged_images_no_delete BEFORE DELETE ON purged_images"
  "  BEGIN SELECT RAISE (ABORT, 'a purge record cannot be deleted'); END;"
  "CREATE TRIGGER purged_images_no_update BEFORE UPDATE ON purged_images"
  "  BEGIN SELECT RAISE (ABORT, 'a purge record cannot change'); END;"
  "CREATE TRIGGER purged_images_audited BEFORE INSERT ON purged_images"
  "  WHEN NEW.audit_seq IS NOT (SELECT max (seq) FROM audit_event)"
  "    OR NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.audit_seq"
  "                   AND action = 'image.purged' AND object = 'image:' || NEW.sha256)"
  "  BEGIN SELECT RAISE (ABORT, 'an image is purged only with its audit event'); END;"
  "CREATE TRIGGER purged_images_clear AFTER INSERT ON purged_images"
  "  BEGIN UPDATE images SET bytes = X'' WHERE sha256 = NEW.sha256; END;"
  "DROP TRIGGER images_immutable;"
  "CREATE TRIGGER images_immutable BEFORE UPDATE ON images"
  "  WHEN NOT (NEW.sha256 IS OLD.sha256 AND NEW.size IS OLD.size"
  "            AND NEW.media_type IS OLD.media_type AND NEW.stored_at IS OLD.stored_at"
  "            AND length (NEW.bytes) = 0"
  "            AND EXISTS (SELECT 1 FROM purged_images WHERE sha256 = OLD.sha256))"
  "  BEGIN SELECT RAISE (ABORT, 'stored images are immutable'); END;"

  "CREATE INDEX audit_event_object ON audit_event (object, seq);"
  "CREATE INDEX audit_event_user ON audit_event (user, seq);"
  "CREATE INDEX audit_event_action ON audit_event (action, seq);"
  "CREATE INDEX audit_event_at ON audit_event (at);"

  "CREATE TABLE assessments ("
  "  id           INTEGER PRIMARY KEY,"
  "  assessed_on  TEXT NOT NULL UNIQUE,"
  "  edition      TEXT NOT NULL,"
  "  answers      TEXT NOT NULL,"
  "  created_by   INTEGER NOT NULL REFERENCES users (id),"
  "  created_at   TEXT NOT NULL);"
  "CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments"
  "  BEGIN SELECT RAISE (ABORT, 'a saved self-assessment cannot change; make a new one'); END;"
  "CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments"
  "  BEGIN SELECT RAISE (ABORT, 'a saved self-assessment cannot be deleted'); END;";

/* Training, the rest: an attempt submitted after the exercise's time limit per item is
 * recorded as over time (fixed with the submission), and a trainer's proposal of a competency
 * record from a passed exercise, which an administrator confirms (the record is then added)
 * or rejects, with a reason. */
static const char migration_training_more[] =
  "ALTER TABLE training_attempts ADD COLUMN over_time INTEGER NOT NULL DEFAULT 0"
  "  CHECK (over_time IN (0, 1));"
  "CREATE TRIGGER training_attempts_over_time BEFORE UPDATE OF over_time ON training_attempts"
  "  WHEN OLD.submitted_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"

  "CREATE TABLE training_proposals ("
  "  id             INTEGER PRIMARY KEY,"
  "  exercise_id    INTEGER NOT NULL REFERENCES training_exercises (id),"
  "  trainee_id     INTEGER NOT NULL REFERENCES users (id),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('examiner', 'reviewer')),"
  "  valid_from     TEXT NOT NULL,"
  "  valid_until    TEXT NOT NULL,"
  "  evidence       TEXT NOT NULL,"
  "  figures        TEXT NOT NULL,"
  "  proposed_by    INTEGER NOT NULL REFERENCES users (id),"
  "  proposed_at    TEXT NOT NULL,"
  "  decision       TEXT CHECK (decision IS NULL OR decision IN ('confirmed', 'rejected')),"
  "  decided_by     INTEGER REFERENCES users (id),"
  "  decided_at     TEXT,"
  "  reason         TEXT,"
  "  competency_id  INTEGER REFERENCES competencies (id),"
  "  CHECK (valid_until >= valid_from),"
  "  CHECK ((decision IS NULL) = (decided_at IS NULL)),"
  "  CHECK (decision IS NULL OR decision <> 'confirmed' OR competency_id IS NOT NULL));"
  "CREATE TRIGGER training_proposals_decided BEFORE UPDATE ON training_proposals"
  "  WHEN OLD.decision IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a decided proposal cannot change'); END;"
  "CREATE TRIGGER training_proposals_no_delete BEFORE DELETE ON training_proposals"
  "  BEGIN SELECT RAISE (ABORT, 'a competency proposal cannot be deleted'); END;";

/* More governance: an agency's own editions of the self-assessment questionnaire, kept as
 * installed (an edition name stays bound to its content) for the assessments that answered
 * them. */
static const char migration_governance_more[] =
  "CREATE TABLE assessment_editions ("
  "  edition       TEXT PRIMARY KEY,"
  "  content       TEXT NOT NULL,"
  "  sha256        TEXT NOT NULL,"
  "  installed_by  INTEGER NOT NULL REFERENCES users (id),"
  "  installed_at  TEXT NOT NULL);"
  "CREATE TRIGGER assessment_editions_no_update BEFORE UPDATE ON assessment_editions"
  "  BEGIN SELECT RAISE (ABORT, 'an installed questionnaire edition cannot change'); END;"
  "CREATE TRIGGER assessment_editions_no_delete BEFORE DELETE ON assessment_editions"
  "  BEGIN SELECT RAISE (ABORT, 'an installed questionnaire edition cannot be deleted'); END;";

/* Training observations as casework keeps them: per attempt and characteristic the
 * visibility in each image, the result, the significance and a note, in a table of their own
 * (they never mix with casework's observations or its statistics), and the enhancement stack of
 * each image of the pair saved with the attempt. All of it is frozen with the submission. The
 * results kept so far as JSON in training_attempts.observations move here; that column is no
 * longer written. */
static const char migration_training_observations[] =
  "CREATE TABLE training_observations ("
  "  id              INTEGER PRIMARY KEY,"
  "  attempt_id      INTEGER NOT NULL REFERENCES training_attempts (id),"
  "  characteristic  TEXT NOT NULL,"
  "  visibility_a    TEXT,"
  "  visibility_b    TEXT,"
  "  result          TEXT,"
  "  significance    TEXT,"
  "  note            TEXT NOT NULL DEFAULT '',"
  "  updated_at      TEXT NOT NULL,"
  "  UNIQUE (attempt_id, characteristic));"
  "INSERT INTO training_observations (attempt_id, characteristic, result, updated_at)"
  "  SELECT t.id, j.key, j.value, t.opened_at FROM training_attempts t,"
  "  json_each (t.observations) j WHERE json_valid (t.observations);"
  "CREATE TRIGGER training_observations_insert BEFORE INSERT ON training_observations"
  "  WHEN (SELECT submitted_at FROM training_attempts WHERE id = NEW.attempt_id) IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"
  "CREATE TRIGGER training_observations_update BEFORE UPDATE ON training_observations"
  "  WHEN (SELECT submitted_at FROM training_attempts WHERE id = OLD.attempt_id) IS NOT NULL"
  "    OR NEW.attempt_id IS NOT OLD.attempt_id"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"
  "CREATE TRIGGER training_observations_no_delete BEFORE DELETE ON training_observations"
  "  BEGIN SELECT RAISE (ABORT, 'a training observation cannot be deleted'); END;"
  "ALTER TABLE training_attempts ADD COLUMN enhancements_a TEXT NOT NULL DEFAULT '[]';"
  "ALTER TABLE training_attempts ADD COLUMN enhancements_b TEXT NOT NULL DEFAULT '[]';"
  "CREATE TRIGGER training_attempts_enhancements BEFORE UPDATE OF enhancements_a,"
  "  enhancements_b ON training_attempts WHEN OLD.submitted_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;";

/* The audit trail browsed by user and action together: one index answers both (with the
 * numbers in order), where the index of actions alone left every match's user to be read from
 * the table (0.26 s for 5,000 of a million events). */
static const char migration_audit_browse[] =
  "CREATE INDEX audit_event_user_action ON audit_event (\"user\", action, seq);";

/* Several writers at once. On an SQLite file, other processes learn of changes by reading
 * change_marks (lk_store_watch_changes): a counter per topic that triggers raise on what other
 * workstations show, the twin of the server's NOTIFY triggers. A commit of audit events alone
 * (a consultation) raises none, so that two processes showing each other's changes do not wake
 * each other without end. On a server, lk_audit_append () chains an event in one round trip:
 * it takes the writers' lock, reads the chain head, hashes the event exactly as lk-audit.c does
 * (the canonical form "<byte length>:<bytes>\n" per field after the previous hash) and inserts
 * it, all inside the server. */
#define MARK(table, when, topic) \
  "CREATE TRIGGER " table "_mark_" when " AFTER " when " ON " table \
  " BEGIN UPDATE change_marks SET n = n + 1 WHERE topic = '" topic "'; END;"

static const char migration_live_writers[] =
  "CREATE TABLE change_marks ("
  "  topic TEXT PRIMARY KEY,"
  "  n     INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO change_marks (topic) VALUES ('case'), ('verification'), ('conclusion');"
  MARK ("cases", "insert", "case")
  MARK ("cases", "update", "case")
  MARK ("probes", "insert", "case")
  MARK ("probes", "update", "case")
  MARK ("verifications", "insert", "verification")
  MARK ("verifications", "update", "verification")
  MARK ("verification_signatures", "insert", "verification")
  MARK ("conclusions", "insert", "conclusion");

#undef MARK

/* Each migration with its PostgreSQL twin (see lk-schema.h): a migration appended here needs
 * both texts. */
/* The template of a probe's face kept after the first search with it (lk-probe-templates.h):
 * derived data, made again when missing, deleted with its image by a retention purge. */
static const char migration_probe_templates[] =
  "CREATE TABLE probe_templates ("
  "  image_sha256  TEXT NOT NULL CHECK (length (image_sha256) = 64),"
  "  face          TEXT NOT NULL,"
  "  engine        TEXT NOT NULL,"
  "  identity      TEXT NOT NULL,"
  "  aligned_by    TEXT NOT NULL,"
  "  dimension     INTEGER NOT NULL CHECK (dimension > 0),"
  "  vector        BLOB NOT NULL,"
  "  made_at       TEXT NOT NULL,"
  "  PRIMARY KEY (image_sha256, face, engine, identity));";

/* The frame a probe's faces were recorded in: 'upright' (the EXIF orientation applied on
 * decoding) for every probe imported from now on, NULL for those before, which the core turns
 * upright when it reads them where it can tell (casework/lk-probe-frame-private.h). Recorded at
 * intake, so it joins what cannot change. */
static const char migration_probe_frame[] =
  "ALTER TABLE probes ADD COLUMN faces_frame TEXT CHECK (faces_frame = 'upright');"
  "DROP TRIGGER probes_received_immutable;"
  "CREATE TRIGGER probes_received_immutable BEFORE UPDATE OF case_id, image_sha256, file_name,"
  "  media_type, width, height, source_type, kind, acquired_by, acquired_at, authority,"
  "  custody_note, simulated, metadata, faces, faces_frame, imported_by, imported_at ON probes"
  "  BEGIN SELECT RAISE (ABORT, 'a probe as received cannot change'); END;";

/* A trainee annotates a training item as an examiner annotates an examination: markers (in
 * pairs across the two images), ellipses, rectangles, arrows and text, with a label and a
 * characteristic of the feature list, in a table of training's own (never casework's, never in
 * its statistics), saved with the attempt and frozen by its submission. Removing one is a
 * soft delete (deleted_at), after which the row no longer changes. The attempts' observations
 * column, no longer written since the observations moved to training_observations (which
 * copied its results), is dropped; the trigger that froze it with the others is made again
 * without it, so nothing a submission froze becomes changeable. */
static const char migration_training_annotations[] =
  "CREATE TABLE training_annotations ("
  "  id              INTEGER PRIMARY KEY,"
  "  attempt_id      INTEGER NOT NULL REFERENCES training_attempts (id),"
  "  image           TEXT NOT NULL CHECK (image IN ('a', 'b')),"
  "  kind            TEXT NOT NULL CHECK (kind IN ('marker', 'ellipse', 'rectangle', 'arrow',"
  "                    'text')),"
  "  pair            INTEGER,"
  "  geometry        TEXT NOT NULL,"
  "  label           TEXT NOT NULL DEFAULT '',"
  "  characteristic  TEXT,"
  "  created_at      TEXT NOT NULL,"
  "  updated_at      TEXT,"
  "  deleted_at      TEXT);"
  "CREATE INDEX training_annotations_attempt ON training_annotations (attempt_id);"
  "CREATE TRIGGER training_annotations_insert BEFORE INSERT ON training_annotations"
  "  WHEN (SELECT submitted_at FROM training_attempts WHERE id = NEW.attempt_id) IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"
  "CREATE TRIGGER training_annotations_update BEFORE UPDATE ON training_annotations"
  "  WHEN (SELECT submitted_at FROM training_attempts WHERE id = OLD.attempt_id) IS NOT NULL"
  "    OR NEW.attempt_id IS NOT OLD.attempt_id"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;"
  "CREATE TRIGGER training_annotations_withdrawn BEFORE UPDATE ON training_annotations"
  "  WHEN OLD.deleted_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a removed annotation cannot change'); END;"
  "CREATE TRIGGER training_annotations_no_delete BEFORE DELETE ON training_annotations"
  "  BEGIN SELECT RAISE (ABORT, 'a training annotation cannot be deleted'); END;"
  "DROP TRIGGER training_attempts_submitted;"
  "ALTER TABLE training_attempts DROP COLUMN observations;"
  "CREATE TRIGGER training_attempts_submitted BEFORE UPDATE OF assignment_id, item_id, analysis,"
  "  comparison, level, notes, seconds_spent, opened_at, submitted_at"
  "  ON training_attempts WHEN OLD.submitted_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a submitted attempt cannot change'); END;";

/* SQLite's JSON paths with array items ('$[0].eyes', '$.faces[1]'), json_array_length (X, P)
 * and json_type on the server, whose shims read only '$.key' paths before. SQLite has them all,
 * so the file has nothing to change. */
static const char migration_json_paths[] =
  "-- SQLite's JSON functions read every path form themselves: nothing to change here.\n";

/* An event's time is read once the writers' lock is held, so that the times follow the numbers
 * (lk_pg_audit_server_time: on a server, from the server's one clock). */
static const char migration_audit_server_time[] =
  "-- A file's events are timed inside its write transaction already: nothing to change.\n";


const LkMigration lk_migrations[] = {
  { migration_1, NULL },
  { migration_2, NULL },
  { migration_3, NULL },
  { migration_4, NULL },
  { migration_5, NULL },
  { migration_6, NULL },
  { migration_7, NULL },
  { migration_integrity, NULL },
  { migration_training, NULL },
  { migration_template_store, NULL },
  { migration_governance, lk_pg_schema },
  { migration_training_more, lk_pg_training_more },
  { migration_governance_more, lk_pg_governance_more },
  { migration_training_observations, lk_pg_training_observations },
  { migration_audit_browse, lk_pg_audit_browse },
  { migration_live_writers, lk_pg_audit_append },
  { migration_probe_templates, lk_pg_probe_templates },
  { migration_training_annotations, lk_pg_training_annotations },
  { migration_probe_frame, lk_pg_probe_frame },
  { migration_json_paths, lk_pg_json_paths },
  { migration_audit_server_time, lk_pg_audit_server_time },
};

const guint lk_n_migrations = G_N_ELEMENTS (lk_migrations);
