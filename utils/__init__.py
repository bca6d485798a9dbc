"""Services: audit chain, accounts and permissions, production, logging, atomic file I/O."""
