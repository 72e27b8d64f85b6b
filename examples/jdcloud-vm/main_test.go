package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func TestLifecycleOnTheEmulator(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, target.Env{Local: true, LookupEnv: func(string) (string, bool) { return "", false }}))
	assert.Regexp(t, `^No JD Cloud credentials in use: running against the built-in local emulator \(cloudtest\)\.
created (i-\w+)
i-\w+ is running
i-\w+ is stopped
deleting i-\w+
i-\w+ is gone \(DescribeInstance: not found\)
$`, out.String())
}
