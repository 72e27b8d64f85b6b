#!/usr/bin/env bash
# start-redis.sh starts a throwaway Redis for the redislimit tests and prints
# the lines that point the tests at it:
#
#     eval "$(ratelimit/redislimit/testdata/start-redis.sh)"
#
# prints
#
#     export MULTICLOUD_TEST_REDIS_ADDR=127.0.0.1:<port>
#     export MULTICLOUD_TEST_REDIS_PIDFILE=<file>
#
# It installs redis-server from Debian's packages if it is not in PATH (as
# root, or through sudo), picks a free port on 127.0.0.1, starts redis-server
# there without persistence, and waits until it answers PING. Stop it with
#
#     kill "$(cat "$MULTICLOUD_TEST_REDIS_PIDFILE")"
#
# Everything but the export lines goes to stderr.
set -euo pipefail

log() { printf 'start-redis: %s\n' "$*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
	log "installing redis-server from Debian's packages"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		sudo="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2
	$sudo apt-get install -y -qq --no-install-recommends redis-server >&2
	# The package may start a system-wide server on 6379 where systemd runs;
	# the tests do not use it.
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/multicloud-redis.XXXXXX")

# port_busy PORT: whether something accepts connections on 127.0.0.1:PORT.
port_busy() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

for _ in $(seq 1 20); do
	port=$((20000 + RANDOM % 30000))
	if port_busy "$port"; then
		continue
	fi
	pidfile="$dir/redis-$port.pid"
	logfile="$dir/redis-$port.log"
	redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
		--daemonize yes --pidfile "$pidfile" --logfile "$logfile" >&2
	for _ in $(seq 1 50); do
		if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then
			log "redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port (log: $logfile)"
			echo "export MULTICLOUD_TEST_REDIS_ADDR=127.0.0.1:$port"
			echo "export MULTICLOUD_TEST_REDIS_PIDFILE=$pidfile"
			exit 0
		fi
		sleep 0.1
	done
	log "redis-server did not answer on port $port; trying another:"
	tail -n 5 "$logfile" >&2 || true
	if [ -s "$pidfile" ]; then
		kill "$(cat "$pidfile")" 2>/dev/null || true
	fi
done
log "could not start redis-server"
exit 1
