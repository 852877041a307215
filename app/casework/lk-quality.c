/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "governance/lk-policy.h"
#include "casework/lk-quality.h"
#include "imaging/lk-cv.h"
#include "store/lk-store.h"

typedef enum
{
  LOW_IS_BAD,  /* red below the red threshold */
  HIGH_IS_BAD, /* red above the red threshold */
} Direction;

typedef struct
{
  const char *metric;
  const char *label;
  const char *unit;
  Direction   direction;
  const char *good;
  const char *fair;
  const char *poor;
} Metric;

static const Metric metrics[] = {
  { "face_width", "Face size", "px", LOW_IS_BAD,
    "The face is large enough for detail to be compared.",
    "The face is small: fine detail such as ear or skin features may be lost.",
    "The face is very small: only coarse shape can be compared." },
  { "inter_eye", "Pixels between the eyes", "px", LOW_IS_BAD,
    "Enough resolution across the eyes for component comparison.",
    "Limited resolution across the eyes; small features will not be resolved.",
    "Fewer than 40 pixels between the eyes: below what comparison practice asks for." },
  { "roll", "Roll", "°", HIGH_IS_BAD,
    "The head is close to upright (within the 8° of frontal-portrait tolerance).",
    "The head is tilted; align the images before comparing.",
    "The head is strongly tilted; proportions will be distorted." },
  { "sharpness", "Sharpness", "", LOW_IS_BAD,
    "Edges are crisp (variance of the Laplacian over the face).",
    "Some blur or compression smoothing; fine edges are soft.",
    "Strong blur: edges and small features are not reliable." },
  { "exposure", "Exposure", "", HIGH_IS_BAD,
    "Brightness of the face is well within range.",
    "The face is rather dark or bright; detail may hide in shadows or highlights.",
    "The face is badly under- or over-exposed." },
  { "clipping", "Clipping", "%", HIGH_IS_BAD,
    "Few pixels are pure black or white.",
    "Some pixels are clipped to black or white; detail there is lost.",
    "Many pixels are clipped; large areas carry no information." },
  { "contrast", "Contrast", "", LOW_IS_BAD,
    "Good tonal range over the face.",
    "Low contrast; features may be hard to separate.",
    "Very low contrast; features blend together." },
  { "brisque", "Overall image quality (BRISQUE)", "", HIGH_IS_BAD,
    "Natural-looking image statistics (no-reference quality, lower is better).",
    "Visible distortion such as noise, blur or compression.",
    "Heavy distortion; treat fine detail with great caution." },
};

/* The light of @value against the policy's thresholds for @m into @light. */
static gboolean
light_for (LkStore       *store,
           const Metric  *m,
           double         value,
           const char   **light,
           GError       **error)
{
  g_autofree char *red_key = g_strdup_printf ("quality.%s.red", m->metric);
  g_autofree char *amber_key = g_strdup_printf ("quality.%s.amber", m->metric);
  double red = 0, amber = 0;

  if (!lk_policy_get_double (store, red_key, &red, error) ||
      !lk_policy_get_double (store, amber_key, &amber, error))
    return FALSE;
  if (m->direction == LOW_IS_BAD)
    *light = value < red ? "red" : value < amber ? "amber" : "green";
  else
    *light = value > red ? "red" : value > amber ? "amber" : "green";
  return TRUE;
}

static gboolean
add_item (JsonArray     *items,
          LkStore       *store,
          const Metric  *m,
          gboolean       known,
          double         value,
          double         shown,
          GError       **error)
{
  JsonObject *o;
  const char *light = "unknown";
  const char *explanation;

  if (known && !light_for (store, m, value, &light, error))
    return FALSE;
  o = json_object_new ();
  explanation = !known ? "Not measured: no eyes or model available for this figure."
                            : g_str_equal (light, "green") ? m->good
                            : g_str_equal (light, "amber") ? m->fair : m->poor;

  json_object_set_string_member (o, "metric", m->metric);
  json_object_set_string_member (o, "label", m->label);
  if (known)
    json_object_set_double_member (o, "value", round (shown * 100) / 100);
  else
    json_object_set_null_member (o, "value");
  json_object_set_string_member (o, "unit", m->unit);
  json_object_set_string_member (o, "light", light);
  json_object_set_string_member (o, "explanation", explanation);
  json_array_add_object_element (items, o);
  return TRUE;
}

JsonArray *
lk_quality_readout (LkStore                 *store,
                    const LkQualityFigures  *f,
                    GError                 **error)
{
  g_autoptr(JsonArray) items = json_array_new ();
  double clipped = f->clipped_dark + f->clipped_bright;
  double exposure = fabs (f->mean_brightness - 127.5);

  if (!add_item (items, store, &metrics[0], f->face_width > 0, f->face_width, f->face_width,
                 error) ||
      !add_item (items, store, &metrics[1], f->has_eyes, f->inter_eye_px, f->inter_eye_px,
                 error) ||
      !add_item (items, store, &metrics[2], f->has_eyes, fabs (f->roll_degrees),
                 f->roll_degrees, error) ||
      !add_item (items, store, &metrics[3], TRUE, f->sharpness, f->sharpness, error) ||
      !add_item (items, store, &metrics[4], TRUE, exposure, f->mean_brightness, error) ||
      !add_item (items, store, &metrics[5], TRUE, clipped, clipped * 100, error) ||
      !add_item (items, store, &metrics[6], TRUE, f->contrast, f->contrast, error) ||
      !add_item (items, store, &metrics[7], f->has_brisque, f->brisque, f->brisque, error))
    return NULL;
  return g_steal_pointer (&items);
}
