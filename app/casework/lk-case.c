/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "casework/lk-case-private.h"

/* The properties follow LK_CASE_COLUMNS: property n is column n - 1. */
enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_OFFENCE_CODE,
  PROP_OFFENCE_NAME,
  PROP_SERIOUSNESS,
  PROP_LEGAL_BASIS,
  PROP_PURPOSE,
  PROP_AUTHORISED_BY,
  PROP_REQUESTED_BY,
  PROP_REVIEW_DATE,
  PROP_STATUS,
  PROP_EXAMINER,
  PROP_CREATED_AT,
  PROP_DECISION_NOTE,
  PROP_N_PROBES,
  N_PROPS
};

struct _LkCase
{
  GObject  parent_instance;

  gint64   id;
  int      seriousness;
  int      n_probes;
  char    *text[N_PROPS];  /* the text properties, by property id */
};

G_DEFINE_FINAL_TYPE (LkCase, lk_case, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gboolean
is_number (guint prop_id)
{
  return prop_id == PROP_ID || prop_id == PROP_SERIOUSNESS || prop_id == PROP_N_PROBES;
}

LkCase *
lk_case_new_from_row (LkStmt *stmt)
{
  LkCase *self = g_object_new (LK_TYPE_CASE, NULL);

  self->id = lk_stmt_int64 (stmt, PROP_ID - 1);
  self->seriousness = lk_stmt_int (stmt, PROP_SERIOUSNESS - 1);
  self->n_probes = lk_stmt_int (stmt, PROP_N_PROBES - 1);
  for (guint i = PROP_NUMBER; i < N_PROPS; i++)
    if (!is_number (i))
      self->text[i] = lk_stmt_dup_text (stmt, i - 1);
  return self;
}

static void
lk_case_finalize (GObject *object)
{
  LkCase *self = LK_CASE (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->text[i]);
  G_OBJECT_CLASS (lk_case_parent_class)->finalize (object);
}

static void
lk_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LkCase *self = LK_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SERIOUSNESS:
      g_value_set_int (value, self->seriousness);
      break;

    case PROP_N_PROBES:
      g_value_set_int (value, self->n_probes);
      break;

    default:
      if (prop_id > PROP_0 && prop_id < N_PROPS)
        g_value_set_string (value, self->text[prop_id]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
lk_case_class_init (LkCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_case_finalize;
  object_class->get_property = lk_case_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIOUSNESS] =
    g_param_spec_int ("seriousness", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBES] =
    g_param_spec_int ("n-probes", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] = text_property ("number");
  properties[PROP_TITLE] = text_property ("title");
  properties[PROP_OFFENCE_CODE] = text_property ("offence-code");
  properties[PROP_OFFENCE_NAME] = text_property ("offence-name");
  properties[PROP_LEGAL_BASIS] = text_property ("legal-basis");
  properties[PROP_PURPOSE] = text_property ("purpose");
  properties[PROP_AUTHORISED_BY] = text_property ("authorised-by");
  properties[PROP_REQUESTED_BY] = text_property ("requested-by");
  properties[PROP_REVIEW_DATE] = text_property ("review-date");
  properties[PROP_STATUS] = text_property ("status");
  properties[PROP_EXAMINER] = text_property ("examiner");
  properties[PROP_CREATED_AT] = text_property ("created-at");
  properties[PROP_DECISION_NOTE] = text_property ("decision-note");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_case_init (LkCase *self)
{
}

gint64
lk_case_get_id (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), 0);
  return self->id;
}

int
lk_case_get_seriousness (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), 0);
  return self->seriousness;
}

int
lk_case_get_n_probes (LkCase *self)
{
  g_return_val_if_fail (LK_IS_CASE (self), 0);
  return self->n_probes;
}

#define TEXT_GETTER(name, prop) \
  const char * \
  lk_case_get_##name (LkCase *self) \
  { \
    g_return_val_if_fail (LK_IS_CASE (self), NULL); \
    return self->text[prop]; \
  }

TEXT_GETTER (number, PROP_NUMBER)
TEXT_GETTER (title, PROP_TITLE)
TEXT_GETTER (offence_code, PROP_OFFENCE_CODE)
TEXT_GETTER (offence_name, PROP_OFFENCE_NAME)
TEXT_GETTER (legal_basis, PROP_LEGAL_BASIS)
TEXT_GETTER (purpose, PROP_PURPOSE)
TEXT_GETTER (authorised_by, PROP_AUTHORISED_BY)
TEXT_GETTER (requested_by, PROP_REQUESTED_BY)
TEXT_GETTER (review_date, PROP_REVIEW_DATE)
TEXT_GETTER (status, PROP_STATUS)
TEXT_GETTER (examiner, PROP_EXAMINER)
TEXT_GETTER (created_at, PROP_CREATED_AT)
TEXT_GETTER (decision_note, PROP_DECISION_NOTE)
