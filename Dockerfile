# The grading service. It starts sandboxes on the host's Docker engine through the socket
# mounted at /var/run/docker.sock, and keeps its SQLite database and artifacts under /data.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

RUN apt-get update \
 && apt-get install -y --no-install-recommends docker.io debootstrap \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY grader/ grader/
RUN python3 -m pip install --no-cache-dir .
COPY questions/ questions/
COPY runner_images/ runner_images/

ENV GRADER_HOST=0.0.0.0 \
    GRADER_PORT=8000 \
    GRADER_ALLOW_ANONYMOUS=false \
    GRADER_DATABASE_URL=sqlite:////data/grader.db \
    GRADER_ARTIFACT_DIR=/data/artifacts \
    GRADER_BANK_DIR=/app/questions \
    GRADER_RUNNER_IMAGES_DIR=/app/runner_images
VOLUME /data
EXPOSE 8000
CMD ["grader", "serve"]
