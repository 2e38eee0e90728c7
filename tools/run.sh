#!/usr/bin/env bash
# make run (after make dist): the collector serving the widget on localhost:PORT, and the demo portal
# on 127.0.0.1:PORT+1 — two sites, as a real portal and the widget's host are. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
DEMO_PORT=${DEMO_PORT:-$((PORT + 1))}
DB=${DB:-var/collector.sqlite}
mkdir -p "$(dirname "$DB")" var
if [ -z "${CONFIG:-}" ]; then
  # Only the demo portal may frame the widget (frame-ancestors, CORS).
  CONFIG=var/run.toml
  printf 'allowed_origins = ["http://127.0.0.1:%s"]\n' "$DEMO_PORT" > "$CONFIG"
fi
target/release/collector --db "$DB" --listen "127.0.0.1:$PORT" --static dist --config "$CONFIG" &
COLLECTOR=$!
trap 'kill $COLLECTOR 2>/dev/null; wait $COLLECTOR 2>/dev/null' EXIT
# Wait until this collector answers (and not something else already on the port).
for _ in $(seq 100); do
  kill -0 "$COLLECTOR" 2>/dev/null || { echo "run: the collector did not start (is port $PORT in use?)" >&2; exit 1; }
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "Widget (standalone): http://localhost:$PORT/v1/?province=quang-tri"
echo "Results:             http://localhost:$PORT/v1/?province=quang-tri&mode=results"
node tests/portal/server.mjs --port "$DEMO_PORT" --widget "http://localhost:$PORT"
