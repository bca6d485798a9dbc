"""Storage: SQLAlchemy Core schema, migrations, repositories, exports and legacy import."""
