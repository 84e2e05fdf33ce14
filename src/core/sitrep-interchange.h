/* sitrep-interchange.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

G_END_DECLS
