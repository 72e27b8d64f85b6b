package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noEnv(string) (string, bool) { return "", false }

// Without credentials the example runs on the emulator for all three
// clouds, end to end.
func TestObjectStorageExampleWithoutCredentials(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, false, noEnv))
	report := out.String()
	for _, head := range []string{
		"JD Cloud OSS, region cn-north-1, on the built-in emulator (cloudtest)\n",
		"Volcengine TOS, region cn-beijing, on the built-in emulator (cloudtest)\n",
		"QingStor, region pek3b, on the built-in emulator (cloudtest)\n",
	} {
		assert.Contains(t, report, head)
	}
	for _, line := range []string{
		"  uploaded example/hello.txt (22 bytes) and example/big.bin (12 MiB in 3 parts)\n",
		"  listed 2 objects under example/: example/big.bin, example/hello.txt\n",
		"  downloaded 12 MiB, MD5 matches\n",
		"  presigned a GET of example/hello.txt, valid for 15m0s\n",
		"  deleted 2 objects and the bucket\n",
	} {
		assert.Equal(t, 3, bytes.Count(out.Bytes(), []byte(line)), line)
	}
}

// -local uses the emulator even when credentials are set.
func TestObjectStorageExampleLocalFlag(t *testing.T) {
	env := func(name string) (string, bool) {
		v, ok := map[string]string{"QINGCLOUD_ACCESS_KEY_ID": "AK", "QINGCLOUD_SECRET_ACCESS_KEY": "SK"}[name]
		return v, ok
	}
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, true, env))
	assert.Contains(t, out.String(), "QingStor, region pek3b, on the built-in emulator (cloudtest)\n")
}
