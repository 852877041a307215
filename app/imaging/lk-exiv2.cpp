// SPDX-License-Identifier: GPL-3.0-or-later
// gexiv2 calls with every exception caught here, where C++ can catch it: an exception that
// reached the C code above would end the process (see lk-exiv2-private.h).
#include "config.h"

#include <exception>

#include "lk-error.h"
#include "imaging/lk-exiv2-private.h"

// Runs @body; an exception becomes @error (when given) and the value-initialised result.
template <typename Body>
static auto
guarded (GError **error,
         Body   &&body) -> decltype (body ())
{
  try
    {
      return body ();
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The metadata reader failed: %s",
                   e.what ());
    }
  catch (...)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The metadata reader failed");
    }
  return decltype (body ()) ();
}

extern "C" gboolean
lk_exiv2_open (GExiv2Metadata  *meta,
               const guint8    *data,
               gsize            size,
               GError         **error)
{
  if (size > (gsize) G_MAXLONG)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The file is too large for the metadata reader");
      return FALSE;
    }
  return guarded (error, [&] {
    return gexiv2_metadata_open_buf (meta, data, (glong) size, error);
  });
}

extern "C" char *
lk_exiv2_tag_text (GExiv2Metadata *meta,
                   const char     *tag)
{
  return guarded (nullptr, [&] () -> char * {
    g_autoptr(GError) error = nullptr;

    if (!gexiv2_metadata_try_has_tag (meta, tag, nullptr))
      return nullptr;
    return gexiv2_metadata_try_get_tag_interpreted_string (meta, tag, &error);
  });
}

extern "C" gboolean
lk_exiv2_tag_long (GExiv2Metadata *meta,
                   const char     *tag,
                   glong          *value)
{
  return guarded (nullptr, [&] () -> gboolean {
    g_autoptr(GError) error = nullptr;

    if (!gexiv2_metadata_try_has_tag (meta, tag, nullptr))
      return FALSE;
    *value = gexiv2_metadata_try_get_tag_long (meta, tag, &error);
    return error == nullptr;
  });
}

extern "C" gboolean
lk_exiv2_gps (GExiv2Metadata *meta,
              double         *latitude,
              double         *longitude,
              double         *altitude,
              gboolean       *has_altitude)
{
  return guarded (nullptr, [&] () -> gboolean {
    if (!gexiv2_metadata_try_get_gps_latitude (meta, latitude, nullptr) ||
        !gexiv2_metadata_try_get_gps_longitude (meta, longitude, nullptr))
      return FALSE;
    *has_altitude = gexiv2_metadata_try_get_gps_altitude (meta, altitude, nullptr);
    return TRUE;
  });
}

extern "C" GStrv
lk_exiv2_tag_names (GExiv2Metadata *meta,
                    char            family)
{
  return guarded (nullptr, [&] () -> GStrv {
    switch (family)
      {
      case 'E':
        return gexiv2_metadata_get_exif_tags (meta);
      case 'I':
        return gexiv2_metadata_get_iptc_tags (meta);
      default:
        return gexiv2_metadata_get_xmp_tags (meta);
      }
  });
}
