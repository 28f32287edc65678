"""Platform complaints and their evidence."""
