/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The frame of a probe's faces. Probes imported before the EXIF orientation was applied on
 * decoding kept their faces (boxes, eyes, landmarks) and their size in the stored frame: the
 * pixels as the file holds them, before the turn the camera recorded. Everything since is
 * upright, and since migration_probe_frame the probe row says so (faces_frame 'upright').
 * What intake recorded is evidence and is never rewritten (a trigger refuses it): an old
 * probe's faces are turned upright when they are read, here, for every reader (the probe
 * record, the place a search or an examination starts from).
 *
 * Which old probes are in the stored frame: with an orientation of 5 to 8 (a quarter turn,
 * width and height swapped), a stored size equal to the image header's (unrotated) size, when
 * the image is not square. With 2 to 4 (a mirror or a half turn) the size does not change and
 * nothing in an old row tells the two frames apart: those faces are read as stored. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The EXIF orientation a probe's metadata JSON text records; 0 when it records none. */
int       lk_probe_frame_orientation    (const char *metadata_text);

/* Whether faces recorded at @width x @height are in the stored frame, for an image whose
 * header gives @header_width x @header_height. @recorded: the probe's faces_frame (NULL for a
 * probe imported before it was recorded). */
gboolean  lk_probe_frame_is_stored      (const char *recorded,
                                         int         orientation,
                                         int         width,
                                         int         height,
                                         int         header_width,
                                         int         header_height);

/* @faces (JSON text as intake stored it, in the stored frame of an image of @stored_width x
 * @stored_height) turned upright for @orientation: new JSON text. */
char     *lk_probe_frame_turn_faces     (const char *faces,
                                         int         orientation,
                                         int         stored_width,
                                         int         stored_height);

/* For a probe row read from @store: @turned is set to the faces upright as new JSON text, with
 * the upright size in @width and @height, when they were stored in the old frame; to NULL (the
 * size unchanged) when they are upright as stored or nothing tells. Reads the image's header
 * for an old probe turned a quarter; a purged image leaves them as stored. FALSE with @error
 * when the store cannot be read. */
gboolean  lk_probe_frame_upright_faces  (LkStore     *store,
                                         const char  *sha256,
                                         const char  *recorded,
                                         const char  *metadata_text,
                                         const char  *faces,
                                         int         *width,
                                         int         *height,
                                         char       **turned,
                                         GError     **error);

G_END_DECLS
