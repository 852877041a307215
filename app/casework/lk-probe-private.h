/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: a probe record is made from one row of the store, and is what the JSON of
 * `case show --json` and lk_probes_get () is written from. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "casework/lk-probe.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* A probe's number within its case, from 1, in the order of intake: computed, and stable since
 * a probe is never deleted (the store refuses it) and ids only grow. */
#define LK_PROBE_NUMBER_IN_CASE \
  "(SELECT count(*) FROM probes q WHERE q.case_id = p.case_id AND q.id <= p.id)"

/* The columns lk_probe_new_from_row reads, in order, and the tables they come from. */
#define LK_PROBE_COLUMNS \
  "p.id, p.image_sha256, p.file_name, p.media_type, p.width, p.height, p.source_type, p.kind," \
  " p.acquired_by, p.acquired_at, p.authority, p.custody_note, p.simulated, p.metadata," \
  " p.faces, p.face_index, p.status, u.name, p.imported_at, c.number," \
  " " LK_PROBE_NUMBER_IN_CASE ", p.faces_frame" \
  " FROM probes p JOIN users u ON u.id = p.imported_by JOIN cases c ON c.id = p.case_id"

/* @revisions: the analysis's locked revisions (LkProbeAnalysis), oldest first. */
LkProbe    *lk_probe_new_from_row (LkStmt     *stmt,
                                   GListModel *revisions);
/* An old probe's faces, turned upright when read (lk-probe-frame-private.h): @faces (JSON
 * text) and the upright size replace what the row gave, before the record is handed out. */
void        lk_probe_set_upright_faces (LkProbe    *self,
                                        const char *faces,
                                        int         width,
                                        int         height);
/* The probe as JSON, with @examinations (taken) in their place among the members. The stored
 * metadata and faces are written as intake recorded them, but for an old probe's faces turned
 * upright when read, which "faces_turned_upright": true says. */
JsonObject *lk_probe_to_json      (LkProbe    *self,
                                   JsonArray  *examinations);

G_END_DECLS
