/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A consistency warning raised when a conclusion was signed, with the examiner's written
 * acknowledgement of it (see LK_WARNING_... in lk-conclusions.h). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_ACKNOWLEDGEMENT (lk_acknowledgement_get_type ())
G_DECLARE_FINAL_TYPE (LkAcknowledgement, lk_acknowledgement, LK, ACKNOWLEDGEMENT, GObject)

/* The warning's id, what was inconsistent in words, and the examiner's answer. */
const char *lk_acknowledgement_get_warning (LkAcknowledgement *self);
const char *lk_acknowledgement_get_message (LkAcknowledgement *self);
const char *lk_acknowledgement_get_text    (LkAcknowledgement *self);

G_END_DECLS
