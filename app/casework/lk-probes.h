/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probes: intake with provenance and integrity, face finding, quality, and the locked analysis
 * that must precede any look at candidates (sequential unmasking). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "casework/lk-probe.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

typedef struct
{
  const char *source_type;   /* lk_vocabulary_source_types () */
  const char *kind;          /* lk_vocabulary_probe_kinds () */
  const char *acquired_by;
  const char *acquired_at;   /* ISO 8601 date or date-time */
  const char *authority;     /* legal authority reference */
  const char *custody_note;  /* chain-of-custody note */
  gboolean    simulated;     /* demo material made by Likeness, labelled as such */
} LkProvenance;

/* Imports a probe image into an open case: validates provenance (refused kinds per policy),
 * reads the header and refuses images over the size limits before decoding, decodes, reads the
 * metadata, finds faces and measures quality, then stores everything in one transaction.
 * Examiners only. Returns the probe id and the image's SHA-256. */
gint64      lk_probes_import           (LkSession           *session,
                                        const char          *case_number,
                                        GBytes              *bytes,
                                        const char          *file_name,
                                        const LkProvenance  *provenance,
                                        char               **sha256,
                                        GError             **error);
/* The same from a file, refusing an oversized file before reading it. */
gint64      lk_probes_import_file      (LkSession           *session,
                                        const char          *case_number,
                                        const char          *path,
                                        const LkProvenance  *provenance,
                                        char               **sha256,
                                        GError             **error);
void        lk_probes_import_file_async  (LkSession           *session,
                                          const char          *case_number,
                                          const char          *path,
                                          const LkProvenance  *provenance,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64      lk_probes_import_file_finish (GAsyncResult        *result,
                                          GError             **error);

/* The probe with its faces, quality, metadata and analysis revisions, for the probe page;
 * recorded as a consultation. */
LkProbe    *lk_probes_get_probe        (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
/* The same as JSON, with the probe's examinations (see lk_cases_to_json); recorded as a
 * consultation. */
JsonObject *lk_probes_get              (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
/* How a probe is named to people: "Probe 1 of case DEMO-2026-003", its @number within its
 * case (from 1, in the order of intake) and the case's number (free with g_free). For the roles
 * that read probes; not a consultation (nothing of the probe is shown). */
char       *lk_probes_name             (LkSession           *session,
                                        gint64               probe_id,
                                        guint               *number,
                                        char               **case_number,
                                        GError             **error);
/* The original bytes, verified against their hash; recorded as a consultation. */
GBytes     *lk_probes_read_image       (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
G_END_DECLS
