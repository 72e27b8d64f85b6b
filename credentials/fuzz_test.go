package credentials

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/multicloud-go/multicloud/signer"
)

// The fuzz targets feed arbitrary bytes to the file parsers. For every input:
// no panic; every error is classified (ErrNotFound or ErrInvalid) and holds no
// token that could be a key or secret; anything returned as credentials
// has both parts non-empty, well-formed, and taken from the input under the
// right key; and a region or zone returned is well-formed and from the input.

const fuzzPath = "fuzz/config"

// leaky returns a word of msg that could only have come from the input: one
// with both letters and digits. Messages are built from the path, line
// numbers, key names and fixed text, none of which has such a word; every
// secret in the seed corpora has one.
func leaky(msg string) string {
	isWord := func(r rune) bool {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("+/=_-", r)
	}
	for _, w := range strings.FieldsFunc(msg, func(r rune) bool { return !isWord(r) }) {
		if w == "UTF-8" {
			continue
		}
		hasDigit := strings.ContainsAny(w, "0123456789")
		hasLetter := strings.IndexFunc(w, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
		if hasDigit && hasLetter {
			return w
		}
	}
	return ""
}

func checkResult(t *testing.T, data []byte, c signer.Credentials, err error, keys ...string) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrInvalid) {
			t.Fatalf("unclassified error: %v", err)
		}
		if w := leaky(err.Error()); w != "" {
			t.Fatalf("error %q contains %q from the input", err, w)
		}
		if c != (signer.Credentials{}) {
			t.Fatalf("credentials returned with an error")
		}
		return
	}
	if c.AccessKeyID == "" || c.SecretAccessKey == "" {
		t.Fatalf("empty credentials without an error")
	}
	in := string(data)
	for _, k := range keys {
		if !strings.Contains(strings.ToLower(in), k) {
			t.Fatalf("credentials without key %q in the input", k)
		}
	}
	for _, v := range []string{c.AccessKeyID, c.SecretAccessKey, c.SessionToken} {
		if p := valueProblem(v); p != "" {
			t.Fatalf("returned a value that %s", p)
		}
		// Values are taken verbatim, or (YAML double quotes) with \\ for \.
		if !strings.Contains(in, v) && !strings.Contains(in, strings.ReplaceAll(v, `\`, `\\`)) {
			t.Fatalf("returned a value that is not in the input")
		}
	}
}

// checkPlace checks the region or zone of a parse as checkResult checks the
// credentials: a classified error without input in it, or a well-formed value
// taken from the input.
func checkPlace(t *testing.T, data []byte, s fileSettings, err error) {
	t.Helper()
	place, err := placeOf(s, err)
	if err != nil {
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("a place error is not ErrInvalid: %v", err)
		}
		if w := leaky(err.Error()); w != "" {
			t.Fatalf("error %q contains %q from the input", err, w)
		}
		return
	}
	if p := valueProblem(place); p != "" {
		t.Fatalf("returned a place that %s", p)
	}
	in := string(data)
	if !strings.Contains(in, place) && !strings.Contains(in, strings.ReplaceAll(place, `\`, `\\`)) {
		t.Fatalf("returned a place that is not in the input")
	}
}

func FuzzParseQingCloudConfig(f *testing.F) {
	for _, s := range []string{
		"qy_access_key_id: 'QYACCESSKEYID0EXAMPLE'\nqy_secret_access_key: 'SECRETkey0123456789abcdefEXAMPLE'\nzone: 'pek3'\n",
		"# QingCloud services configuration\n\n#qy_access_key_id: 'ACCESS_KEY_ID'\n#qy_secret_access_key: 'SECRET_ACCESS_KEY'\n\nhost: 'api.qingcloud.com'\nport: 443\nprotocol: 'https'\nuri: '/iaas'\nconnection_retries: 3\nconnection_timeout: 30\n\n# Valid log levels are \"debug\", \"info\", \"warn\", \"error\", and \"fatal\".\nlog_level: 'warn'\n",
		"---\nqy_access_key_id: QYAK0EXAMPLE   # key\nqy_secret_access_key: \"SK0/abc+def==\\\\x\"\n",
		"qy_access_key_id: 'it''s0'\nqy_secret_access_key: \"a\\\"b0\"\n",
		"credentials:\n  qy_access_key_id: QYAK0NESTED\n",
		"qy_access_key_id: [QYAK0FLOW]\n",
		"qy_access_key_id: 'QYAK0UNTERMINATED\n",
		"qy_access_key_id: A1\nqy_secret_access_key: B2\nqy_access_key_id: C3\n",
		"\ufeffqy_access_key_id: A1\r\nqy_secret_access_key: B2\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseQingCloudConfig(fuzzPath, data)
		checkPlace(t, data, s, err)
		c, err := credentialsOf(s, err)
		checkResult(t, data, c, err, "qy_access_key_id", "qy_secret_access_key")
	})
}

func FuzzParseVolcengineCredentials(f *testing.F) {
	for _, s := range []string{
		"[default]\nvolcengine_access_key_id = AKLTexample0123\nvolcengine_secret_access_key = SKexample0123==\n",
		"[prod]\nvolcengine_access_key_id     = AKLTprod0\nvolcengine_secret_access_key = SKprod0\nvolcengine_session_token     = STS2prod0\nregion = cn-beijing\n",
		"[default]\nvolcstack_access_key_id = AKLTjava0\nvolcstack_secret_access_key = SKjava0\n",
		"# c\n; c\n[default]\nvolcengine_access_key_id = AKLT0 ; comment\n",
		"[default]\n  volcengine_access_key_id = AKLT0indented\n",
		"[default]\nvolcengine_access_key_id = A1\n[default]\nvolcengine_secret_access_key = B2\n",
		"volcengine_access_key_id = AKLT0outside\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, prod bool) {
		profile, by := "default", ""
		if prod {
			profile, by = "prod", volcengineProfileVar
		}
		s, err := parseVolcengineCredentials(fuzzPath, data, profile, by)
		checkPlace(t, data, s, err)
		c, err := credentialsOf(s, err)
		checkResult(t, data, c, err, "access_key_id", "secret_access_key")
	})
}

func FuzzParseJDCloudConfig(f *testing.F) {
	for _, s := range []string{
		"[default]\naccess_key = JDAK0EXAMPLE\nsecret_key = JDSK0EXAMPLE\nregion_id = cn-north-1\nendpoint = www.jdcloud-api.com\nscheme = https\ntimeout = 20\n\n",
		"[default]\naccess_key = JDAK0default\nsecret_key = JDSK0default\n\n[test]\naccess_key = JDAK0test\nsecret_key = JDSK0test\nregion_id = cn-east-2\n",
		"[DEFAULT]\naccess_key = JDAK0inherited\n[default]\nsecret_key = B2\n",
		"[default]\naccess_key = A1\n  continued0\nsecret_key = B2\n",
		"[default]\nACCESS_KEY = A1\nSecret_Key = B2\n",
		"[default]\naccess_key: JDAK0colon\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, test bool) {
		profile, by := "default", ""
		if test {
			profile, by = "test", "fuzz/current"
		}
		s, err := parseJDCloudConfig(fuzzPath, data, profile, by)
		checkPlace(t, data, s, err)
		c, err := credentialsOf(s, err)
		checkResult(t, data, c, err, "access_key", "secret_key")
		if c.SessionToken != "" {
			t.Fatalf("JD Cloud has no session token")
		}
	})
}

func FuzzParseVolcConfig(f *testing.F) {
	for _, s := range []string{
		`{"ak": "AKLTvolc0EXAMPLE", "sk": "SKvolc0EXAMPLE=="}`,
		"{\n  \"region\": \"cn-north-1\",\n  \"ak\": \"A1\",\n  \"nested\": {\"x\": [1, 2, null, true]},\n  \"sk\": \"B2\"\n}\n",
		`{"ak": "A1", "sk": 123}`,
		`{"ak": "A1", "sk": "B2", "ak": "C3"}`,
		`{"ak": "A1", "sk": "B2"} {}`,
		`{"ak": "A\u0031", "sk": "B2"}`,
		`{"ak": "A1", "sk": "SK0`,
		`[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := credentialsOf(parseVolcConfig(fuzzPath, data))
		if err != nil {
			checkResult(t, data, c, err)
			return
		}
		// Differential: encoding/json must read the same ak and sk.
		var m map[string]any
		if jerr := json.Unmarshal(data, &m); jerr != nil {
			t.Fatalf("accepted what encoding/json rejects: %v", jerr)
		}
		if m["ak"] != c.AccessKeyID || m["sk"] != c.SecretAccessKey || c.SessionToken != "" {
			t.Fatalf("read different values than encoding/json")
		}
		if valueProblem(c.AccessKeyID) != "" || valueProblem(c.SecretAccessKey) != "" {
			t.Fatalf("returned a malformed value")
		}
	})
}

func FuzzParseVolcengineCLIConfig(f *testing.F) {
	for _, s := range []string{
		"{\n    \"current\": \"prod\",\n    \"profiles\": {\n        \"prod\": {\n            \"name\": \"prod\",\n            \"mode\": \"ak\",\n            \"access-key\": \"AKLTprod0\",\n            \"secret-key\": \"SKprod0==\",\n            \"region\": \"cn-beijing\",\n            \"endpoint\": \"\",\n            \"session-token\": \"STS2prod0\",\n            \"disable-ssl\": false,\n            \"sts-expiration\": 0\n        }\n    },\n    \"enableColor\": false,\n    \"sso-session\": null\n}\n",
		`{"profiles": {"default": {"access-key": "AKLTdefault0", "secret-key": "SKdefault0", "region": "cn-shanghai"}}}`,
		`{"current": "sso", "profiles": {"sso": {"mode": "sso", "region": "cn-beijing", "sso-session-name": "corp0"}}}`,
		`{"current": "gone0", "profiles": {}}`,
		`{"profiles": {"default": {"mode": "AK", "access-key": "A1", "secret-key": 12}}}`,
		`{"profiles": {"default": {"access-key": "A1", "secret-key": "B2", "access-key": "C3"}}}`,
		`{"profiles": {"default": null, "prod": {"access-key": "A\u0031", "secret-key": "B2"}}}`,
		`{"profiles": {"default": {"access-key": "A1", "secret-key": "SK0`,
		"",
		"[]",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, prod bool) {
		profile, by := "", ""
		if prod {
			profile, by = "prod", volcengineCLIProfileVar
		}
		s, parseErr := parseVolcengineCLIConfig(fuzzPath, data, profile, by)
		place, perr := placeOf(s, parseErr)
		if perr != nil {
			checkResult(t, data, signer.Credentials{}, perr) // classified, nothing from the input
		}
		c, err := credentialsOf(s, parseErr)
		if err != nil {
			checkResult(t, data, c, err)
		}
		if parseErr != nil || perr != nil && err != nil {
			return
		}
		// Differential: encoding/json reads the same values from the same
		// profile (keys compared exactly; duplicates were refused). Values
		// can be escaped in the input, so they are compared decoded.
		var m struct {
			Current  string                    `json:"current"`
			Profiles map[string]map[string]any `json:"profiles"`
		}
		if jerr := json.Unmarshal(data, &m); jerr != nil {
			t.Fatalf("accepted what encoding/json rejects: %v", jerr)
		}
		name := profile
		if name == "" {
			name = m.Current
		}
		if name == "" {
			name = "default"
		}
		p := m.Profiles[name]
		str := func(k string) string { v, _ := p[k].(string); return v }
		if perr == nil && (place != str("region") && place != "" || valueProblem(place) != "") {
			t.Fatalf("read a different region than encoding/json, or a malformed one")
		}
		if err == nil {
			if str("access-key") != c.AccessKeyID || str("secret-key") != c.SecretAccessKey || str("session-token") != c.SessionToken {
				t.Fatalf("read different credentials than encoding/json")
			}
			for _, v := range []string{c.AccessKeyID, c.SecretAccessKey, c.SessionToken} {
				if valueProblem(v) != "" {
					t.Fatalf("returned a malformed value")
				}
			}
		}
	})
}

// The leak check of the fuzz targets catches what it is meant to catch.
func TestLeaky(t *testing.T) {
	t.Parallel()
	for msg, want := range map[string]string{
		"credentials: fuzz/config:12: qy_secret_access_key: value contains whitespace":       "",
		"credentials: fuzz/config:2: not valid UTF-8":                                        "",
		`credentials: fuzz/config: profile "prod" (selected by VOLCSTACK_PROFILE) not found`: "",
		"credentials: fuzz/config:3: bad value SKexample0123==":                              "SKexample0123==",
		"credentials: fuzz/config:3: key AKLT0x":                                             "AKLT0x",
	} {
		if got := leaky(msg); got != want {
			t.Errorf("leaky(%q) = %q, want %q", msg, got, want)
		}
	}
}
