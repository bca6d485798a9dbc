"""Site sync over the shared folder: site key, signed files, status, commands, journals."""
