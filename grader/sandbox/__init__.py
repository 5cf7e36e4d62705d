"""Sandboxes that run one grading job each: the Docker backend and a fake for unit tests."""
