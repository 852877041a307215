/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Included first by every *-private.h of the core. The core library (and the tests of its
 * internals) are built with LK_CORE_INTERNAL; the application and likeness-cli are not, so an
 * internal header included from ui/ or cli/ stops the build here. */
#pragma once

#ifndef LK_CORE_INTERNAL
#error "This header is internal to app/; include lk-core.h instead"
#endif
