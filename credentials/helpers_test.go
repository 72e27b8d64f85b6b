package credentials_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// env returns a lookup function over m, so tests neither read nor change the
// process environment and can run in parallel.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// writeFile creates dir/rel (and its directories) with content.
func writeFile(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

// Secrets used across the tests; no error message may ever contain them.
const (
	secretAK    = "AKLTsecretkeyid0123456789"
	secretSK    = "SKsecretaccesskeyXYZ0123456789abcdef"
	secretToken = "STS2tokenVALUE0123456789abcdef"
)
