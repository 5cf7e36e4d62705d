"""Fixed names and numbers shared by the supervisor, the candidate boot and the harness."""

from __future__ import annotations

PROTOCOL_VERSION = 1

HARNESS_UID = 2001
CANDIDATE_UID = 2002

CANDIDATE_DIR = "/work"
HARNESS_DIR = "/run/harness"
ANSWER_PATH = "/work/answer.py"

# The candidate process writes its figure capture to this inherited file descriptor; the
# supervisor reads it through a pipe with a size cap and passes it to the harness unparsed.
CAPTURE_FD = 3

# Where the image keeps a prebuilt matplotlib font cache, copied into each process's own
# writable config directory so no process pays for a font scan.
FONT_CACHE_DIR = "/opt/grader/mplcache"

# Caps on what crosses from the candidate to the harness.
MAX_CAPTURE_BYTES = 48 * 1024 * 1024
MAX_FIGURES = 32
MAX_ARTISTS_PER_AXES = 256
MAX_POINTS_PER_ARTIST = 200_000
MAX_RENDER_PIXELS = 4_000_000
MAX_PIXEL_CHECKS_PER_FIGURE = 32
# Caps over a whole capture, as the harness reads it.
MAX_TOTAL_ARTISTS = 20_000
MAX_TOTAL_POINTS = 4_000_000
RENDER_DPI = 100.0
# Caps on the elements beyond lines and collections: bars, polygons, images, ticks, texts.
MAX_RECTS_PER_AXES = 4096
MAX_POLYGONS_PER_AXES = 256
MAX_VERTICES = 20_000
MAX_IMAGE_SIDE = 128
MAX_IMAGES_PER_AXES = 16
MAX_TICKS = 1000
MAX_TEXTS = 1000

# Points of an artist's data kept in the public figure summary returned to callers.
SUMMARY_POINTS = 200

# Calls into the candidate's functions (questions with `serve_calls`): after the program ran,
# the candidate process reads requests on CALL_REQUEST_FD and answers on CALL_RESPONSE_FD, one
# JSON line each. Its first line says the program has finished; the supervisor reads only that
# line and hands both pipes to the harness.
CALL_REQUEST_FD = 4
CALL_RESPONSE_FD = 5
MAX_CALL_BYTES = 8 * 1024 * 1024
MAX_DONE_LINE_BYTES = 256
DEFAULT_CALL_SECONDS = 5.0

# Files the program writes, read after its run as the candidate's uid: at most this many bytes
# each, whatever the manifest asks for.
MAX_FILE_BYTES = 16 * 1024 * 1024
