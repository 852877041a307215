/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two images of a training item, read and decoded for its view in a worker thread. */
#pragma once

#include "lk-progress.h"
#include "imaging/lk-image-jobs.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* Images "a" (0) and "b" (1) of an item as pyramids (lk_image_pair_load_async), read as
 * lk_training_item_image reads them; a purged image fails with LK_ERROR_PURGED. */
void         lk_training_images_load_async  (LkSession            *session,
                                             gint64                item_id,
                                             LkProgress           *progress,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
LkImagePair *lk_training_images_load_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
