"""A Judge0-compatible execution API: plain programs with stdin, run in our sandbox.

`wire` holds Judge0's request and response shapes and constants, `outcome` turns what the
sandbox observed into a Judge0 status, `service` runs submissions and keeps their results.
"""
