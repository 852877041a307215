/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two images of an examination, read and decoded for the workspace in a worker thread. */
#pragma once

#include "lk-progress.h"
#include "imaging/lk-image-jobs.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* The probe's image (0) and the candidate's (1) as pyramids, with the candidate's face and
 * eyes found (lk_image_pair_load_async). Read with the gates and consultation events of
 * lk_probes_read_image and lk_candidates_read_image; a purged image fails with
 * LK_ERROR_PURGED, one that cannot be decoded with LK_ERROR_IMAGE. */
void         lk_examination_images_load_async  (LkSession            *session,
                                                gint64                probe_id,
                                                gint64                candidate_id,
                                                LkProgress           *progress,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkImagePair *lk_examination_images_load_finish (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
