/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-error.h"

G_DEFINE_QUARK (lk-error-quark, lk_error)
