// SPDX-License-Identifier: GPL-3.0-or-later
// Enhancement: a closed list of tone, contrast, sharpness and noise operations. The stack is
// parsed into Steps once (validation and application share the parser), then applied to an RGB
// working copy: RGBA -> RGB once at the start, RGB -> RGBA once at the end, alpha copied through.
#include "config.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "lk-cv-private.hpp"

namespace {

enum class ParamKind { number, integer, choice };

struct ParamSpec
{
  const char         *name;
  ParamKind           kind;
  double              min;
  double              max;
  double              fallback;  // the catalogue's default (a choice: its index)
  const char *const  *choices;   // NULL-terminated, for ParamKind::choice
};

enum class Op
{
  brightness, contrast, gamma, levels, equalize, clahe, unsharp, denoise, greyscale, invert,
  channel,
};

const int max_params = 3;

struct OpSpec
{
  const char *name;
  Op          op;
  int         n_params;
  ParamSpec   params[max_params];
};

const char *const denoise_methods[] = { "bilateral", "median", nullptr };
const char *const channel_names[] = { "red", "green", "blue", nullptr };

const OpSpec op_specs[] = {
  { "brightness", Op::brightness, 1, { { "amount", ParamKind::number, -100, 100, 0, nullptr } } },
  { "contrast", Op::contrast, 1, { { "amount", ParamKind::number, -100, 100, 0, nullptr } } },
  { "gamma", Op::gamma, 1, { { "gamma", ParamKind::number, 0.1, 5, 1, nullptr } } },
  { "levels", Op::levels, 3, { { "black", ParamKind::integer, 0, 254, 0, nullptr },
                               { "white", ParamKind::integer, 1, 255, 255, nullptr },
                               { "gamma", ParamKind::number, 0.1, 5, 1, nullptr } } },
  { "equalize", Op::equalize, 0, {} },
  { "clahe", Op::clahe, 2, { { "clip", ParamKind::number, 0.5, 10, 2, nullptr },
                             { "tiles", ParamKind::integer, 2, 16, 8, nullptr } } },
  { "unsharp", Op::unsharp, 3, { { "radius", ParamKind::number, 0.5, 10, 2, nullptr },
                                 { "amount", ParamKind::number, 0, 5, 1, nullptr },
                                 { "threshold", ParamKind::number, 0, 255, 0, nullptr } } },
  { "denoise", Op::denoise, 2, { { "method", ParamKind::choice, 0, 0, 0, denoise_methods },
                                 { "strength", ParamKind::integer, 1, 10, 3, nullptr } } },
  { "greyscale", Op::greyscale, 0, {} },
  { "invert", Op::invert, 0, {} },
  { "channel", Op::channel, 1, { { "channel", ParamKind::choice, 0, 0, 0, channel_names } } },
};

struct Step
{
  const OpSpec *spec;
  double        v[max_params]; // numbers, or the index of a choice
};

} // namespace

static const OpSpec *
find_op (const char *name)
{
  for (const OpSpec &spec : op_specs)
    if (g_strcmp0 (spec.name, name) == 0)
      return &spec;
  return nullptr;
}

static std::string
op_names (void)
{
  std::string names;

  for (const OpSpec &spec : op_specs)
    names += std::string (names.empty () ? "" : ", ") + spec.name;
  return names;
}

static const ParamSpec *
find_param (const OpSpec *spec,
            const char   *name)
{
  for (int i = 0; i < spec->n_params; i++)
    if (g_str_equal (spec->params[i].name, name))
      return &spec->params[i];
  return nullptr;
}

static void G_GNUC_PRINTF (4, 5)
step_error (GError     **error,
            guint        index,
            const char  *op,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (op != nullptr)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u (%s): %s",
                 index + 1, op, message);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u: %s", index + 1,
                 message);
}

static std::string
range_text (const ParamSpec *p)
{
  if (p->kind == ParamKind::choice)
    {
      std::string s;
      for (int i = 0; p->choices[i] != nullptr; i++)
        s += std::string (i == 0 ? "" : p->choices[i + 1] == nullptr ? " or " : ", ") + "“" +
             p->choices[i] + "”";
      return s;
    }
  char text[128];
  g_snprintf (text, sizeof text, "%s from %g to %g",
              p->kind == ParamKind::integer ? "a whole number" : "a number", p->min, p->max);
  return text;
}

static int
choice_index (const ParamSpec *p,
              JsonNode        *node)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return -1;
  for (int i = 0; p->choices[i] != nullptr; i++)
    if (g_str_equal (p->choices[i], json_node_get_string (node)))
      return i;
  return -1;
}

static gboolean
number_value (const ParamSpec *p,
              JsonNode        *node,
              double          *value)
{
  GType type = json_node_get_value_type (node);

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  if (!std::isfinite (*value) || *value < p->min || *value > p->max)
    return FALSE;
  return p->kind != ParamKind::integer || *value == std::floor (*value);
}

// A number as the user would write it (0.05, not 0.050000000000000003); anything else as JSON.
static std::string
node_text (JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = json_node_get_double (node);
      for (int digits = 6; digits <= 17; digits++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", digits);
          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (g_ascii_strtod (buffer, nullptr) == value)
            break;
        }
      return buffer;
    }
  g_autofree char *text = json_to_string (node, FALSE);
  return text;
}

static gboolean
read_param (const ParamSpec *p,
            JsonObject      *o,
            guint            index,
            const char      *op,
            double          *value,
            GError         **error)
{
  JsonNode *node = json_object_get_member (o, p->name);

  if (node == nullptr)
    {
      step_error (error, index, op, "the parameter “%s” is missing (%s)", p->name,
                  range_text (p).c_str ());
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (p->kind == ParamKind::choice)
        {
          int i = choice_index (p, node);
          *value = i;
          if (i >= 0)
            return TRUE;
        }
      else if (number_value (p, node, value))
        return TRUE;
    }
  std::string text = node_text (node);
  step_error (error, index, op, "“%s” must be %s, not %s", p->name, range_text (p).c_str (),
              text.c_str ());
  return FALSE;
}

static gboolean
check_members (const OpSpec  *spec,
               JsonObject    *o,
               guint          index,
               GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l != nullptr; l = l->next)
    {
      const char *name = (const char *) l->data;
      if (g_str_equal (name, "op") || find_param (spec, name) != nullptr)
        continue;
      if (spec->n_params == 0)
        step_error (error, index, spec->name, "“%s” is not a parameter; %s takes none", name,
                    spec->name);
      else
        step_error (error, index, spec->name, "“%s” is not one of its parameters", name);
      return FALSE;
    }
  return TRUE;
}

static const OpSpec *
read_op (JsonNode  *node,
         guint      index,
         GError   **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : nullptr;
  JsonNode *op = o != nullptr ? json_object_get_member (o, "op") : nullptr;

  if (op == nullptr || !JSON_NODE_HOLDS_VALUE (op) ||
      json_node_get_value_type (op) != G_TYPE_STRING)
    {
      step_error (error, index, nullptr, "a step is an object with an operation name in “op”");
      return nullptr;
    }
  const OpSpec *spec = find_op (json_node_get_string (op));
  if (spec == nullptr)
    step_error (error, index, nullptr,
                "“%s” is not an enhancement Likeness offers (%s); painting, cloning and "
                "generative operations are excluded by design", json_node_get_string (op),
                op_names ().c_str ());
  return spec;
}

static gboolean
read_step (JsonNode  *node,
           guint      index,
           Step      *step,
           GError   **error)
{
  const OpSpec *spec = read_op (node, index, error);
  if (spec == nullptr)
    return FALSE;

  JsonObject *o = json_node_get_object (node);
  step->spec = spec;
  for (int i = 0; i < spec->n_params; i++)
    if (!read_param (&spec->params[i], o, index, spec->name, &step->v[i], error))
      return FALSE;
  if (!check_members (spec, o, index, error))
    return FALSE;
  if (spec->op == Op::levels && step->v[0] >= step->v[1])
    {
      step_error (error, index, spec->name, "“black” (%g) must be below “white” (%g)",
                  step->v[0], step->v[1]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_stack (JsonArray          *stack,
             std::vector<Step>  *steps,
             GError            **error)
{
  guint n = json_array_get_length (stack);

  if (n > LK_ENHANCEMENT_MAX_STEPS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An enhancement stack has at most %d steps, not %u", LK_ENHANCEMENT_MAX_STEPS,
                   n);
      return FALSE;
    }
  steps->resize (n);
  for (guint i = 0; i < n; i++)
    if (!read_step (json_array_get_element (stack, i), i, &(*steps)[i], error))
      return FALSE;
  return TRUE;
}

extern "C" gboolean
lk_cv_enhancement_validate (JsonArray  *stack,
                            GError    **error)
{
  g_return_val_if_fail (stack != nullptr, FALSE);

  return guard (error, LK_ERROR_INVALID_INPUT, "The enhancement stack could not be read",
                [&] () -> gboolean {
    std::vector<Step> steps;
    return parse_stack (stack, &steps, error);
  });
}

static JsonNode *
default_node (const ParamSpec *p)
{
  JsonNode *node = json_node_alloc ();

  if (p->kind == ParamKind::choice)
    return json_node_init_string (node, p->choices[(int) p->fallback]);
  if (p->kind == ParamKind::integer)
    return json_node_init_int (node, (gint64) p->fallback);
  return json_node_init_double (node, p->fallback);
}

static JsonObject *
default_step (const OpSpec *spec)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "op", spec->name);
  for (int i = 0; i < spec->n_params; i++)
    json_object_set_member (o, spec->params[i].name, default_node (&spec->params[i]));
  return o;
}

extern "C" JsonObject *
lk_cv_enhancement_default_step (const char *op)
{
  const OpSpec *spec = find_op (op);

  return spec != nullptr ? default_step (spec) : nullptr;
}

static JsonObject *
param_json (const ParamSpec *p)
{
  JsonObject *o = json_object_new ();
  static const char *const kinds[] = { "number", "integer", "choice" };

  json_object_set_string_member (o, "name", p->name);
  json_object_set_string_member (o, "kind", kinds[(int) p->kind]);
  if (p->kind == ParamKind::choice)
    {
      JsonArray *choices = json_array_new ();
      for (int i = 0; p->choices[i] != nullptr; i++)
        json_array_add_string_element (choices, p->choices[i]);
      json_object_set_array_member (o, "choices", choices);
    }
  else
    {
      json_object_set_double_member (o, "min", p->min);
      json_object_set_double_member (o, "max", p->max);
    }
  json_object_set_member (o, "default", default_node (p));
  return o;
}

extern "C" JsonArray *
lk_cv_enhancement_catalogue (void)
{
  JsonArray *ops = json_array_new ();

  for (const OpSpec &spec : op_specs)
    {
      JsonObject *o = json_object_new ();
      JsonArray *params = json_array_new ();
      for (int i = 0; i < spec.n_params; i++)
        json_array_add_object_element (params, param_json (&spec.params[i]));
      json_object_set_string_member (o, "op", spec.name);
      json_object_set_array_member (o, "params", params);
      json_array_add_object_element (ops, o);
    }
  return ops;
}

// ---- the operations, each on 8-bit RGB in place --------------------------------------------

static guint8
saturate (double v)
{
  return (guint8) std::lround (std::min (255.0, std::max (0.0, v)));
}

// One table for all three channels; built in double, so every build computes the same bytes.
template <typename Curve>
static void
apply_curve (cv::Mat &rgb,
             Curve    curve)
{
  cv::Mat lut (1, 256, CV_8U);

  for (int v = 0; v < 256; v++)
    lut.at<guint8> (v) = saturate (curve ((double) v));
  cv::LUT (rgb, lut, rgb);
}

// -100 flattens to mid-grey, 0 keeps, +100 is a threshold at mid-grey (as in GIMP).
static double
contrast_factor (double amount)
{
  if (amount < 0)
    return 1 + amount / 100;
  return amount >= 100 ? 255.0 : 100 / (100 - amount);
}

static void
apply_levels (cv::Mat    &rgb,
              const Step &s)
{
  double black = s.v[0], white = s.v[1], gamma = s.v[2];

  apply_curve (rgb, [&] (double v) {
    double x = std::min (1.0, std::max (0.0, (v - black) / (white - black)));
    return 255 * std::pow (x, 1 / gamma);
  });
}

// Runs @f on the luminance (Y of YCrCb), leaving the chroma as it was.
template <typename Filter>
static void
on_luminance (cv::Mat &rgb,
              Filter   f)
{
  cv::Mat ycc, y, filtered;

  cv::cvtColor (rgb, ycc, cv::COLOR_RGB2YCrCb);
  cv::extractChannel (ycc, y, 0);
  f (y, filtered);
  cv::insertChannel (filtered, ycc, 0);
  cv::cvtColor (ycc, rgb, cv::COLOR_YCrCb2RGB);
}

static void
apply_clahe (cv::Mat    &rgb,
             const Step &s)
{
  cv::Ptr<cv::CLAHE> clahe = cv::createCLAHE (s.v[0], cv::Size ((int) s.v[1], (int) s.v[1]));

  on_luminance (rgb, [&] (const cv::Mat &y, cv::Mat &out) { clahe->apply (y, out); });
}

// out = in + amount (in - blurred), only where |in - blurred| exceeds the threshold.
static void
apply_unsharp (cv::Mat    &rgb,
               const Step &s)
{
  double radius = s.v[0], amount = s.v[1], threshold = s.v[2];
  cv::Mat blurred;

  cv::GaussianBlur (rgb, blurred, cv::Size (), radius, radius);
  if (threshold <= 0)
    {
      cv::addWeighted (rgb, 1 + amount, blurred, -amount, 0, rgb);
      return;
    }
  cv::Mat sharp, difference;
  cv::addWeighted (rgb, 1 + amount, blurred, -amount, 0, sharp);
  cv::absdiff (rgb, blurred, difference);
  sharp.copyTo (rgb, difference > threshold);
}

static void
apply_denoise (cv::Mat    &rgb,
               const Step &s)
{
  int strength = (int) s.v[1];
  cv::Mat out;

  if (s.v[0] == 0)
    cv::bilateralFilter (rgb, out, 2 * strength + 1, 12.0 * strength, strength);
  else
    cv::medianBlur (rgb, out, 2 * strength + 1);
  rgb = out;
}

static void
grey_to_rgb (const cv::Mat &grey,
             cv::Mat       &rgb)
{
  cv::cvtColor (grey, rgb, cv::COLOR_GRAY2RGB);
}

static void
apply_step (cv::Mat    &rgb,
            const Step &s)
{
  cv::Mat grey;

  switch (s.spec->op)
    {
    case Op::brightness:
      apply_curve (rgb, [&] (double v) { return v + 2.55 * s.v[0]; });
      break;
    case Op::contrast:
      apply_curve (rgb, [&] (double v) { return (v - 127.5) * contrast_factor (s.v[0]) + 127.5; });
      break;
    case Op::gamma:
      apply_curve (rgb, [&] (double v) { return 255 * std::pow (v / 255, 1 / s.v[0]); });
      break;
    case Op::levels:
      apply_levels (rgb, s);
      break;
    case Op::equalize:
      on_luminance (rgb, [] (const cv::Mat &y, cv::Mat &out) { cv::equalizeHist (y, out); });
      break;
    case Op::clahe:
      apply_clahe (rgb, s);
      break;
    case Op::unsharp:
      apply_unsharp (rgb, s);
      break;
    case Op::denoise:
      apply_denoise (rgb, s);
      break;
    case Op::greyscale:
      cv::cvtColor (rgb, grey, cv::COLOR_RGB2GRAY);
      grey_to_rgb (grey, rgb);
      break;
    case Op::invert:
      cv::bitwise_not (rgb, rgb);
      break;
    case Op::channel:
      cv::extractChannel (rgb, grey, (int) s.v[0]);
      grey_to_rgb (grey, rgb);
      break;
    }
}

static LkPixels *
enhance (const LkPixels          *in,
         const std::vector<Step> &steps)
{
  cv::Mat src = wrap (in);
  std::unique_ptr<LkPixels, decltype (&lk_pixels_free)> out (lk_pixels_new (in->width,
                                                                            in->height),
                                                             lk_pixels_free);
  cv::Mat dst = wrap (out.get ());

  if (steps.empty ())
    {
      src.copyTo (dst);
      return out.release ();
    }
  cv::Mat rgb;
  cv::cvtColor (src, rgb, cv::COLOR_RGBA2RGB);
  for (const Step &s : steps)
    apply_step (rgb, s);
  cv::cvtColor (rgb, dst, cv::COLOR_RGB2RGBA);
  const int alpha[] = { 3, 3 };
  cv::mixChannels (&src, 1, &dst, 1, alpha, 1);
  g_assert (dst.data == out->pixels); // written in place, never reallocated
  return out.release ();
}

extern "C" LkPixels *
lk_cv_enhance (const LkPixels  *in,
               JsonArray       *stack,
               GError         **error)
{
  g_return_val_if_fail (valid_pixels (in), nullptr);
  g_return_val_if_fail (stack != nullptr, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  return guard (error, LK_ERROR_IMAGE, "The enhancement could not be applied",
                [&] () -> LkPixels * {
    std::vector<Step> steps;
    return parse_stack (stack, &steps, error) ? enhance (in, steps) : nullptr;
  });
}
