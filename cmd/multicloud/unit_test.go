package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/internal/wire"
)

// testService is a small service with the facts the descriptions may
// carry: an idempotency token, a secret, a doc link, nested objects.
func testService() *catalog.Service {
	str := catalog.TypeRef{Kind: catalog.KindString}
	return &catalog.Service{
		Provider: catalog.Volcengine, Name: "demo", Version: "2020-01-01",
		Operations: []catalog.Operation{{
			Name: "CreateThing", Method: "GET", Path: "/", Action: "CreateThing", Version: "2020-01-01", BodyEncoding: catalog.BodyNone,
			IdempotencyToken: "ClientToken", DocURL: "https://example.com/docs/CreateThing",
			Input: []catalog.Field{
				{WireName: "ClientToken", GoName: "ClientToken", Location: catalog.LocationQuery, Type: str},
				{WireName: "Name", GoName: "Name", Location: catalog.LocationQuery, Type: str, Required: true, Min: "1", Max: "64"},
				{WireName: "Password", GoName: "Password", Location: catalog.LocationQuery, Type: str, Secret: true},
				{WireName: "Count", GoName: "Count", Location: catalog.LocationQuery, Type: catalog.TypeRef{Kind: catalog.KindInt64}, Default: "1", Enum: []string{"1", "2"}},
				{WireName: "Tags", GoName: "Tags", Location: catalog.LocationQuery, Type: catalog.TypeRef{Kind: catalog.KindList, Elem: &catalog.TypeRef{Kind: catalog.KindObject, Ref: "Tag"}}},
				{WireName: "DryRun", GoName: "DryRun", Location: catalog.LocationQuery, Type: catalog.TypeRef{Kind: catalog.KindBool}},
			},
			Output: []catalog.Field{{WireName: "ThingId", GoName: "ThingID", Type: str}},
		}},
		Types: []catalog.Type{{Name: "Tag", Fields: []catalog.Field{
			{WireName: "Key", GoName: "Key", Type: str, Required: true},
			{WireName: "Value", GoName: "Value", Type: str},
		}}},
	}
}

func TestEncodeFlagsThroughWire(t *testing.T) {
	svc := testService()
	op := &svc.Operations[0]
	params := map[string]any{}
	require.NoError(t, actionFlags(op, []string{"--Name", "web", "--Password=hunter2-pw", "--Count", "2",
		"--Tags", `{"Key":"env","Value":"prod"}`, "--Tags", `{"Key":"team"}`, "--DryRun"}, params))
	e, extras, err := encodeInput(svc, op, params, wire.Query, wire.Dotted, func(string) bool { return false })
	require.NoError(t, err)
	v := e.Values()
	assert.Equal(t, url.Values{
		"ClientToken": {extras.IdempotencyToken}, "Name": {"web"}, "Password": {"hunter2-pw"}, "Count": {"2"},
		"Tags.1.Key": {"env"}, "Tags.1.Value": {"prod"}, "Tags.2.Key": {"team"}, "DryRun": {"true"},
	}, v)
	assert.Len(t, extras.IdempotencyToken, 32, "a fresh token is filled in")
	assert.False(t, extras.CallerToken)
	assert.Equal(t, []string{"hunter2-pw"}, extras.Secrets)

	// A token the caller gives is kept, and marked as the caller's.
	params = map[string]any{"Name": "web", "ClientToken": "mine"}
	e, extras, err = encodeInput(svc, op, params, wire.Query, wire.Dotted, func(string) bool { return false })
	require.NoError(t, err)
	assert.Equal(t, "mine", e.Values().Get("ClientToken"))
	assert.True(t, extras.CallerToken)
}

func TestEncodeRefusals(t *testing.T) {
	svc := testService()
	op := &svc.Operations[0]
	for name, tc := range map[string]struct {
		params map[string]any
		want   string
	}{
		"missing":        {map[string]any{}, "missing required flag --Name"},
		"nested missing": {map[string]any{"Name": "x", "Tags": []any{map[string]any{"Value": "v"}}}, "--Tags.1.Key"},
		"not an int":     {map[string]any{"Name": "x", "Count": "two"}, "--Count: want an integer"},
		"not a bool":     {map[string]any{"Name": "x", "DryRun": "maybe"}, "--DryRun: want true or false"},
		"unknown":        {map[string]any{"Name": "x", "name": "y"}, "--name: no such field (did you mean Name?)"},
		"not an object":  {map[string]any{"Name": "x", "Tags": []any{"a"}}, "--Tags[0]: want a JSON object"},
		"object scalar":  {map[string]any{"Name": map[string]any{}}, "--Name: want a single value"},
	} {
		_, _, err := encodeInput(svc, op, tc.params, wire.Query, wire.Dotted, func(string) bool { return false })
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), tc.want, name)
		assert.Equal(t, exitUsage, exitCode(err), name)
	}
}

func TestActionHelpShowsEveryFact(t *testing.T) {
	var out bytes.Buffer
	s := &session{cat: catalog.New(), stdout: &out}
	svc := testService()
	require.NoError(t, s.helpAction(svc, &svc.Operations[0]))
	help := out.String()
	for _, want := range []string{
		"Docs: https://example.com/docs/CreateThing",
		"multicloud volcengine demo CreateThing --Name STRING [flags]",
		"--Name *", "range 1..64",
		"--Count", "one of: 1, 2", "default 1",
		"--Password", "secret",
		`Tag {"Key"*: string, "Value": string}`,
		"--ClientToken is filled with a fresh idempotency token",
	} {
		assert.Contains(t, help, want)
	}
}

func TestExitCodes(t *testing.T) {
	for kind, want := range map[mcerrors.Kind]int{
		mcerrors.KindUnknown: exitFailure, mcerrors.KindInvalidArgument: exitInvalid,
		mcerrors.KindUnauthenticated: exitAuth, mcerrors.KindPermissionDenied: exitAuth,
		mcerrors.KindNotFound: exitNotFound, mcerrors.KindConflict: exitConflict,
		mcerrors.KindQuotaExceeded: exitThrottled, mcerrors.KindThrottled: exitThrottled,
		mcerrors.KindUnavailable: exitUnavailable, mcerrors.KindInvalidResponse: exitBadResponse,
	} {
		err := fmt.Errorf("wrapped: %w", &mcerrors.Error{Kind: kind})
		assert.Equal(t, want, exitCode(err), kind.String())
	}
	assert.Equal(t, exitOK, exitCode(nil))
	assert.Equal(t, exitUsage, exitCode(usageError("x")))
	assert.Equal(t, exitAuth, exitCode(fmt.Errorf("x: %w", credentials.ErrNotFound)))
	assert.Equal(t, exitWaitFailed, exitCode(&waitFailure{err: errors.New("job failed")}))
	assert.Equal(t, exitNotFound, exitCode(&waitFailure{err: &mcerrors.Error{Kind: mcerrors.KindNotFound}}))
	for _, line := range strings.Split(exitCodesHelp, "\n") {
		assert.True(t, strings.HasPrefix(line, "  "), "exit code help lines are indented: %q", line)
	}
}

func TestInterruptedRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"qingcloud", "iaas", "DescribeInstances", "--local"}, strings.NewReader(""), &stdout, &stderr,
		func(string) string { return "" }, false)
	assert.Equal(t, exitInterrupted, code, stderr.String())
}

func TestParseCommandLine(t *testing.T) {
	cl, err := parseCommandLine([]string{"-o", "table", "qingcloud", "iaas", "DescribeInstances", "--status", "running", "--all", "--zone=pek3a", "--verbose", "1"})
	require.NoError(t, err)
	assert.Equal(t, []string{"qingcloud", "iaas", "DescribeInstances"}, cl.words)
	assert.Equal(t, []string{"--status", "running", "--verbose", "1"}, cl.action)
	assert.Equal(t, "table", cl.opts.output)
	assert.True(t, cl.opts.all)
	assert.Equal(t, "pek3a", cl.opts.zone)

	_, err = parseCommandLine([]string{"qingcloud", "--output"})
	assert.Error(t, err)
	_, err = parseCommandLine([]string{"qingcloud", "--all=yes"})
	assert.Error(t, err)
}

// BenchmarkHelp measures the work of `--help` inside the process (the
// catalog decoded from scratch each time): the part of its latency that is
// ours rather than the process start.
func BenchmarkHelp(b *testing.B) {
	for _, args := range [][]string{
		{"--help"},
		{"qingcloud", "iaas", "--help"},
		{"qingcloud", "iaas", "RunInstances", "--help"},
		{"volcengine", "vpc", "CreateVpc", "--help"},
	} {
		b.Run(strings.Join(args, "_"), func(b *testing.B) {
			for b.Loop() {
				var out bytes.Buffer
				if code := run(context.Background(), args, strings.NewReader(""), &out, &out, func(string) string { return "" }, false); code != 0 {
					b.Fatal(out.String())
				}
			}
		})
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var out bytes.Buffer
	s := &session{stderr: &out, stderrTTY: true}
	stop := s.progress("job j-1")
	stop()
	assert.Contains(t, out.String(), "waiting for job j-1 ...")
	assert.Contains(t, out.String(), "done after")

	out.Reset()
	s.stderrTTY = false
	s.progress("job j-2")()
	assert.Empty(t, out.String())
}

func TestWaiterFor(t *testing.T) {
	cat := catalog.New()
	for _, tc := range []struct {
		provider, service, action string
		want                      string // "" for no waiter
	}{
		{"qingcloud", "iaas", "RunInstances", "waits for the job in job_id to finish"},
		{"qingcloud", "iaas", "CreateVolumes", "waits for the job in job_id to finish"},
		{"qingcloud", "iaas", "DescribeInstances", ""},
		{"jdcloud", "vm", "CreateInstances", "waits for the instances to be running"},
		{"jdcloud", "vm", "StopInstance", "waits for the instances to be stopped"},
		{"jdcloud", "vm", "DescribeInstances", ""},
		{"volcengine", "ecs", "RunInstances", "waits for the instances to be RUNNING"},
		{"volcengine", "ecs", "StopInstances", "waits for the instances to be STOPPED"},
		{"volcengine", "vpc", "CreateVpc", ""},
	} {
		svc, op, err := cat.Operation(tc.provider, tc.service, tc.action)
		require.NoError(t, err, tc.action)
		w := waiterFor(svc, op)
		if tc.want == "" {
			assert.Nil(t, w, "%s %s", tc.service, tc.action)
			continue
		}
		if assert.NotNil(t, w, "%s %s", tc.service, tc.action) {
			assert.Equal(t, tc.want, w.describe(op.Name))
		}
	}
}

func TestIDsOf(t *testing.T) {
	names := []string{"InstanceIds", "InstanceId"}
	assert.Equal(t, []string{"i-1", "i-2"}, idsOf(names, map[string]any{"InstanceIds": []any{"i-1", "i-2"}}, nil))
	assert.Equal(t, []string{"i-3"}, idsOf(names, map[string]any{}, map[string]any{"InstanceId": "i-3"}),
		"a start or stop call names its instance in the parameters")
	assert.Empty(t, idsOf(names, map[string]any{"InstanceIds": []any{}}, map[string]any{}))
}
