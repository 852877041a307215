/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Policy reads in tests: the value, asserting that the read itself did not fail. */
#pragma once

#include "lk-core.h"

G_BEGIN_DECLS

char     *lk_test_policy_string   (LkStore    *store,
                                   const char *key);
double    lk_test_policy_double   (LkStore    *store,
                                   const char *key);
gint64    lk_test_policy_int      (LkStore    *store,
                                   const char *key);
gboolean  lk_test_policy_contains (LkStore    *store,
                                   const char *key,
                                   const char *word);
gboolean  lk_test_policy_refuses  (LkStore    *store,
                                   const char *key);
LkEngineKind lk_test_engine_kind  (LkStore    *store);

G_END_DECLS
