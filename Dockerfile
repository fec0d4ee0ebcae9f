# digibot: one image for `digibot run` (web app, Slack endpoint) and the other CLI commands.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY messages ./messages
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PORT=3000
COPY --from=build /install /usr/local
RUN useradd --create-home --uid 10001 digibot
USER digibot
WORKDIR /home/digibot
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)"
# `digibot run` applies the database migrations before it starts serving.
CMD ["digibot", "run"]
