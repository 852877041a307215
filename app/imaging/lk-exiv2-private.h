/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/imaging: gexiv2 with no C++ exception let through. gexiv2 turns Exiv2's own
 * errors into GErrors, but Exiv2 0.27 also throws standard exceptions on hostile files (an
 * overflow while adding up the chunk sizes of a WebP file, for one), which would end the
 * process. Every call lk-metadata.c makes into gexiv2 goes through these (lk-exiv2.cpp). */
#pragma once

#include <gexiv2/gexiv2.h>

G_BEGIN_DECLS

/* Reads the metadata of the file @data into @meta. */
gboolean  lk_exiv2_open       (GExiv2Metadata  *meta,
                               const guint8    *data,
                               gsize            size,
                               GError         **error);
/* The interpreted value of @tag, or NULL when it is absent or cannot be read. */
char     *lk_exiv2_tag_text   (GExiv2Metadata  *meta,
                               const char      *tag);
/* The integer value of @tag into @value; FALSE when it is absent or not an integer. */
gboolean  lk_exiv2_tag_long   (GExiv2Metadata  *meta,
                               const char      *tag,
                               glong           *value);
/* The GPS position; FALSE without one. @has_altitude says whether @altitude was read. */
gboolean  lk_exiv2_gps        (GExiv2Metadata  *meta,
                               double          *latitude,
                               double          *longitude,
                               double          *altitude,
                               gboolean        *has_altitude);
/* The names of the tags of one family ('E' EXIF, 'I' IPTC, 'X' XMP); NULL when none or
 * unreadable. */
GStrv     lk_exiv2_tag_names  (GExiv2Metadata  *meta,
                               char             family);

G_END_DECLS
