"""Persistence: submissions in a SQL database, artifacts in an artifact store."""
