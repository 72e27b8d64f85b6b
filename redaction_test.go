package multicloud_test

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit/redislimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/billing"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// The values the rendering sweep plants. None may appear in any rendering
// of any value below.
const (
	renderSecret   = "RENDER-SECRET-never-printed-3197"
	renderToken    = "RENDER-TOKEN-never-printed-6620"
	renderPassword = "RENDER-PASSWORD-never-printed-0448"
)

var renderCreds = signer.Credentials{AccessKeyID: "AKRENDER", SecretAccessKey: renderSecret, SessionToken: renderToken}

// secretHolders are the exported types reachable from a client that can
// hold a secret, each built holding the planted secrets. Adding a type to
// the sweep is one line here.
func secretHolders(t *testing.T) map[string]any {
	static := credentials.Static(renderCreds)
	cache := credentials.NewCache(static)
	_, err := cache.Retrieve(t.Context()) // so that it holds the credentials
	require.NoError(t, err)
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".jdc"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".jdc", "config"),
		[]byte("[default]\naccess_key = AKFILE\nsecret_key = "+renderSecret+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".jdc", "current"), []byte("default"), 0o600))
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".volcengine"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".volcengine", "config.json"),
		[]byte(`{"current": "default", "profiles": {"default": {"mode": "ak", "access-key": "AKFILE", "secret-key": "`+
			renderSecret+`", "session-token": "`+renderToken+`", "region": "cn-beijing"}}}`), 0o600))
	lookup := func(k string) (string, bool) {
		return map[string]string{"A": "AKENV", "S": renderSecret, "T": renderToken}[k], true
	}
	extras := multicloud.CallExtras{Secrets: []string{renderPassword}, IdempotencyToken: "token-1"}
	srv := cloudtest.NewJDCloud(cloudtest.WithCredentials(renderCreds))
	t.Cleanup(srv.Close)

	jdCfg := jdcloud.Config{Credentials: static, Region: "cn-north-1"}
	volcCfg := volcengine.Config{Credentials: static, Region: "cn-beijing"}
	qcCfg := qingcloud.Config{Credentials: static, Zone: "pek3a"}
	jd, err := jdcloud.New(jdCfg)
	require.NoError(t, err)
	volc, err := volcengine.New(volcCfg)
	require.NoError(t, err)
	qc, err := qingcloud.New(qcCfg)
	require.NoError(t, err)
	vmc, err := vm.New(jdCfg)
	require.NoError(t, err)
	ecsc, err := ecs.New(volcCfg)
	require.NoError(t, err)
	billc, err := billing.New(volcCfg)
	require.NoError(t, err)
	iaasc, err := iaas.New(qcCfg)
	require.NoError(t, err)
	core, err := multicloud.New()
	require.NoError(t, err)
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", Username: "limiter", Password: renderPassword})
	t.Cleanup(func() { _ = rdb.Close() })
	group, err := redislimit.QingCloud(rdb, "AKRENDER")
	require.NoError(t, err)
	limited, err := multicloud.New(multicloud.WithRateLimiter(group))
	require.NoError(t, err)

	return map[string]any{
		"signer.Credentials":         renderCreds,
		"credentials.StaticProvider": static,
		"credentials.Expiring":       credentials.Expiring{Credentials: renderCreds, Expires: time.Unix(1e9, 0)},
		"*credentials.Cache":         cache,
		"*credentials.ChainProvider": credentials.Chain(static, cache),
		"credentials.EnvProvider": credentials.EnvProvider{AccessKeyIDVars: []string{"A"}, SecretAccessKeyVars: []string{"S"},
			SessionTokenVars: []string{"T"}, LookupEnv: lookup},
		"credentials file provider":               credentials.JDCloudCLIConfigFile("", credentials.WithHomeDir(home)),
		"ve CLI config file provider":             credentials.VolcengineCLIConfigFile("", credentials.WithHomeDir(home)),
		"jdcloud.Config":                          jdCfg,
		"volcengine.Config":                       volcCfg,
		"qingcloud.Config":                        qcCfg,
		"jdcloud.Client.Config()":                 jd.Config(),
		"*jdcloud.Client":                         jd,
		"*volcengine.Client":                      volc,
		"*qingcloud.Client":                       qc,
		"jdcloud.Client":                          *jd,
		"volcengine.Client":                       *volc,
		"qingcloud.Client":                        *qc,
		"*vm.Client":                              vmc,
		"*ecs.Client":                             ecsc,
		"*billing.Client":                         billc,
		"*iaas.Client":                            iaasc,
		"*multicloud.Client":                      core,
		"*redislimit.Group":                       group,
		"*redislimit.Limiter":                     group.For("qingcloud/iaas"),
		"*multicloud.Client with a Redis limiter": limited,
		"jdcloud.Request": jdcloud.Request{Service: "vm", Method: "POST", Path: "/regions/{regionId}/instances", Action: "CreateInstances",
			Params: map[string]any{"password": renderPassword}, CallExtras: extras},
		"volcengine.Request": volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
			Params: map[string]any{"Password": renderPassword}, CallExtras: extras},
		"qingcloud.Request": qingcloud.Request{Action: "RunInstances",
			Params: map[string]any{"login_passwd": renderPassword}, CallExtras: extras},
		"multicloud.Request": multicloud.Request{Provider: "qingcloud", Service: "iaas", Action: "RunInstances", Method: "GET",
			URL:  &url.URL{Scheme: "https", Host: "api.qingcloud.com", Path: "/iaas/", RawQuery: "login_passwd=" + renderPassword},
			Body: []byte(`{"password":"` + renderPassword + `"}`), Credentials: static, CallExtras: extras},
		"multicloud.CallExtras":                  extras,
		"*cloudtest.Server":                      srv,
		"cloudtest.Server.CredentialsProvider()": srv.CredentialsProvider(),
		"cloudtest.Server.Credentials()":         srv.Credentials(),
	}
}

// rendering is one way a program turns a value into text or bytes.
type rendering struct {
	name   string
	render func(v any) (string, error)
}

// renderings are every formatter the sweep runs: fmt verbs, slog's text and
// JSON handlers (as an attribute, in a group, through With), JSON and XML
// (plain, indented, and with the value as a struct field, a map value, a
// slice element and through a pointer), and gob.
func renderings() []rendering {
	var rs []rendering
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		rs = append(rs, rendering{"fmt " + verb, func(v any) (string, error) { return fmt.Sprintf(verb, v), nil }})
	}
	rs = append(rs,
		rendering{"fmt.Sprint", func(v any) (string, error) { return fmt.Sprint(v), nil }},
		rendering{"fmt.Sprintln", func(v any) (string, error) { return fmt.Sprintln(v), nil }},
	)
	for _, h := range []struct {
		name string
		new  func(*bytes.Buffer) slog.Handler
	}{
		{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
		{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
	} {
		rs = append(rs, rendering{"slog " + h.name, func(v any) (string, error) {
			var b bytes.Buffer
			l := slog.New(h.new(&b))
			l.Info("any", slog.Any("v", v))
			l.Info("pair", "v", v)
			l.Info("group", slog.Group("g", slog.Any("v", v)))
			l.With("v", v).Info("with")
			l.WithGroup("g").Info("with group", "v", v)
			return b.String(), nil
		}})
	}
	for _, m := range []struct {
		name    string
		marshal func(any) ([]byte, error)
	}{
		{"json", json.Marshal},
		{"json indent", func(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }},
		{"xml", xml.Marshal},
		{"gob", func(v any) ([]byte, error) {
			var b bytes.Buffer
			err := gob.NewEncoder(&b).Encode(v)
			return b.Bytes(), err
		}},
	} {
		for _, shape := range shapes() {
			rs = append(rs, rendering{m.name + " " + shape.name, func(v any) (string, error) {
				out, err := m.marshal(shape.wrap(v))
				return string(out), err
			}})
		}
	}
	return rs
}

// shapes put a value where a caller's data would hold it.
func shapes() []struct {
	name string
	wrap func(any) any
} {
	field := func(t reflect.Type) reflect.Type {
		return reflect.StructOf([]reflect.StructField{{Name: "Field", Type: t, Tag: `json:"field" xml:"field"`}})
	}
	return []struct {
		name string
		wrap func(any) any
	}{
		{"value", func(v any) any { return v }},
		{"pointer", func(v any) any {
			p := reflect.New(reflect.TypeOf(v))
			p.Elem().Set(reflect.ValueOf(v))
			return p.Interface()
		}},
		{"struct field", func(v any) any {
			s := reflect.New(field(reflect.TypeOf(v))).Elem()
			s.Field(0).Set(reflect.ValueOf(v))
			return s.Interface()
		}},
		{"pointer to struct field", func(v any) any {
			s := reflect.New(field(reflect.TypeOf(v)))
			s.Elem().Field(0).Set(reflect.ValueOf(v))
			return s.Interface()
		}},
		{"map value", func(v any) any {
			m := reflect.MakeMap(reflect.MapOf(reflect.TypeFor[string](), reflect.TypeOf(v)))
			m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf(v))
			return m.Interface()
		}},
		{"slice element", func(v any) any {
			s := reflect.MakeSlice(reflect.SliceOf(reflect.TypeOf(v)), 1, 1)
			s.Index(0).Set(reflect.ValueOf(v))
			return s.Interface()
		}},
		{"interface field", func(v any) any { return holder{Field: v} }},
	}
}

// holder is a caller's named struct with a field of any type.
type holder struct{ Field any }

// leaks renders v every way and returns the names of the renderings whose
// text, or whose error, holds a planted secret, and the first such text.
func leaks(v any) (found []string, example string) {
	for _, r := range renderings() {
		text, err := r.render(v)
		if err != nil {
			text += " error: " + err.Error()
		}
		for _, secret := range []string{renderSecret, renderToken, renderPassword} {
			if strings.Contains(text, secret) {
				found = append(found, r.name)
				if example == "" {
					example = fmt.Sprintf("%s: %.300q", r.name, text)
				}
				break
			}
		}
	}
	return found, example
}

// TestRenderingsRedactSecrets is the rendering half of the secret sweep:
// every exported type that can hold a secret, built holding known secrets,
// is rendered by every formatter a program could point at it (fmt verbs,
// slog text and JSON handlers, JSON, XML and gob, directly and nested), and
// no rendering may show the secret key, session token or password. gob
// refuses the types that would carry one: an error is an answer, a
// blanked secret would not be.
func TestRenderingsRedactSecrets(t *testing.T) {
	for name, v := range secretHolders(t) {
		t.Run(name, func(t *testing.T) {
			found, example := leaks(v)
			assert.Empty(t, found, "%s shows a secret, e.g. %s", name, example)
		})
	}
}

// TestRenderingSweepSeesLeaks proves the sweep can fail: a plain struct
// holding the secrets leaks through every kind of formatter it runs.
func TestRenderingSweepSeesLeaks(t *testing.T) {
	type plain struct{ Key, Token, Password string }
	found, _ := leaks(plain{renderSecret, renderToken, renderPassword})
	for _, name := range []string{"fmt %v", "fmt %q", "slog text", "slog json", "json value", "json map value",
		"json indent struct field", "xml value", "xml interface field", "gob pointer", "gob slice element"} {
		assert.Contains(t, found, name)
	}
}

// TestGobRefusesCredentials pins the gob decision: values that hold
// credentials are refused with an error rather than sent with the secret
// blanked out (which would arrive as broken keys).
func TestGobRefusesCredentials(t *testing.T) {
	for _, v := range []any{renderCreds, credentials.Static(renderCreds), jdcloud.Config{Credentials: credentials.Static(renderCreds)}} {
		err := gob.NewEncoder(new(bytes.Buffer)).Encode(v)
		require.Error(t, err, "%T", v)
		assert.NotContains(t, err.Error(), renderSecret)
	}
}

// TestRedactedRenderingsStayUseful checks that redaction keeps what a reader
// needs: the access key id, the region, the action, and a mark where a
// secret was.
func TestRedactedRenderingsStayUseful(t *testing.T) {
	holders := secretHolders(t)
	for name, want := range map[string][]string{
		"signer.Credentials":         {`"AccessKeyID":"AKRENDER"`, `"SecretAccessKey":"REDACTED"`, `"SessionToken":"REDACTED"`},
		"credentials.StaticProvider": {`"AccessKeyID":"AKRENDER"`, `"SecretAccessKey":"REDACTED"`},
		"jdcloud.Config":             {`Region: \"cn-north-1\"`, "credentials.StaticProvider"},
		"qingcloud.Config":           {`Zone: \"pek3a\"`},
		"jdcloud.Request":            {"CreateInstances", "map[string]interface {}", "Secrets: 1 REDACTED"},
		"multicloud.Request":         {"RunInstances", `https://api.qingcloud.com/iaas/?REDACTED`, "Body: 49 bytes"},
		"*jdcloud.Client":            {"jdcloud.Client{Region: \\\"cn-north-1\\\""},
	} {
		out, err := json.Marshal(holders[name])
		require.NoError(t, err, name)
		for _, w := range want {
			assert.Contains(t, string(out), w, name)
		}
	}
	var b bytes.Buffer
	require.NoError(t, xml.NewEncoder(&b).Encode(renderCreds))
	assert.Equal(t, "<Credentials><AccessKeyID>AKRENDER</AccessKeyID><SecretAccessKey>REDACTED</SecretAccessKey><SessionToken>REDACTED</SessionToken></Credentials>", b.String())
	empty, err := json.Marshal(signer.Credentials{AccessKeyID: "AK"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"AccessKeyID":"AK","SecretAccessKey":"","SessionToken":""}`, string(empty), "an unset secret shows as unset")
	assert.Equal(t, `"jdcloud.Config{Region: \"r\", Endpoint: \"\", Credentials: <nil>}"`, fmt.Sprintf("%q", jdcloud.Config{Region: "r"}))
}

// apiValuesWithSecrets are typed inputs and outputs holding a value their
// service description marks secret: a required password, an optional one
// (a pointer), one in a nested type, a private key in an output, and the
// same values in a slice.
func apiValuesWithSecrets() map[string]any {
	pw := renderPassword
	return map[string]any{
		"vm.ModifyInstancePasswordInput":  vm.ModifyInstancePasswordInput{RegionID: "cn-north-1", InstanceID: "i-1", Password: renderPassword},
		"*vm.ModifyInstancePasswordInput": &vm.ModifyInstancePasswordInput{Password: renderPassword},
		"vm.CreateKeypairOutput":          vm.CreateKeypairOutput{KeyName: "k1", PrivateKey: renderPassword},
		"vm.CreateInstancesInput":         vm.CreateInstancesInput{RegionID: "cn-north-1", InstanceSpec: &vm.InstanceSpec{Name: "web", Password: &pw}},
		"vm.InstanceSpec":                 vm.InstanceSpec{Name: "web", Password: &pw},
		"iaas.RunInstancesInput":          iaas.RunInstancesInput{LoginPasswd: &pw},
		"iaas.CreateKeyPairOutput":        iaas.CreateKeyPairOutput{KeypairID: "kp-1", PrivateKey: renderPassword},
		"[]iaas.CreateKeyPairOutput":      []iaas.CreateKeyPairOutput{{PrivateKey: renderPassword}},
		"ecs.RunInstancesInput":           ecs.RunInstancesInput{Password: &pw},
	}
}

// TestAPIValuesHideSecrets: a typed input or output that holds a secret
// shows none under any rendering (fmt verbs, slog text and JSON handlers,
// JSON and XML, directly and nested), while its other fields still show
// and the field itself keeps the value. gob is left alone: it moves
// values between programs, and API values are plain data.
func TestAPIValuesHideSecrets(t *testing.T) {
	for name, v := range apiValuesWithSecrets() {
		t.Run(name, func(t *testing.T) {
			for _, r := range renderings() {
				if strings.HasPrefix(r.name, "gob") {
					continue
				}
				text, err := r.render(v)
				if err != nil { // xml refuses maps and unnamed structs: an answer too
					text += " error: " + err.Error()
				}
				assert.NotContains(t, text, renderPassword, "%s shows the secret", r.name)
			}
		})
	}
	in := vm.ModifyInstancePasswordInput{RegionID: "cn-north-1", InstanceID: "i-1", Password: renderPassword}
	assert.Equal(t, "{RegionID:cn-north-1 InstanceID:i-1 Password:REDACTED}", fmt.Sprintf("%+v", in))
	assert.Equal(t, `vm.ModifyInstancePasswordInput{RegionID:"cn-north-1", InstanceID:"i-1", Password:"REDACTED"}`, fmt.Sprintf("%#v", in))
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"regionId":"cn-north-1","instanceId":"i-1","password":"REDACTED"}`, string(b))
	assert.Equal(t, renderPassword, in.Password, "the value itself is untouched")
	empty := vm.ModifyInstancePasswordInput{InstanceID: "i-1"}
	assert.Equal(t, "{RegionID: InstanceID:i-1 Password:}", fmt.Sprintf("%+v", empty), "an unset secret prints empty")
	pw := renderPassword
	b, err = json.Marshal(vm.CreateInstancesInput{InstanceSpec: &vm.InstanceSpec{Name: "web", Password: &pw}})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"password":"REDACTED"`, "a nested optional secret")
	assert.Contains(t, string(b), `"name":"web"`)
}
