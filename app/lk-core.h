/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The public face of the GTK-free core: what the UI and the CLI include. */
#pragma once

#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"
#include "store/lk-store.h"
#include "store/lk-audit.h"
#include "store/lk-image-store.h"
#include "model/lk-roles.h"
#include "model/lk-session.h"
#include "model/lk-users.h"
#include "model/lk-demo.h"
#include "model/lk-audit-log.h"
#include "model/lk-candidates.h"
#include "model/lk-cases.h"
#include "model/lk-data.h"
#include "model/lk-gallery.h"
#include "model/lk-policy.h"
#include "model/lk-probes.h"
#include "model/lk-quality.h"
#include "engine/lk-candidate-list.h"
#include "imaging/lk-cv.h"
