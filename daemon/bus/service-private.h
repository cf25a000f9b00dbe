/* What the parts of the D-Bus service (service.c, service-methods.c)
 * share. Not for the rest of limberd, which uses service.h. */
#pragma once

#include "leases.h"
#include "live-skeleton.h"
#include "service.h"

struct _LimberService
{
  LimberLiveSkeleton *skeleton;
  LimberDaemon *daemon;
  LimberLeases *leases;
};

/* service-methods.c: each of the skeleton's handle-* signals to its
 * handler. */
void limber_service_connect_methods (LimberService *self);
