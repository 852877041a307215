/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: where a probe stands, and what case show and case moves read of probes. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-probes.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* Where a probe stands (its case, image, status and faces). */
typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *case_number;
  char   *case_status;
  char   *sha256;
  char   *status;
  char   *faces;       /* JSON array, as found at intake */
  int     n_faces;
  int     face_index;  /* -1: none chosen */
} LkProbePlace;

void        lk_probe_place_clear       (LkProbePlace        *place);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkProbePlace, lk_probe_place_clear)
gboolean    lk_probes_read_place       (LkStore             *store,
                                        gint64               probe_id,
                                        LkProbePlace        *place,
                                        GError             **error);

/* The case's probes as LkProbeSummary, in import order; no role check and no audit: the
 * caller (lk_cases_get_details) has done both for the case. */
GListModel *lk_probes_list_for_case    (LkStore             *store,
                                        gint64               case_id,
                                        GError             **error);
JsonArray  *lk_probes_json_for_case    (LkStore             *store,
                                        gint64               case_id,
                                        GError             **error);
G_END_DECLS
