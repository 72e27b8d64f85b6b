package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func TestRunAndTerminateOnTheEmulator(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, target.Env{Local: true, LookupEnv: func(string) (string, bool) { return "", false }}))
	assert.Regexp(t, `^No QingCloud credentials in use: running against the built-in local emulator \(cloudtest\)\.
RunInstances: job j-\w+ successful after [\d.]+m?s
i-\w+ \(example\) is running
zone \w+: \d+ volumes, \d+ EIPs
TerminateInstances: job j-\w+ successful after [\d.]+m?s
i-\w+ is terminated
$`, out.String())
}
