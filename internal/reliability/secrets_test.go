package reliability_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/jdcloud/vpc"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/billing"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// The secrets of the sweep. Each cloud's server accepts two key pairs: one
// the clients get from the environment or a function, one from the cloud's
// own configuration file.
var (
	sweepJD     = signer.Credentials{AccessKeyID: "JDSWEEPACCESSKEYID", SecretAccessKey: "JD-SWEEP-SECRET-never-printed-4821"}
	sweepJDFile = signer.Credentials{AccessKeyID: "JDSWEEPFILEKEYID", SecretAccessKey: "JD-FILE-SECRET-never-printed-0457"}
	sweepVolc   = signer.Credentials{AccessKeyID: "AKLTSWEEPACCESSKEYID", SecretAccessKey: "VOLC-SWEEP-SECRET-never-printed-7309",
		SessionToken: "VOLC-SWEEP-TOKEN-never-printed-1164"}
	sweepVolcFile = signer.Credentials{AccessKeyID: "AKLTSWEEPFILEKEYID", SecretAccessKey: "VOLC-FILE-SECRET-never-printed-8830",
		SessionToken: "VOLC-FILE-TOKEN-never-printed-3318"}
	sweepQC = signer.Credentials{AccessKeyID: "QYSWEEPACCESSKEYID", SecretAccessKey: "QC-SWEEP-SECRET-never-printed-5532",
		SessionToken: "QC-SWEEP-TOKEN-never-printed-2290"}
	sweepQCFile = signer.Credentials{AccessKeyID: "QYSWEEPFILEKEYID", SecretAccessKey: "QC-FILE-SECRET-never-printed-6103"}
)

const (
	sweepPassword = "Sweep-Passw0rd-never-printed-8812"
	wrongSecret   = "WRONG-SWEEP-SECRET-never-printed-6677"
)

// plantedSecrets are the secrets the sweep planted.
func plantedSecrets() []string {
	var out []string
	for _, c := range []signer.Credentials{sweepJD, sweepJDFile, sweepVolc, sweepVolcFile, sweepQC, sweepQCFile} {
		out = append(out, c.SecretAccessKey)
		if c.SessionToken != "" {
			out = append(out, c.SessionToken)
		}
	}
	return append(out, sweepPassword, wrongSecret)
}

// sweep collects everything a caller can see: log lines (debug on) and the
// text of every returned value and error in its formatted forms.
type sweep struct {
	t       *testing.T
	log     lockedBuffer
	logger  *slog.Logger
	mu      sync.Mutex
	texts   map[string][]string // where → texts
	servers []*cloudtest.Server
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newSweep(t *testing.T) *sweep {
	s := &sweep{t: t, texts: map[string][]string{}}
	s.logger = slog.New(slog.NewTextHandler(&s.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return s
}

// see records the formatted forms of vals, and logs them too, as a
// program that logs what it got would.
func (s *sweep) see(where string, vals ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	texts := s.texts[where]
	for _, v := range vals {
		if v == nil {
			continue
		}
		texts = append(texts, fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v))
		if err, ok := v.(error); ok {
			texts = append(texts, err.Error())
			s.logger.Error("call failed", "where", where, "err", err)
		} else {
			s.logger.Info("value", "where", where, "value", v)
		}
	}
	s.texts[where] = append(texts, "")
}

// options are a sweep client's options against server srv: debug logging,
// two attempts without waiting, a small body limit.
func (s *sweep) options(srv *cloudtest.Server, extra ...multicloud.Option) []multicloud.Option {
	return append(append(srv.ClientOptions(),
		multicloud.WithLogger(s.logger),
		multicloud.WithRetry(noWait(2)),
		multicloud.WithMaxResponseBytes(256<<10),
	), extra...)
}

// seenOnTheWire returns the secret-bearing values the servers received:
// Authorization headers, the signatures inside them or in the query, and
// session-token headers and parameters.
func (s *sweep) seenOnTheWire() []string {
	sig := regexp.MustCompile(`Signature=([0-9a-fA-F]{16,})`)
	var out []string
	for _, srv := range s.servers {
		for _, r := range srv.Requests() {
			if a := r.Header.Get("Authorization"); a != "" {
				out = append(out, a)
				for _, m := range sig.FindAllStringSubmatch(a, -1) {
					out = append(out, m[1])
				}
			}
			for _, h := range []string{"X-Security-Token", "X-Jdcloud-Security-Token"} {
				if v := r.Header.Get(h); v != "" {
					out = append(out, v)
				}
			}
			for _, kv := range strings.Split(r.RawQuery, "&") {
				k, v, _ := strings.Cut(kv, "=")
				if (k == "signature" || k == "token") && len(v) >= 8 {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// check fails for every secret found in a text or in the log.
func (s *sweep) check() {
	t := s.t
	secrets := append(plantedSecrets(), s.seenOnTheWire()...)
	require.Greater(t, len(secrets), len(plantedSecrets()), "the servers saw signed requests")
	wheres := make([]string, 0, len(s.texts))
	for w := range s.texts {
		wheres = append(wheres, w)
	}
	sort.Strings(wheres)
	var found []string // one line per place and secret
	seen := map[string]bool{}
	report := func(where, secret, text string) {
		if key := where + "\x00" + secret; !seen[key] {
			seen[key] = true
			found = append(found, fmt.Sprintf("%s: %q in %.300q", where, secret, text))
		}
	}
	for _, w := range wheres {
		for _, text := range s.texts[w] {
			for _, secret := range secrets {
				if strings.Contains(text, secret) {
					report(w, secret, text)
				}
			}
		}
	}
	log := s.log.String()
	assert.Contains(t, log, "level=DEBUG msg=\"multicloud request\"", "debug logging was on")
	for _, line := range strings.Split(log, "\n") {
		for _, secret := range secrets {
			if strings.Contains(line, secret) {
				report("log", secret, line)
			}
		}
	}
	assert.Empty(t, found, "secrets where a caller can see them:\n%s", strings.Join(found, "\n"))
	t.Logf("secret sweep: %d entry points, %d log lines, %d secrets checked", len(s.texts), strings.Count(log, "\n"), len(secrets))
}

// sweepFaults are the conditions every entry point is exercised under.
var sweepFaults = []struct {
	name  string
	fault cloudtest.Fault
}{
	{"ok", cloudtest.Fault{}},
	{"throttled", cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: -1, RetryAfter: time.Hour}},
	{"5xx", cloudtest.Fault{Kind: cloudtest.FaultServerError, Count: -1}},
	{"reset", cloudtest.Fault{Kind: cloudtest.FaultReset, Count: -1}},
	{"truncated", cloudtest.Fault{Kind: cloudtest.FaultTruncate, Count: -1}},
	{"html", cloudtest.Fault{Kind: cloudtest.FaultHTML, Count: -1}},
	{"html-200", cloudtest.Fault{Kind: cloudtest.FaultHTML, Status: 200, Count: -1}},
	{"oversize", cloudtest.Fault{Kind: cloudtest.FaultOversize, Size: 1 << 20, Count: -1}},
}

// under runs calls once per sweep fault, plus once each with a wrong secret
// and with a skewed clock (through the clients that newClients builds).
func (s *sweep) under(srv *cloudtest.Server, good multicloud.CredentialsProvider, run func(label string, creds multicloud.CredentialsProvider, opts []multicloud.Option)) {
	for _, f := range sweepFaults {
		srv.ClearFaults()
		if f.fault.Kind != 0 {
			srv.Inject(f.fault)
		}
		run(f.name, good, s.options(srv))
	}
	srv.ClearFaults()
	c := srv.Credentials()
	c.SecretAccessKey = wrongSecret
	run("wrong-secret", credentials.Static(c), s.options(srv))
	run("clock-skew", good, s.options(srv, multicloud.WithClock(func() time.Time { return time.Now().Add(-2 * time.Hour) })))
}

// quick makes waiters poll at once, again and again, for a short while.
func quickQC(o *iaas.WaitOptions) {
	o.MinDelay, o.MaxDelay, o.MaxWait = time.Millisecond, 5*time.Millisecond, 2*time.Second
}

// TestNoSecretsAnywhere is the secret-hygiene sweep. With debug logging on,
// it calls every kind of public entry point of all three clouds (typed
// calls that read and mutate, with login passwords; iterators; waiters;
// the generic Call; inputs refused before sending) under every fault, with a
// wrong secret and with a skewed clock; it builds clients from every kind of
// credentials provider (environment, files, functions, caches, chains),
// valid and broken. Then it fails if a secret key, session token, password,
// signature or Authorization value appears in a log line, an error's text,
// or the %v, %+v, %#v or %s of anything returned, of the clients, their
// configurations and the credentials providers.
func TestNoSecretsAnywhere(t *testing.T) {
	s := newSweep(t)
	ctx := t.Context()
	pw := sweepPassword

	jd := cloudtest.NewJDCloud(cloudtest.WithCredentials(sweepJD, sweepJDFile), cloudtest.WithInstances(3), cloudtest.WithMaxPageSize(10), cloudtest.WithJobDelay(0))
	volc := cloudtest.NewVolcengine(cloudtest.WithCredentials(sweepVolc, sweepVolcFile), cloudtest.WithInstances(3), cloudtest.WithMaxPageSize(2), cloudtest.WithBills(3))
	qc := cloudtest.NewQingCloud(cloudtest.WithCredentials(sweepQC, sweepQCFile), cloudtest.WithInstances(3), cloudtest.WithMaxPageSize(2), cloudtest.WithJobDelay(0))
	s.servers = []*cloudtest.Server{jd, volc, qc}
	for _, srv := range s.servers {
		defer srv.Close()
		s.see("cloudtest credentials provider "+srv.Provider(), srv.CredentialsProvider())
	}

	// Credentials providers: the environment (through lookups), files in a
	// home directory, functions, caches and chains.
	home := t.TempDir()
	writeFile(t, home, ".jdc/config", "[default]\naccess_key = "+sweepJDFile.AccessKeyID+"\nsecret_key = "+sweepJDFile.SecretAccessKey+"\nregion_id = cn-north-1\n")
	writeFile(t, home, ".jdc/current", "default")
	writeFile(t, home, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = "+sweepVolcFile.AccessKeyID+
		"\nvolcengine_secret_access_key = "+sweepVolcFile.SecretAccessKey+"\nvolcengine_session_token = "+sweepVolcFile.SessionToken+"\n")
	writeFile(t, home, ".qingcloud/config.yaml", "qy_access_key_id: '"+sweepQCFile.AccessKeyID+"'\nqy_secret_access_key: '"+sweepQCFile.SecretAccessKey+"'\nzone: 'pek3a'\n")
	broken := t.TempDir()
	writeFile(t, broken, ".jdc/config", "[default]\naccess_key = "+sweepJDFile.AccessKeyID+"\n"+sweepJDFile.SecretAccessKey+"\n")
	writeFile(t, broken, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = "+sweepVolcFile.AccessKeyID+
		"\nvolcengine_secret_access_key = '"+sweepVolcFile.SecretAccessKey+"\nvolcengine_session_token = "+sweepVolcFile.SessionToken+" x\n")
	writeFile(t, broken, ".qingcloud/config.yaml", "qy_access_key_id: "+sweepQCFile.AccessKeyID+"\nqy_secret_access_key: '"+sweepQCFile.SecretAccessKey+"\n")
	empty := t.TempDir()
	env := func(kv ...string) credentials.Option {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return credentials.WithLookupEnv(func(k string) (string, bool) { v, ok := m[k]; return v, ok })
	}
	jdEnv := env(credentials.JDCloudAccessKeyEnv, sweepJD.AccessKeyID, credentials.JDCloudSecretKeyEnv, sweepJD.SecretAccessKey)
	volcEnv := env("VOLCENGINE_ACCESS_KEY", sweepVolc.AccessKeyID, "VOLCENGINE_SECRET_KEY", sweepVolc.SecretAccessKey,
		"VOLCENGINE_SESSION_TOKEN", sweepVolc.SessionToken)
	badEnv := env(credentials.JDCloudAccessKeyEnv, sweepJD.AccessKeyID, credentials.JDCloudSecretKeyEnv, " "+sweepJD.SecretAccessKey,
		"VOLCENGINE_ACCESS_KEY", sweepVolc.AccessKeyID, "VOLCENGINE_SECRET_KEY", sweepVolc.SecretAccessKey+"\n",
		credentials.QingCloudAccessKeyIDEnv, sweepQC.AccessKeyID, credentials.QingCloudSecretAccessKeyEnv, "'"+sweepQC.SecretAccessKey+"'")

	providers := map[string]credentials.Provider{
		"jd env chain":     credentials.JDCloudDefault(jdEnv, credentials.WithHomeDir(empty)),
		"jd file":          credentials.JDCloudCLIConfigFile("", credentials.WithHomeDir(home)),
		"jd file broken":   credentials.JDCloudCLIConfigFile("", credentials.WithHomeDir(broken)),
		"jd env broken":    credentials.JDCloudEnv(badEnv),
		"volc env cached":  credentials.NewCache(credentials.VolcengineDefault(volcEnv, credentials.WithHomeDir(empty))),
		"volc file":        credentials.VolcengineSharedCredentialsFile("", credentials.WithHomeDir(home)),
		"volc file broken": credentials.VolcengineDefault(env(), credentials.WithHomeDir(broken)),
		"volc env broken":  credentials.VolcengineEnv(badEnv),
		"qc func cached": credentials.NewCache(credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) {
			return sweepQC, time.Now().Add(time.Hour), nil
		})),
		"qc file chain":  credentials.Chain(credentials.QingCloudEnv(env()), credentials.QingCloudConfigFile("", credentials.WithHomeDir(home))),
		"qc file broken": credentials.QingCloudDefault(env(), credentials.WithHomeDir(broken)),
		"qc env broken":  credentials.QingCloudEnv(badEnv),
		"static":         credentials.Static(sweepQC),
		"func failing": credentials.Func(func(context.Context) (signer.Credentials, error) {
			return signer.Credentials{SecretAccessKey: sweepQC.SecretAccessKey}, nil
		}),
		"chain of broken": credentials.Chain(credentials.JDCloudEnv(badEnv), credentials.VolcengineEnv(badEnv), credentials.QingCloudEnv(badEnv)),
	}
	for name, p := range providers {
		c, err := p.Retrieve(ctx)
		s.see("provider "+name, p, c, err)
		s.see("provider "+name+" again (cached)", p)
	}

	// JD Cloud: typed vm and vpc, the generic call; reads, a mutation with a
	// password, the iterator, the waiter, refused input.
	jdCall := func(label string, creds multicloud.CredentialsProvider, opts []multicloud.Option) {
		cfg := jdcloud.Config{Credentials: creds, Region: jd.Region()}
		vmc, err := vm.New(cfg, opts...)
		require.NoError(t, err)
		vpcc, err := vpc.New(cfg, opts...)
		require.NoError(t, err)
		gen, err := jdcloud.New(cfg, opts...)
		require.NoError(t, err)
		s.see("jd clients", vmc, vpcc, gen, gen.Config())

		out, err := vmc.DescribeInstances(ctx, &vm.DescribeInstancesInput{})
		s.see("jd "+label+" vm.DescribeInstances", out, err)
		created, err := vmc.CreateInstances(ctx, &vm.CreateInstancesInput{InstanceSpec: &vm.InstanceSpec{
			Az: multicloud.Ptr("cn-north-1a"), InstanceType: multicloud.Ptr("g.n2.medium"), ImageID: multicloud.Ptr("img-1"),
			Name: "sweep", Password: &pw,
		}})
		s.see("jd "+label+" vm.CreateInstances", created, err)
		if created != nil && len(created.InstanceIDs) > 0 {
			inst, err := vmc.WaitInstanceStatus(ctx, created.InstanceIDs[0], "running", func(o *vm.WaitOptions) {
				o.Region = jd.Region()
				o.MinDelay, o.MaxDelay, o.MaxWait = time.Millisecond, 5*time.Millisecond, 2*time.Second
			})
			s.see("jd "+label+" vm.WaitInstanceStatus", inst, err)
		}
		for item, err := range vmc.DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{PageSize: multicloud.Ptr[int64](10)}) {
			s.see("jd "+label+" vm.DescribeInstancesAll", item, err)
		}
		vpcs, err := vpcc.DescribeVpcs(ctx, &vpc.DescribeVpcsInput{})
		s.see("jd "+label+" vpc.DescribeVpcs", vpcs, err)
		refused, err := vmc.CreateInstances(ctx, &vm.CreateInstancesInput{})
		s.see("jd "+label+" vm.CreateInstances refused", refused, err)
		var raw map[string]any
		err = gen.Call(ctx, &jdcloud.Request{Service: "vm", Method: http.MethodPost, Path: "/regions/{regionId}/instances",
			Action: "CreateInstances", Params: map[string]any{"instanceSpec": map[string]any{
				"az": "cn-north-1a", "instanceType": "g.n2.medium", "imageId": "img-1", "name": "sweep-generic", "password": pw}}}, &raw)
		s.see("jd "+label+" Call CreateInstances", raw, err)
	}
	s.under(jd, providers["jd env chain"], jdCall)
	jdCall("file credentials", providers["jd file"], s.options(jd))
	jdCall("broken file credentials", providers["jd file broken"], s.options(jd))
	jdCall("broken env credentials", providers["jd env broken"], s.options(jd))

	// Volcengine: typed ecs and billing, the generic call.
	period := volc.Now().UTC().Format("2006-01")
	volcCall := func(label string, creds multicloud.CredentialsProvider, opts []multicloud.Option) {
		cfg := volcengine.Config{Credentials: creds, Region: volc.Region()}
		ecsc, err := ecs.New(cfg, opts...)
		require.NoError(t, err)
		bill, err := billing.New(cfg, opts...)
		require.NoError(t, err)
		gen, err := volcengine.New(cfg, opts...)
		require.NoError(t, err)
		s.see("volc clients", ecsc, bill, gen, gen.Config())

		out, err := ecsc.DescribeInstances(ctx, &ecs.DescribeInstancesInput{})
		s.see("volc "+label+" ecs.DescribeInstances", out, err)
		run, err := ecsc.RunInstances(ctx, &ecs.RunInstancesInput{ImageID: "image-1", InstanceName: "sweep", ZoneID: "cn-beijing-a", Password: &pw})
		s.see("volc "+label+" ecs.RunInstances", run, err)
		if out != nil && len(out.Instances) > 0 {
			inst, err := ecsc.WaitInstanceStatus(ctx, out.Instances[0].InstanceID, "RUNNING", func(o *ecs.WaitOptions) {
				o.MinDelay, o.MaxDelay, o.MaxWait = time.Millisecond, 5*time.Millisecond, 2*time.Second
			})
			s.see("volc "+label+" ecs.WaitInstanceStatus", inst, err)
		}
		for item, err := range ecsc.DescribeInstancesAll(ctx, &ecs.DescribeInstancesInput{}) {
			s.see("volc "+label+" ecs.DescribeInstancesAll", item, err)
		}
		bal, err := bill.QueryBalanceAcct(ctx, &billing.QueryBalanceAcctInput{})
		s.see("volc "+label+" billing.QueryBalanceAcct", bal, err)
		for item, err := range bill.ListBillAll(ctx, &billing.ListBillInput{BillPeriod: period, Limit: multicloud.Ptr[int64](2)}) {
			s.see("volc "+label+" billing.ListBillAll", item, err)
		}
		refused, err := bill.ListBill(ctx, &billing.ListBillInput{})
		s.see("volc "+label+" billing.ListBill refused", refused, err)
		var raw map[string]any
		err = gen.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
			Params: map[string]any{"ImageId": "image-1", "Password": pw}}, &raw)
		s.see("volc "+label+" Call RunInstances", raw, err)
	}
	s.under(volc, providers["volc env cached"], volcCall)
	volcCall("file credentials", providers["volc file"], s.options(volc))
	volcCall("broken file credentials", providers["volc file broken"], s.options(volc))
	volcCall("broken env credentials", providers["volc env broken"], s.options(volc))

	// QingCloud: typed iaas with its waiters, the generic call.
	qcCall := func(label string, creds multicloud.CredentialsProvider, opts []multicloud.Option) {
		cfg := qingcloud.Config{Credentials: creds, Zone: qc.Region()}
		c, err := iaas.New(cfg, opts...)
		require.NoError(t, err)
		gen, err := qingcloud.New(cfg, opts...)
		require.NoError(t, err)
		s.see("qc clients", c, gen, gen.Config())

		run, err := c.RunInstances(ctx, &iaas.RunInstancesInput{ImageID: "img-sweep", LoginMode: "passwd", LoginPasswd: &pw,
			InstanceType: multicloud.Ptr("small_b")})
		s.see("qc "+label+" iaas.RunInstances", run, err)
		jobID := "j-unknown"
		if run != nil && run.JobID != "" {
			jobID = run.JobID
		}
		job, err := c.WaitJob(ctx, jobID, quickQC)
		s.see("qc "+label+" iaas.WaitJob", job, err)
		if run != nil && len(run.Instances) > 0 {
			inst, err := c.WaitInstanceStatus(ctx, run.Instances[0], "running", quickQC)
			s.see("qc "+label+" iaas.WaitInstanceStatus", inst, err)
		}
		for item, err := range c.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{}) {
			s.see("qc "+label+" iaas.DescribeInstancesAll", item, err)
		}
		refused, err := c.RunInstances(ctx, &iaas.RunInstancesInput{LoginPasswd: &pw})
		s.see("qc "+label+" iaas.RunInstances refused", refused, err)
		var raw map[string]any
		err = gen.Call(ctx, &qingcloud.Request{Action: "RunInstances", Params: map[string]any{
			"image_id": "img-sweep", "login_mode": "passwd", "login_passwd": pw, "instance_type": "small_b"}}, &raw)
		s.see("qc "+label+" Call RunInstances", raw, err)
	}
	s.under(qc, providers["qc func cached"], qcCall)
	qcCall("file credentials", providers["qc file chain"], s.options(qc))
	qcCall("broken file credentials", providers["qc file broken"], s.options(qc))
	qcCall("broken env credentials", providers["qc env broken"], s.options(qc))
	qcCall("static credentials", providers["static"], s.options(qc))
	qcCall("failing function", providers["func failing"], s.options(qc))

	// The providers again, now that caches hold credentials.
	for name, p := range providers {
		s.see("provider "+name+" after use", p)
	}
	s.check()
}

func writeFile(t *testing.T, home, name, content string) {
	t.Helper()
	path := filepath.Join(home, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
}
