package main

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noEnv is an environment with no variables at all: no credentials, no HOME
// to find config files under.
func noEnv(string) (string, bool) { return "", false }

// The quickstart runs end to end against the emulator when no credentials
// are set, as the README promises.
func TestQuickstartWithoutCredentials(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, settings{lookupEnv: noEnv}))
	report := out.String()

	lines := []string{
		`^No cloud credentials found: running against the built-in local emulator \(cloudtest\)\.\n`,
		`JD Cloud vm, region cn-north-1\n  23 instances \(pages of 10\): 23 running\n`,
		`Volcengine ecs, region \S+\n  5 instances \(pages of 2, NextToken\): 5 RUNNING\n`,
		`Volcengine billing, period \d{4}-\d{2}\n  \d+ bills, payable \d+\.\d\d \w+\n`,
		`QingCloud iaas, zone pek3a\n  4 instances: 4 running\n`,
		`Create and wait\n` +
			`  JD Cloud CreateInstances: i-\w+ is running after [\d.]+m?s\n` +
			`  Volcengine RunInstances: i-\w+ is RUNNING after [\d.]+m?s\n` +
			`  QingCloud RunInstances: job j-\w+ successful, i-\w+ is running after [\d.]+m?s\n`,
		`JD Cloud DescribeInstance i-doesnotexist: not found \(code NOT_FOUND, HTTP 404, 1 attempt\)\n`,
	}
	for _, l := range lines {
		assert.Regexp(t, regexp.MustCompile(l), report)
	}
}

func TestQuickstartLocalFlag(t *testing.T) {
	var out bytes.Buffer
	env := func(name string) (string, bool) {
		// Credentials that would be real; -local still uses the emulator.
		return map[string]string{"QINGCLOUD_ACCESS_KEY_ID": "AK", "QINGCLOUD_SECRET_ACCESS_KEY": "SK"}[name], name == "QINGCLOUD_ACCESS_KEY_ID" || name == "QINGCLOUD_SECRET_ACCESS_KEY"
	}
	require.NoError(t, run(t.Context(), &out, settings{local: true, lookupEnv: env}))
	assert.Regexp(t, `^Running against the built-in local emulator \(cloudtest\), as -local asks\.`, out.String())
}
