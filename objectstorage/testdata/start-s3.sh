#!/usr/bin/env bash
# start-s3.sh starts a throwaway S3-compatible server (Versity S3 Gateway,
# posix backend, which verifies AWS SigV4 signatures) for the object-storage
# tests and prints the lines that point the tests at it:
#
#     eval "$(objectstorage/testdata/start-s3.sh)"
#
# prints
#
#     export MULTICLOUD_TEST_S3_ENDPOINT=http://127.0.0.1:<port>
#     export MULTICLOUD_TEST_S3_ACCESS_KEY=<key>
#     export MULTICLOUD_TEST_S3_SECRET_KEY=<secret>
#     export MULTICLOUD_TEST_S3_REGION=us-east-1
#     export MULTICLOUD_TEST_S3_PIDFILE=<file>
#
# It builds versitygw with `go install` from the Go module proxy when it is
# not in PATH (into $MULTICLOUD_TEST_BIN, default ~/.cache/multicloud-test/bin),
# picks a free port on 127.0.0.1, serves a fresh temporary directory and
# waits until the port accepts connections. Stop it with
#
#     kill "$(cat "$MULTICLOUD_TEST_S3_PIDFILE")"
#
# Everything but the export lines goes to stderr.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0

log() { printf 'start-s3: %s\n' "$*" >&2; }

bin=${MULTICLOUD_TEST_BIN:-${HOME:-/tmp}/.cache/multicloud-test/bin}
gw=$(command -v versitygw || true)
if [ -z "$gw" ] && [ -x "$bin/versitygw" ]; then
	gw=$bin/versitygw
fi
if [ -z "$gw" ]; then
	log "building versitygw $VERSITYGW_VERSION with go install (a few minutes the first time)"
	mkdir -p "$bin"
	GOBIN=$bin GOFLAGS= go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" >&2
	gw=$bin/versitygw
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/multicloud-s3.XXXXXX")
mkdir -p "$dir/data"
access=mcTESTACCESSKEY
secret=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')

port_busy() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

for _ in $(seq 1 20); do
	port=$((20000 + RANDOM % 30000))
	if port_busy "$port"; then
		continue
	fi
	pidfile="$dir/versitygw-$port.pid"
	logfile="$dir/versitygw-$port.log"
	ROOT_ACCESS_KEY_ID=$access ROOT_SECRET_ACCESS_KEY=$secret \
		nohup "$gw" --port "127.0.0.1:$port" --region us-east-1 --quiet posix "$dir/data" \
		>"$logfile" 2>&1 </dev/null &
	echo $! >"$pidfile"
	for _ in $(seq 1 100); do
		if port_busy "$port"; then
			log "versitygw $VERSITYGW_VERSION on 127.0.0.1:$port serving $dir/data (log: $logfile)"
			echo "export MULTICLOUD_TEST_S3_ENDPOINT=http://127.0.0.1:$port"
			echo "export MULTICLOUD_TEST_S3_ACCESS_KEY=$access"
			echo "export MULTICLOUD_TEST_S3_SECRET_KEY=$secret"
			echo "export MULTICLOUD_TEST_S3_REGION=us-east-1"
			echo "export MULTICLOUD_TEST_S3_PIDFILE=$pidfile"
			exit 0
		fi
		if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	log "versitygw did not listen on port $port; trying another:"
	tail -n 5 "$logfile" >&2 || true
	kill "$(cat "$pidfile")" 2>/dev/null || true
done
log "could not start versitygw"
exit 1
