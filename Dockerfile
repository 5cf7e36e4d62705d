# The grading service: `grader serve` (API) or `grader worker` (grades with the Docker engine
# whose socket is mounted at /var/run/docker.sock; only the Docker SDK is inside, no engine).
#
# Builds offline: the base is local (the Debian base scripts/install makes with debootstrap
# when no registry is reachable; pass --build-arg BASE_IMAGE=python:3.11-slim where one is),
# and the Python packages are wheels scripts/service-image downloaded on the host, installed
# with --no-index and checked against deploy/requirements.lock's hashes.
#
#   scripts/service-image            # wheels, then docker build -t grader .
ARG BASE_IMAGE=grader-base-debian:bookworm
FROM ${BASE_IMAGE}

COPY deploy/requirements.lock /tmp/requirements.lock
COPY build/service-wheels/ /tmp/wheels/
RUN python3 -m venv /opt/grader \
 && /opt/grader/bin/pip install --no-cache-dir --no-index --find-links /tmp/wheels \
      --require-hashes -r /tmp/requirements.lock \
 && /opt/grader/bin/pip install --no-cache-dir --no-index --no-deps /tmp/wheels/grader/*.whl \
 && rm -rf /tmp/wheels /tmp/requirements.lock

WORKDIR /app
COPY questions/ questions/
COPY runner_images/ runner_images/

# A user of its own; a worker joins the socket's group (compose: group_add DOCKER_GID).
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /app grader \
 && mkdir /data && chown 10001:10001 /data
USER 10001

ENV PATH=/opt/grader/bin:$PATH \
    GRADER_HOST=0.0.0.0 \
    GRADER_PORT=8000 \
    GRADER_ALLOW_ANONYMOUS=false \
    GRADER_DATABASE_URL=sqlite:////data/grader.db \
    GRADER_ARTIFACT_DIR=/data/artifacts \
    GRADER_BANK_DIR=/app/questions \
    GRADER_RUNNER_IMAGES_DIR=/app/runner_images
VOLUME /data
EXPOSE 8000
CMD ["grader", "serve"]
