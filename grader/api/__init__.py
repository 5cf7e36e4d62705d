"""The HTTP API: app assembly, dependencies, models, problem responses and routes."""
