"""Shield's models, split by concern (see the modules of this package)."""

from reviews.models.orders import *  # noqa: F403 - the split into modules by concern follows
