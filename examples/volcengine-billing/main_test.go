package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func TestReportOnTheEmulator(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, target.Env{LookupEnv: func(string) (string, bool) { return "", false }}, ""))
	assert.Regexp(t, `^No Volcengine credentials in use: running against the built-in local emulator \(cloudtest\)\.
account \d+: available balance -?[\d.]+
\d{4}-\d\d: [1-9]\d* bill detail lines
(  \S+ +\d+\.\d\d \w+\n)+\(the emulator throttled one ListBillDetail page; it was retried: \d+ requests for it\)
$`, out.String())
}
