/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probes: intake with provenance and integrity, face finding, quality, and the locked analysis
 * that must precede any look at candidates (sequential unmasking). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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

typedef struct
{
  const char         *suitability; /* suitable, limited, not-suitable */
  const char * const *factors;     /* lk_vocabulary_factors (), NULL-terminated or NULL */
  const char * const *components;  /* feature-list component ids, NULL-terminated or NULL */
  const char         *notes;
} LkAnalysis;

/* Whether @analysis could be locked as it stands (vocabulary, components, and the reasons a
 * limited or unsuitable probe needs), without touching the database: the page asks before it
 * offers to lock. */
gboolean            lk_analysis_check       (const LkAnalysis  *analysis,
                                             GError           **error);

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

/* The probe as JSON (see lk_cases_to_json); recorded as a consultation. */
JsonObject *lk_probes_get              (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
/* The original bytes, verified against their hash; recorded as a consultation. */
GBytes     *lk_probes_read_image       (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
/* The face of interest, while the analysis is not locked yet. */
gboolean    lk_probes_choose_face      (LkSession           *session,
                                        gint64               probe_id,
                                        int                  face_index,
                                        GError             **error);
gboolean    lk_probes_save_draft       (LkSession           *session,
                                        gint64               probe_id,
                                        const LkAnalysis    *analysis,
                                        GError             **error);
/* The draft of the analysis, or NULL when there is none. */
JsonObject *lk_probes_get_draft        (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);
/* Locks the analysis (examiners); "not-suitable" closes the probe. A locked analysis never
 * changes: lk_probes_amend_analysis adds a revision with a reason. */
gboolean    lk_probes_lock_analysis    (LkSession           *session,
                                        gint64               probe_id,
                                        const LkAnalysis    *analysis,
                                        GError             **error);
gboolean    lk_probes_amend_analysis   (LkSession           *session,
                                        gint64               probe_id,
                                        const LkAnalysis    *analysis,
                                        const char          *reason,
                                        GError             **error);
/* The gate of sequential unmasking: every function that hands out a candidate image,
 * thumbnail, rank or score for a probe calls this first. Fails with LK_ERROR_MASKED until the
 * probe's analysis is locked, and for a probe closed as not suitable. */
gboolean    lk_probes_require_unmasked (LkSession           *session,
                                        gint64               probe_id,
                                        GError             **error);

G_END_DECLS
