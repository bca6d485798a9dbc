"""Who may sign what on a site: the root, each PC and each person (see docs/security.md)."""
