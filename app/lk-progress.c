/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-progress.h"

struct _LkProgress
{
  GObject       parent_instance;
  GMainContext *context;

  /* Read and written on the owner's context only. */
  guint         done;
  guint         total;
  char         *text;

  /* Written by workers; the newest report waits here for the one pending idle. */
  GMutex        mutex;
  guint         pending_done;
  guint         pending_total;
  char         *pending_text;
  gboolean      scheduled;
};

enum { PROP_0, PROP_DONE, PROP_TOTAL, PROP_FRACTION, PROP_TEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkProgress, lk_progress, G_TYPE_OBJECT)

static void
lk_progress_finalize (GObject *object)
{
  LkProgress *self = LK_PROGRESS (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->pending_text, g_free);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (lk_progress_parent_class)->finalize (object);
}

static void
lk_progress_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkProgress *self = LK_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, lk_progress_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_progress_class_init (LkProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_progress_finalize;
  object_class->get_property = lk_progress_get_property;

  properties[PROP_DONE] = g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_progress_init (LkProgress *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

LkProgress *
lk_progress_new (void)
{
  return g_object_new (LK_TYPE_PROGRESS, NULL);
}

static gboolean
deliver (gpointer user_data)
{
  LkProgress *self = user_data;
  g_autofree char *text = NULL;
  guint done, total;

  g_mutex_lock (&self->mutex);
  done = self->pending_done;
  total = self->pending_total;
  text = g_steal_pointer (&self->pending_text);
  self->scheduled = FALSE;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->done != done || self->total != total)
    {
      self->done = done;
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

void
lk_progress_report (LkProgress *self,
                    guint       done,
                    guint       total,
                    const char *text)
{
  gboolean schedule;

  g_return_if_fail (LK_IS_PROGRESS (self));

  g_mutex_lock (&self->mutex);
  self->pending_done = done;
  self->pending_total = total;
  g_free (self->pending_text);
  self->pending_text = g_strdup (text);
  schedule = !self->scheduled;
  self->scheduled = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[likeness] progress");
      g_source_attach (source, self->context);
    }
}

guint
lk_progress_get_done (LkProgress *self)
{
  g_return_val_if_fail (LK_IS_PROGRESS (self), 0);
  return self->done;
}

guint
lk_progress_get_total (LkProgress *self)
{
  g_return_val_if_fail (LK_IS_PROGRESS (self), 0);
  return self->total;
}

double
lk_progress_get_fraction (LkProgress *self)
{
  g_return_val_if_fail (LK_IS_PROGRESS (self), 0);
  return self->total > 0 ? MIN (1.0, (double) self->done / self->total) : 0;
}

const char *
lk_progress_get_text (LkProgress *self)
{
  g_return_val_if_fail (LK_IS_PROGRESS (self), NULL);
  return self->text;
}
