"""The question bank: manifests, loading, versions and the public view of a question."""
