package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/internal/catalog"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// binary is the multicloud command, built once for the whole test run.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "multicloud-cli")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "multicloud")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building multicloud:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the binary with args and only the given environment (plus PATH
// and an empty HOME, so no real config file is read), feeding stdin.
func cli(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		code = exit.ExitCode()
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// emulator is a cloudtest server the binary reaches through --endpoint,
// trusting its certificate through SSL_CERT_FILE.
type emulator struct {
	*cloudtest.Server
	env map[string]string
}

func startEmulator(t *testing.T, provider string, opts ...cloudtest.Option) *emulator {
	t.Helper()
	var s *cloudtest.Server
	switch provider {
	case "jdcloud":
		s = cloudtest.NewJDCloud(opts...)
	case "volcengine":
		s = cloudtest.NewVolcengine(opts...)
	default:
		s = cloudtest.NewQingCloud(opts...)
	}
	t.Cleanup(s.Close)
	// The server's certificate, as its own client sees it.
	resp, err := s.HTTPClient().Get(s.URL)
	require.NoError(t, err)
	resp.Body.Close()
	require.NotNil(t, resp.TLS)
	s.ResetRequests()
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: resp.TLS.PeerCertificates[0].Raw})
	require.NoError(t, os.WriteFile(certFile, pemBytes, 0o600))

	c := s.Credentials()
	env := map[string]string{"SSL_CERT_FILE": certFile}
	switch provider {
	case "jdcloud":
		env["JDCLOUD_ACCESS_KEY"], env["JDCLOUD_SECRET_KEY"], env["JDCLOUD_REGION"] = c.AccessKeyID, c.SecretAccessKey, s.Region()
	case "volcengine":
		env["VOLCENGINE_ACCESS_KEY"], env["VOLCENGINE_SECRET_KEY"], env["VOLCENGINE_REGION"] = c.AccessKeyID, c.SecretAccessKey, s.Region()
	default:
		env["QINGCLOUD_ACCESS_KEY_ID"], env["QINGCLOUD_SECRET_ACCESS_KEY"], env["QINGCLOUD_ZONE"] = c.AccessKeyID, c.SecretAccessKey, s.Region()
	}
	return &emulator{Server: s, env: env}
}

// run runs the binary against the emulator.
func (e *emulator) run(t *testing.T, args ...string) result {
	t.Helper()
	return cli(t, e.env, "", append(args, "--endpoint", e.URL)...)
}

// requests returns the queries of the requests for action the emulator got.
func (e *emulator) queries(action string) []string {
	var out []string
	for _, r := range e.Requests() {
		if r.Action == action {
			out = append(out, r.RawQuery)
		}
	}
	return out
}

func decodeJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m), "stdout: %s", s)
	return m
}

// oneLine asserts stderr is a single line starting with "multicloud:".
func oneLine(t *testing.T, stderr string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(stderr, "multicloud: "), "stderr: %q", stderr)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "stderr: %q", stderr)
}

func TestListQingCloudInstances(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(5))
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--status", "running", "--status", "stopped", "--limit", "3")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := decodeJSON(t, r.stdout)
	assert.EqualValues(t, 5, out["total_count"])
	assert.Len(t, out["instance_set"], 3)
	assert.NotContains(t, out, "ret_code", "the envelope is not output")

	q := e.queries("DescribeInstances")
	require.Len(t, q, 1)
	assert.Contains(t, q[0], "status.1=running&status.2=stopped")
	assert.Contains(t, q[0], "limit=3")
	assert.Contains(t, q[0], "zone="+e.Region())
}

func TestListJDCloudWithNestedFilter(t *testing.T) {
	e := startEmulator(t, "jdcloud", cloudtest.WithInstances(3))
	r := e.run(t, "jdcloud", "vm", "DescribeInstances", "--filters", `{"name":"status","values":["running"]}`)
	require.Equal(t, 0, r.code, r.stderr)
	out := decodeJSON(t, r.stdout)
	assert.EqualValues(t, 3, out["totalCount"])
	q := e.queries("DescribeInstances")
	require.Len(t, q, 1)
	assert.Contains(t, q[0], "filters.1.name=status&filters.1.values.1=running")
}

func TestAllPagesQingCloud(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(25), cloudtest.WithMaxPageSize(10))
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--all")
	require.Equal(t, 0, r.code, r.stderr)
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &items))
	assert.Len(t, items, 25)
	ids := map[any]bool{}
	for _, it := range items {
		ids[it["instance_id"]] = true
	}
	assert.Len(t, ids, 25, "every instance once")
	assert.Equal(t, 3, e.RequestCount("DescribeInstances"))
}

func TestAllPagesJDCloudAndVolcengine(t *testing.T) {
	jd := startEmulator(t, "jdcloud", cloudtest.WithInstances(23), cloudtest.WithMaxPageSize(10))
	r := jd.run(t, "jdcloud", "vm", "DescribeInstances", "--all", "--pageSize", "10", "--query", "instanceId")
	require.Equal(t, 0, r.code, r.stderr)
	var ids []string
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ids))
	assert.Len(t, ids, 23)
	assert.Equal(t, 3, jd.RequestCount("DescribeInstances"))
	assert.Contains(t, jd.queries("DescribeInstances")[2], "pageNumber=3")

	volc := startEmulator(t, "volcengine", cloudtest.WithInstances(23), cloudtest.WithMaxPageSize(10))
	r = volc.run(t, "volcengine", "ecs", "DescribeInstances", "--all", "-o", "yaml")
	require.Equal(t, 0, r.code, r.stderr)
	var items []map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(r.stdout), &items))
	assert.Len(t, items, 23)
	q := volc.queries("DescribeInstances")
	require.Len(t, q, 3)
	assert.Contains(t, q[1], "NextToken=")
}

func TestAllRefusesAnActionThatDoesNotPage(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	r := e.run(t, "qingcloud", "iaas", "StopInstances", "--instances", "i-1", "--all")
	assert.Equal(t, exitUsage, r.code)
	oneLine(t, r.stderr)
	assert.Equal(t, 0, len(e.Requests()))
}

func TestCreateAndWaitQingCloud(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithJobDelay(300*time.Millisecond))
	r := e.run(t, "qingcloud", "iaas", "RunInstances", "--image_id", "centos79x64a", "--instance_type", "small_b",
		"--login_mode", "passwd", "--login_passwd", "Zx9-secret-Pw", "--wait")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr, "no progress when stderr is not a terminal")
	out := decodeJSON(t, r.stdout)
	require.NotEmpty(t, out["job_id"])
	instances := out["instances"].([]any)
	require.Len(t, instances, 1)
	assert.GreaterOrEqual(t, e.RequestCount("DescribeJobs"), 1, "the waiter polled the job")

	// The job is done, so the instance is running now.
	r = e.run(t, "qingcloud", "iaas", "DescribeInstances", "--instances", instances[0].(string), "--query", "instance_set[0].status")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "\"running\"\n", r.stdout)
}

func TestCreateAndWaitJDCloud(t *testing.T) {
	e := startEmulator(t, "jdcloud", cloudtest.WithJobDelay(100*time.Millisecond))
	r := e.run(t, "jdcloud", "vpc", "DescribeSubnets", "--query", "subnets[0].subnetId")
	require.Equal(t, 0, r.code, r.stderr)
	var subnet string
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &subnet))
	spec := `{"az":"cn-north-1a","instanceType":"g.n2.medium","imageId":"img-centos79","name":"web-1",` +
		`"primaryNetworkInterface":{"networkInterface":{"subnetId":"` + subnet + `"}}}`
	r = e.run(t, "jdcloud", "vm", "CreateInstances", "--instanceSpec", spec, "--wait")
	require.Equal(t, 0, r.code, r.stderr)
	ids := decodeJSON(t, r.stdout)["instanceIds"].([]any)
	require.Len(t, ids, 1)
	assert.GreaterOrEqual(t, e.RequestCount("DescribeInstance"), 1, "the waiter polled the instance")

	var body map[string]any
	for _, req := range e.Requests() {
		if req.Action == "CreateInstances" {
			require.NoError(t, json.Unmarshal(req.Body, &body))
		}
	}
	assert.Equal(t, "web-1", body["instanceSpec"].(map[string]any)["name"])
}

func TestWaitRefusedWhereThereIsNoWaiter(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--wait")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "has no waiter")
}

func TestMissingRequiredFlag(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	r := e.run(t, "qingcloud", "iaas", "RunInstances", "--instance_type", "small_b")
	assert.Equal(t, exitUsage, r.code)
	oneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "missing required flags --image_id, --login_mode")
	assert.Empty(t, r.stdout)
	assert.Empty(t, e.Requests(), "nothing was sent")

	// A required member of a nested object is named by its path.
	jd := startEmulator(t, "jdcloud")
	r = jd.run(t, "jdcloud", "vm", "DescribeInstances", "--filters", `{"values":["x"]}`)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--filters.1.name")
}

func TestBadValues(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	for name, args := range map[string][]string{
		"not an integer": {"qingcloud", "iaas", "DescribeInstances", "--limit", "ten"},
		"unknown flag":   {"qingcloud", "iaas", "DescribeInstances", "--colour", "red"},
		"bad json":       {"qingcloud", "iaas", "DescribeInstances", "--params", "{"},
		"bad output":     {"qingcloud", "iaas", "DescribeInstances", "-o", "xml"},
		"bad query":      {"qingcloud", "iaas", "DescribeInstances", "--query", "[?"},
		"twice":          {"qingcloud", "iaas", "DescribeInstances", "--owner", "a", "--owner", "b"},
		"no value":       {"qingcloud", "iaas", "DescribeInstances", "--owner"},
	} {
		r := e.run(t, args...)
		assert.Equal(t, exitUsage, r.code, name)
		oneLine(t, r.stderr)
	}
	assert.Empty(t, e.Requests())
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--colour", "red")
	assert.Contains(t, r.stderr, "no flag --colour")
}

func TestUnknownCommand(t *testing.T) {
	for _, args := range [][]string{
		{"qingcloud", "iaas", "DescribeInstancez"},
		{"qingcloud", "nosuch", "DescribeInstances"},
		{"aws", "ec2", "DescribeInstances"},
		{},
	} {
		r := cli(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		oneLine(t, r.stderr)
		assert.Empty(t, r.stdout)
	}
	r := cli(t, nil, "", "qingcloud", "iaas", "DescribeInstancez")
	assert.Contains(t, r.stderr, `has no action "DescribeInstancez"`)
}

func TestWrongCredentials(t *testing.T) {
	for _, provider := range []string{"jdcloud", "volcengine", "qingcloud"} {
		t.Run(provider, func(t *testing.T) {
			e := startEmulator(t, provider)
			for k := range e.env {
				if strings.Contains(k, "SECRET") {
					e.env[k] = "wrong-secret"
				}
			}
			service, action := map[string]string{"jdcloud": "vm", "volcengine": "ecs", "qingcloud": "iaas"}[provider], "DescribeInstances"
			r := e.run(t, provider, service, action)
			assert.Equal(t, exitAuth, r.code, r.stderr)
			oneLine(t, r.stderr)
			assert.Contains(t, r.stderr, provider+" "+service+"/"+action)
			assert.NotContains(t, r.stderr, "wrong-secret")
			assert.Empty(t, r.stdout)
			if provider != "qingcloud" { // QingCloud answers without a request id
				assert.Contains(t, r.stderr, "request id")
			}
		})
	}
}

func TestNoCredentials(t *testing.T) {
	r := cli(t, map[string]string{"QINGCLOUD_ZONE": "pek3a"}, "", "qingcloud", "iaas", "DescribeInstances")
	assert.Equal(t, exitAuth, r.code, r.stderr)
	oneLine(t, r.stderr)
}

func TestProviderErrorCodes(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	r := e.run(t, "qingcloud", "iaas", "StopInstances", "--instances", "i-nosuch")
	assert.Contains(t, []int{exitNotFound, exitInvalid}, r.code, r.stderr)
	oneLine(t, r.stderr)
	assert.Contains(t, r.stderr, "qingcloud iaas/StopInstances")
}

func TestQuery(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(4))
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--query", "instance_set[?vcpus_current > `1`].instance_name")
	require.Equal(t, 0, r.code, r.stderr)
	var names []string
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &names))
	assert.NotEmpty(t, names)
	assert.Less(t, len(names), 4, "the filter dropped the one-CPU instance")

	r = e.run(t, "qingcloud", "iaas", "DescribeInstances", "--query", "total_count")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "4\n", r.stdout)
}

func TestOutputFormats(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(2))
	base := []string{"qingcloud", "iaas", "DescribeInstances"}

	r := e.run(t, base...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "{\n  \"instance_set\": ["), r.stdout)

	r = e.run(t, append(base, "-o", "yaml")...)
	require.Equal(t, 0, r.code, r.stderr)
	var y map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(r.stdout), &y))
	assert.Equal(t, 2, y["total_count"], "numbers stay numbers in YAML")

	r = e.run(t, append(base, "-o", "table")...)
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 3, r.stdout)
	assert.True(t, strings.HasPrefix(lines[0], "instance_id"), lines[0])
	assert.Contains(t, lines[0], "status")
	assert.Contains(t, lines[1], "running")

	r = e.run(t, append(base, "-o", "table", "--all")...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Len(t, strings.Split(strings.TrimSpace(r.stdout), "\n"), 3, r.stdout)

	r = e.run(t, append(base, "-o", "table", "--query", "{count: total_count}")...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `KEY\s+VALUE\ncount\s+2\n`, r.stdout)
}

func TestCallAnyAPI(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(3))
	r := e.run(t, "qingcloud", "call", "iaas", "DescribeInstances", "--params", `{"limit": 2, "status": ["running"]}`)
	require.Equal(t, 0, r.code, r.stderr)
	out := decodeJSON(t, r.stdout)
	assert.Len(t, out["instance_set"], 2)
	assert.Contains(t, e.queries("DescribeInstances")[0], "status.1=running")

	jd := startEmulator(t, "jdcloud", cloudtest.WithInstances(1))
	r = jd.run(t, "jdcloud", "call", "vm", "DescribeInstances", "--params", `{"regionId": "cn-north-1", "pageSize": 10}`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.EqualValues(t, 1, decodeJSON(t, r.stdout)["totalCount"])

	// An API the catalog does not know needs its path on JD Cloud.
	r = jd.run(t, "jdcloud", "call", "vm", "DescribeSomethingNew")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--path")
	r = jd.run(t, "jdcloud", "call", "vm", "DescribeSomethingNew", "--path", "/regions/{regionId}/somethingNew")
	assert.NotEqual(t, 0, r.code)
	assert.NotEqual(t, exitUsage, r.code, "it was sent: %s", r.stderr)
}

func TestCLIInputJSON(t *testing.T) {
	e := startEmulator(t, "qingcloud", cloudtest.WithInstances(3))
	r := cli(t, e.env, `{"limit": 1, "owner": "ignored"}`,
		"qingcloud", "iaas", "DescribeInstances", "--cli-input-json", "-", "--owner", "me", "--endpoint", e.URL)
	require.Equal(t, 0, r.code, r.stderr)
	q := e.queries("DescribeInstances")
	require.Len(t, q, 1)
	assert.Contains(t, q[0], "limit=1")
	assert.Contains(t, q[0], "owner=me", "flags override the JSON")
}

func TestLocal(t *testing.T) {
	r := cli(t, nil, "", "volcengine", "ecs", "DescribeInstances", "--local", "--query", "length(Instances)")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "3\n", r.stdout)
}

func TestDebugLogIsRedacted(t *testing.T) {
	e := startEmulator(t, "volcengine")
	r := e.run(t, "volcengine", "ecs", "DescribeInstances", "--debug")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "multicloud request")
	assert.Contains(t, r.stderr, "DescribeInstances")
	secret := e.Credentials().SecretAccessKey
	assert.NotContains(t, r.stderr, secret)
	assert.NotContains(t, r.stderr, "Signature=")
}

func TestSecretFieldNeverPrinted(t *testing.T) {
	// The emulator refuses the call (no such image type), and the error
	// must not show the password the call carried.
	e := startEmulator(t, "qingcloud")
	r := e.run(t, "qingcloud", "iaas", "RunInstances", "--image_id", "centos79x64a", "--login_mode", "passwd",
		"--login_passwd", "Pw-0123456789-secret", "--debug")
	assert.NotEqual(t, 0, r.code)
	assert.NotContains(t, r.stderr, "Pw-0123456789-secret")
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := cli(t, nil, "", "completion", shell)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, "multicloud __complete", shell)
	}
	r := cli(t, nil, "", "completion", "tcsh")
	assert.Equal(t, exitUsage, r.code)

	complete := func(words ...string) []string {
		r := cli(t, nil, "", append([]string{"__complete"}, words...)...)
		require.Equal(t, 0, r.code, r.stderr)
		return strings.Fields(r.stdout)
	}
	assert.Equal(t, []string{"qingcloud"}, complete("q"))
	assert.Contains(t, complete("jdcloud", ""), "vm")
	assert.Contains(t, complete("jdcloud", ""), "call")
	assert.Equal(t, []string{"DescribeInstanceGroups", "DescribeInstanceTypes", "DescribeInstances"}, complete("qingcloud", "iaas", "DescribeInstance"))
	assert.Contains(t, complete("qingcloud", "iaas", "DescribeInstances", "--st"), "--status")
	assert.Equal(t, []string{"table"}, complete("qingcloud", "-o", "t"))
}

// TestHelpGolden pins the help of the tool and of a few actions; run with
// -update to rewrite the files after a deliberate change.
func TestHelpGolden(t *testing.T) {
	cases := map[string][]string{
		"qingcloud_DescribeInstances": {"qingcloud", "iaas", "DescribeInstances", "--help"},
		"jdcloud_CreateInstances":     {"jdcloud", "vm", "CreateInstances", "--help"},
		"volcengine_ListBill":         {"help", "volcengine", "billing", "ListBill"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			r := cli(t, nil, "", args...)
			require.Equal(t, 0, r.code, r.stderr)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(r.stdout), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update")
			assert.Equal(t, string(want), r.stdout)
		})
	}
}

// The top help lists every cloud and service of the catalog (not pinned in
// a golden file: the list grows with the descriptions), the flags and the
// exit codes.
func TestTopHelp(t *testing.T) {
	r := cli(t, nil, "", "--help")
	require.Equal(t, 0, r.code, r.stderr)
	cat := catalog.New()
	for _, info := range cat.Services("") {
		assert.Regexp(t, `(?m)^  `+info.Provider+` .*\b`+info.Name+` \(`+strconv.Itoa(info.Operations)+`\)`, r.stdout)
	}
	for _, g := range globalFlags {
		assert.Contains(t, r.stdout, "--"+g.names[0])
	}
	assert.Contains(t, r.stdout, "Exit codes:\n"+exitCodesHelp)

	r = cli(t, nil, "", "qingcloud", "--help")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `(?m)^  iaas\s+\d+ actions\s+API version 2013-08-30$`, r.stdout)
}

func TestServiceHelpListsEveryAction(t *testing.T) {
	r := cli(t, nil, "", "volcengine", "ecs", "--help")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "RunInstances")
	assert.Regexp(t, `DescribeInstances\s+read-only, --all`, r.stdout)
	assert.Regexp(t, `RunInstances\s+--wait`, r.stdout)
}

// The TLS check of the test's own certificate plumbing: without
// SSL_CERT_FILE the binary does not trust the emulator.
func TestEndpointCertificateIsChecked(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	delete(e.env, "SSL_CERT_FILE")
	r := e.run(t, "qingcloud", "iaas", "DescribeInstances", "--timeout", "20s")
	assert.Equal(t, exitUnavailable, r.code, r.stderr)
	oneLine(t, r.stderr)
}

// --profile picks a profile of the cloud's own CLI config file.
func TestProfileFromCLIConfigFile(t *testing.T) {
	e := startEmulator(t, "jdcloud", cloudtest.WithInstances(1))
	c := e.Credentials()
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".jdc"), 0o700))
	config := fmt.Sprintf("[default]\naccess_key = %s\nsecret_key = wrong\n\n[prod]\naccess_key = %s\nsecret_key = %s\n",
		c.AccessKeyID, c.AccessKeyID, c.SecretAccessKey)
	require.NoError(t, os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(config), 0o600))
	env := map[string]string{"HOME": home, "SSL_CERT_FILE": e.env["SSL_CERT_FILE"], "JDCLOUD_REGION": e.Region()}

	r := cli(t, env, "", "jdcloud", "vm", "DescribeInstances", "--endpoint", e.URL, "--profile", "prod", "--query", "totalCount")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "1\n", r.stdout)

	r = cli(t, env, "", "jdcloud", "vm", "DescribeInstances", "--endpoint", e.URL)
	assert.Equal(t, exitAuth, r.code, "the default profile's secret is wrong: %s", r.stderr)
	oneLine(t, r.stderr)

	r = cli(t, env, "", "jdcloud", "vm", "DescribeInstances", "--endpoint", e.URL, "--profile", "nosuch")
	assert.Equal(t, exitAuth, r.code, r.stderr)
}

// placeFiles writes a cloud's own config file into home with the emulator's
// credentials in two profiles: "default" names place, "prod" the emulator's
// own region or zone. QingCloud's file has no profiles: it names place.
func placeFiles(t *testing.T, e *emulator, provider, home, place string) {
	t.Helper()
	c := e.Credentials()
	var rel, content string
	switch provider {
	case "jdcloud":
		rel = ".jdc/config"
		content = fmt.Sprintf("[default]\naccess_key = %s\nsecret_key = %s\nregion_id = %s\n\n[prod]\naccess_key = %[1]s\nsecret_key = %[2]s\nregion_id = %[4]s\n",
			c.AccessKeyID, c.SecretAccessKey, place, e.Region())
	case "volcengine":
		rel = ".volcengine/credentials"
		content = fmt.Sprintf("[default]\nvolcengine_access_key_id = %s\nvolcengine_secret_access_key = %s\nregion = %s\n\n[prod]\nvolcengine_access_key_id = %[1]s\nvolcengine_secret_access_key = %[2]s\nregion = %[4]s\n",
			c.AccessKeyID, c.SecretAccessKey, place, e.Region())
	default:
		rel = ".qingcloud/config.yaml"
		content = fmt.Sprintf("qy_access_key_id: '%s'\nqy_secret_access_key: '%s'\nzone: %s\n", c.AccessKeyID, c.SecretAccessKey, place)
	}
	p := filepath.Join(home, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
}

// Without --region/--zone or the variable, the place comes from the cloud's
// own config file, from the profile the credentials come from: a wrong place
// there reaches the emulator, which refuses it; the right one works; the
// variable wins over the file; --local reads no file.
func TestPlaceFromCLIConfigFile(t *testing.T) {
	clouds := []struct {
		provider, service, action string
		placeVar, typo            string
		typoCode                  int
	}{
		{"jdcloud", "vm", "DescribeInstances", "JDCLOUD_REGION", "cn-nroth-1", exitInvalid},
		{"volcengine", "ecs", "DescribeInstances", "VOLCENGINE_REGION", "cn-bejing", exitNotFound},
		{"qingcloud", "iaas", "DescribeInstances", "QINGCLOUD_ZONE", "pek3z", exitInvalid},
	}
	for _, cl := range clouds {
		t.Run(cl.provider, func(t *testing.T) {
			e := startEmulator(t, cl.provider, cloudtest.WithInstances(1))
			home := t.TempDir()
			placeFiles(t, e, cl.provider, home, cl.typo)
			env := map[string]string{"HOME": home, "SSL_CERT_FILE": e.env["SSL_CERT_FILE"]}
			call := func(env map[string]string, extra ...string) result {
				return cli(t, env, "", append([]string{cl.provider, cl.service, cl.action, "--endpoint", e.URL}, extra...)...)
			}

			r := call(env)
			assert.Equal(t, cl.typoCode, r.code, "the file's place %s is refused: %s", cl.typo, r.stderr)
			assert.Contains(t, r.stderr, cl.typo)
			oneLine(t, r.stderr)

			withVar := map[string]string{cl.placeVar: e.Region()}
			for k, v := range env {
				withVar[k] = v
			}
			r = call(withVar)
			assert.Equal(t, 0, r.code, "the variable wins over the file: %s", r.stderr)

			if cl.provider == "qingcloud" { // no profiles: fix the file instead
				placeFiles(t, e, cl.provider, home, e.Region())
			} else {
				r = call(env, "--profile", "prod")
				assert.Equal(t, 0, r.code, "--profile prod names %s: %s", e.Region(), r.stderr)
				placeFiles(t, e, cl.provider, home, e.Region()) // both profiles right from here on
			}
			e.ResetRequests()
			r = call(env)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			require.Len(t, e.Requests(), 1)
			assert.NotContains(t, e.Requests()[0].RawQuery, cl.typo)

			// --local runs against its own emulator and reads no file.
			placeFiles(t, e, cl.provider, home, cl.typo)
			r = cli(t, env, "", cl.provider, cl.service, cl.action, "--local")
			assert.Equal(t, 0, r.code, "--local ignores the file: %s", r.stderr)
		})
	}
}

// The profile the cloud's own selector names (VOLCSTACK_PROFILE, the JD
// Cloud CLI's current file) gives the place, as it gives the credentials.
func TestPlaceFollowsTheProfileSelector(t *testing.T) {
	jd := startEmulator(t, "jdcloud", cloudtest.WithInstances(1), cloudtest.WithRegion("cn-east-2"))
	home := t.TempDir()
	placeFiles(t, jd, "jdcloud", home, "cn-nroth-1")
	require.NoError(t, os.WriteFile(filepath.Join(home, ".jdc", "current"), []byte("prod"), 0o600))
	r := cli(t, map[string]string{"HOME": home, "SSL_CERT_FILE": jd.env["SSL_CERT_FILE"]}, "",
		"jdcloud", "vm", "DescribeInstances", "--endpoint", jd.URL, "--query", "totalCount")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "1\n", r.stdout)
	require.Len(t, jd.Requests(), 1)
	assert.Contains(t, jd.Requests()[0].Path, "/regions/cn-east-2/", "the region of the current profile")

	vo := startEmulator(t, "volcengine", cloudtest.WithInstances(1))
	home = t.TempDir()
	placeFiles(t, vo, "volcengine", home, "cn-bejing")
	r = cli(t, map[string]string{"HOME": home, "SSL_CERT_FILE": vo.env["SSL_CERT_FILE"], "VOLCSTACK_PROFILE": "prod"}, "",
		"volcengine", "ecs", "DescribeInstances", "--endpoint", vo.URL)
	require.Equal(t, 0, r.code, r.stderr)
	r = cli(t, map[string]string{"HOME": home, "SSL_CERT_FILE": vo.env["SSL_CERT_FILE"], "VOLCSTACK_PROFILE": "nosuch"}, "",
		"volcengine", "ecs", "DescribeInstances", "--endpoint", vo.URL)
	assert.Equal(t, exitAuth, r.code, r.stderr)
	assert.Contains(t, r.stderr, `profile "nosuch" (selected by VOLCSTACK_PROFILE) not found`)
	oneLine(t, r.stderr)
}

// The Volcengine CLI's config.json (ve configure set) supplies the
// credentials and the region, from its "current" profile or the one --profile
// names; a profile in a mode ve fetches keys for is refused in one line.
func TestVolcengineCLIConfigJSON(t *testing.T) {
	e := startEmulator(t, "volcengine", cloudtest.WithInstances(2))
	c := e.Credentials()
	home := t.TempDir()
	profile := func(region string) string {
		return fmt.Sprintf(`{"mode": "ak", "access-key": %q, "secret-key": %q, "region": %q, "session-token": "", "disable-ssl": false}`,
			c.AccessKeyID, c.SecretAccessKey, region)
	}
	config := fmt.Sprintf("{\n  \"current\": \"prod\",\n  \"profiles\": {\n    \"prod\": %s,\n    \"typo\": %s,\n    \"sso\": {\"mode\": \"sso\", \"region\": %q}\n  }\n}\n",
		profile(e.Region()), profile("cn-bejing"), e.Region())
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".volcengine"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".volcengine", "config.json"), []byte(config), 0o600))
	env := map[string]string{"HOME": home, "SSL_CERT_FILE": e.env["SSL_CERT_FILE"]}
	call := func(extra ...string) result {
		return cli(t, env, "", append([]string{"volcengine", "ecs", "DescribeInstances", "--endpoint", e.URL}, extra...)...)
	}

	r := call("--query", "length(Instances)")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, "2\n", r.stdout)
	require.Len(t, e.Requests(), 1)

	r = call("--profile", "typo")
	assert.Equal(t, exitNotFound, r.code, "the region of --profile typo reaches the emulator: %s", r.stderr)
	assert.Contains(t, r.stderr, "cn-bejing")
	oneLine(t, r.stderr)

	e.ResetRequests()
	r = call("--profile", "sso")
	assert.Equal(t, exitAuth, r.code, r.stderr)
	assert.Contains(t, r.stderr, `config.json:6: mode: mode "sso" is not supported`)
	assert.NotContains(t, r.stderr, c.SecretAccessKey)
	oneLine(t, r.stderr)
	assert.Empty(t, e.Requests(), "nothing is sent without credentials")
}

// A config file that does not parse stops the command before anything is
// sent, with the file, line and key and without the secret; no file and no
// variable is a usage error that says where the zone can come from.
func TestPlaceFromBrokenOrMissingConfigFile(t *testing.T) {
	e := startEmulator(t, "qingcloud")
	c := e.Credentials()
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".qingcloud"), 0o700))
	config := fmt.Sprintf("qy_access_key_id: '%s'\nqy_secret_access_key: '%s'\nzone: [pek3a]\n", c.AccessKeyID, c.SecretAccessKey)
	require.NoError(t, os.WriteFile(filepath.Join(home, ".qingcloud", "config.yaml"), []byte(config), 0o600))
	env := map[string]string{"HOME": home, "SSL_CERT_FILE": e.env["SSL_CERT_FILE"]}

	r := cli(t, env, "", "qingcloud", "iaas", "DescribeInstances", "--endpoint", e.URL)
	assert.Equal(t, exitAuth, r.code, r.stderr)
	assert.Contains(t, r.stderr, "config.yaml:3: zone: unsupported value")
	assert.NotContains(t, r.stderr, c.SecretAccessKey)
	oneLine(t, r.stderr)
	assert.Zero(t, e.RequestCount("DescribeInstances"), "nothing was sent")

	env["HOME"] = t.TempDir()
	env["QINGCLOUD_ACCESS_KEY_ID"], env["QINGCLOUD_SECRET_ACCESS_KEY"] = c.AccessKeyID, c.SecretAccessKey
	r = cli(t, env, "", "qingcloud", "iaas", "DescribeInstances", "--endpoint", e.URL)
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.Contains(t, r.stderr, "$QINGCLOUD_ZONE or zone in ~/.qingcloud/config.yaml")
}
