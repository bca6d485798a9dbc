"""Settings, constants, default catalogs and file locations. No I/O beyond the settings file."""
