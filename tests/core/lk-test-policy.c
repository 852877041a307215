/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-policy.h"
#include "engine/lk-gallery.h"
#include "governance/lk-policy.h"

char *
lk_test_policy_string (LkStore    *store,
                       const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = lk_policy_get_string (store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

double
lk_test_policy_double (LkStore    *store,
                       const char *key)
{
  g_autoptr(GError) error = NULL;
  double value = -1;

  g_assert_true (lk_policy_get_double (store, key, &value, &error));
  g_assert_no_error (error);
  return value;
}

gint64
lk_test_policy_int (LkStore    *store,
                    const char *key)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (lk_policy_get_int (store, key, &value, &error));
  g_assert_no_error (error);
  return value;
}

gboolean
lk_test_policy_contains (LkStore    *store,
                         const char *key,
                         const char *word)
{
  g_autoptr(GError) error = NULL;
  gboolean contains = FALSE;

  g_assert_true (lk_policy_list_contains (store, key, word, &contains, &error));
  g_assert_no_error (error);
  return contains;
}

gboolean
lk_test_policy_refuses (LkStore    *store,
                        const char *key)
{
  g_autoptr(GError) error = NULL;
  gboolean refuses = FALSE;

  g_assert_true (lk_policy_refuses (store, key, &refuses, &error));
  g_assert_no_error (error);
  return refuses;
}

LkEngineKind
lk_test_engine_kind (LkStore *store)
{
  g_autoptr(GError) error = NULL;
  LkEngineKind kind = LK_ENGINE_CLASSIC;

  g_assert_true (lk_gallery_engine_kind (store, &kind, &error));
  g_assert_no_error (error);
  return kind;
}
