package redislimit

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// redisAddrEnv names the variable that gives the tests a Redis to use,
// host:port. testdata/start-redis.sh starts one and prints the export line.
const redisAddrEnv = "MULTICLOUD_TEST_REDIS_ADDR"

// skipOrFail skips the test, saying why, or fails it when CI=true: in CI
// Redis is part of the run and its absence is a failure.
func skipOrFail(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s (CI=true, so Redis is required; see testdata/start-redis.sh)", msg)
	}
	tb.Skipf("%s; start one with `eval \"$(ratelimit/redislimit/testdata/start-redis.sh)\"`", msg)
}

// testRedis returns a client of the Redis named by MULTICLOUD_TEST_REDIS_ADDR,
// or skips (fails in CI) if it is unset or does not answer.
func testRedis(tb testing.TB) *redis.Client {
	tb.Helper()
	addr := os.Getenv(redisAddrEnv)
	if addr == "" {
		skipOrFail(tb, "%s is not set", redisAddrEnv)
	}
	// Probe with a client that does not retry, so that a missing Redis is
	// reported in a moment.
	probe := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialerRetries: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	err := probe.Ping(ctx).Err()
	cancel()
	_ = probe.Close()
	if err != nil {
		skipOrFail(tb, "Redis at %s=%s does not answer: %v", redisAddrEnv, addr, err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// randomID returns 16 random hex digits, for access key ids and prefixes
// that no other run uses.
func randomID(tb testing.TB) string {
	tb.Helper()
	var b [8]byte
	_, err := rand.Read(b[:])
	require.NoError(tb, err)
	return hex.EncodeToString(b[:])
}

// redisServer is a redis-server process of the test's own, on a free
// loopback port, that the test may stop, pause and restart.
type redisServer struct {
	t       *testing.T
	bin     string
	port    int
	addr    string
	logPath string

	cmd    *exec.Cmd
	exited chan struct{}
}

// startRedisServer starts a redis-server found in PATH, or skips (fails in
// CI) if there is none. It is stopped when the test ends.
func startRedisServer(t *testing.T) *redisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		skipOrFail(t, "redis-server is not in PATH (apt-get install redis-server)")
	}
	var lastErr error
	for range 5 { // a free port may be taken before redis-server binds it
		s := &redisServer{t: t, bin: bin, port: freePort(t)}
		s.addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
		s.logPath = filepath.Join(t.TempDir(), "redis.log")
		if lastErr = s.start(); lastErr == nil {
			t.Cleanup(s.stop)
			return s
		}
	}
	t.Fatalf("starting redis-server: %v", lastErr)
	return nil
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// start runs redis-server on s.port and waits until it answers PING.
func (s *redisServer) start() error {
	logFile, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.Command(s.bin, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--daemonize", "no")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.cmd, s.exited = cmd, exited

	rdb := redis.NewClient(&redis.Options{Addr: s.addr, MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(s.logPath)
			s.cmd = nil
			return fmt.Errorf("redis-server on port %d exited: %s", s.port, bytes.TrimSpace(log))
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return fmt.Errorf("redis-server on port %d does not answer: %w", s.port, err)
		}
	}
}

// stop kills the server, as a crash would, and waits for it to exit.
func (s *redisServer) stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGCONT) // in case it is paused
	_ = s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// restart starts the server again on the same port, empty.
func (s *redisServer) restart() {
	s.t.Helper()
	s.stop()
	require.NoError(s.t, s.start())
}

// pause stops the server process (SIGSTOP): connections stay open but
// nothing answers, as with an overloaded or partitioned Redis.
func (s *redisServer) pause() {
	s.t.Helper()
	require.NoError(s.t, s.cmd.Process.Signal(syscall.SIGSTOP))
}

// resume continues a paused server.
func (s *redisServer) resume() {
	s.t.Helper()
	require.NoError(s.t, s.cmd.Process.Signal(syscall.SIGCONT))
}

// syncBuffer is a bytes.Buffer safe for concurrent use, for log output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// errFakeRedis is what fakeStore returns in failing mode.
var errFakeRedis = errors.New("fake redis: connection refused")

// newUnusedClient returns a client that is never used to reach a server.
func newUnusedClient(t *testing.T) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}
