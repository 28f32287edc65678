"""Read-only queries (selectors): what pages, exports and jobs read, never a write."""
