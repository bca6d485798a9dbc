"""The admin panel (supervisors and admins): fleet, commands, users, audit."""
