package importer

import (
	"regexp"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// Facts the importer adds by rule, kept as tables a reader can check row by
// row (each rule has a test in facts_test.go).

// Secret values (api.Field.Secret) are recognised by wire name, since no
// source flags them. A name is normalised to lower case without "_" and
// "-" (login_passwd → loginpasswd) and is secret when it is one of
// secretNames or ends in one of secretSuffixes, and is not one of
// notSecretNames (flags and times named after a password). Only string
// fields (and lists of strings) carry secrets. User data is not marked: no
// source flags it, and the brief keeps it to the sources' word.
var (
	secretSuffixes = []string{
		"password",              // adminPassword, SuperAccountPassword, mongo_password, rdb_password
		"passwd",                // login_passwd, graphics_passwd, default_passwd
		"privatekey", "privkey", // key pairs, certificates: PrivateKey, private_key, priv_key
		"clientkey",                    // Kubernetes client certificate key
		"secretkey", "secretaccesskey", // access key secrets
		"accesskeysecret", "clientsecret", // iam, OIDC
		"webhooksecret", "decryptionkey", // monitor web hooks, rds backup decryption
		"statickey", // QingCloud VPN static key
		"apikey",    // Volcengine iam API key values
	}
	secretNames    = []string{"secret", "token", "sessiontoken", "securitytoken", "passphrase"}
	notSecretNames = []string{
		"includepassword", "nopassword", "needresetpassword", "autogeneratepassword",
		"passwordauth", "fresetpwd",
	}
)

// IsSecret applies the secret-name rules to a field.
func IsSecret(wire string, t api.TypeRef) bool {
	if t.Kind == api.KindList && t.Elem != nil {
		t = *t.Elem
	}
	if t.Kind != api.KindString {
		return false
	}
	n := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(wire))
	for _, x := range notSecretNames {
		if n == x {
			return false
		}
	}
	for _, x := range secretNames {
		if n == x {
			return true
		}
	}
	for _, x := range secretSuffixes {
		if strings.HasSuffix(n, x) {
			return true
		}
	}
	return false
}

// idempotencyTokens are the wire names of the top-level input fields that
// carry each provider's idempotency token (providers/*.md): Volcengine
// ClientToken, JD Cloud clientToken. QingCloud has none.
var idempotencyTokens = map[string][]string{
	api.ProviderJDCloud:    {"clientToken"},
	api.ProviderVolcengine: {"ClientToken"},
}

// IdempotencyToken returns the wire name of an operation's idempotency
// token field, or "".
func IdempotencyToken(provider string, o *api.Operation) string {
	for _, w := range idempotencyTokens[provider] {
		if f := o.InputField(w); f != nil && f.Type.Kind == api.KindString {
			return w
		}
	}
	return ""
}

// JD Cloud's OpenAPI common declaration (providers/jdcloud.md, last
// section): how a billed resource is charged. chargeMode defaults to
// prepaid_by_duration, which needs chargeUnit and chargeDuration.
var (
	jdChargeModes       = []string{"prepaid_by_duration", "postpaid_by_usage", "postpaid_by_duration"}
	jdChargeModeDefault = "prepaid_by_duration"
)

// jdRegions are JD Cloud's region codes, from the same declaration: Beijing,
// Suqian, Shanghai, Guangzhou. They are the only region codes the field docs
// of all 126 staged services mention, so they are given as the values of
// every top-level regionId input (documentation, not enforced). Zone codes
// are not: the declaration writes Shanghai's zones as cn-north-2a/2b, which
// contradicts its region code, so no list of zones is sound enough to state.
var jdRegions = []string{"cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"}

// applyFacts adds the rule-based facts to every field and operation of s.
func applyFacts(s *api.Service) {
	mark := func(fs []api.Field, chargeSpec bool) {
		for i := range fs {
			f := &fs[i]
			if IsSecret(f.WireName, f.Type) {
				f.Secret = true
			}
			if chargeSpec && f.WireName == "chargeMode" && f.Type.Kind == api.KindString && len(f.Enum) == 0 {
				f.Enum = jdChargeModes
				f.Default = jdChargeModeDefault
			}
		}
	}
	for i := range s.Operations {
		o := &s.Operations[i]
		if s.Provider == api.ProviderJDCloud {
			if f := o.InputField("regionId"); f != nil && f.Type.Kind == api.KindString && len(f.Enum) == 0 {
				f.Enum = jdRegions
			}
		}
		mark(o.Input, false)
		mark(o.Output, false)
		o.IdempotencyToken = IdempotencyToken(s.Provider, o)
	}
	for i := range s.Types {
		t := &s.Types[i]
		mark(t.Fields, s.Provider == api.ProviderJDCloud && t.SpecName == "charge.ChargeSpec")
	}
}

// JD Cloud states ranges and defaults of integers only in its field docs,
// as "取值范围[10, 100]" and "默认为20" / "默认值：1". The importer reads them
// for integer fields when the doc states exactly one of each, so that a
// range or default that depends on another field ("ssd: [20,1000],
// premium-hdd: [20,3000]") is not taken for the whole field.
var (
	jdRangeAll   = regexp.MustCompile(`[\[［]\s*(-?\d+)\s*[,，~～]\s*(-?\d+)\s*[\]］]`)
	jdDefaultAll = regexp.MustCompile(`默认(?:值)?(?:为|是|：|:)\s*(-?\d+)`)
)

// jdDocFacts returns the range and default an integer field's doc states.
func jdDocFacts(doc string) (min, max, def string) {
	if r := jdRangeAll.FindAllStringSubmatch(doc, -1); len(r) == 1 {
		min, max = r[0][1], r[0][2]
	}
	if d := jdDefaultAll.FindAllStringSubmatch(doc, -1); len(d) == 1 {
		def = d[0][1]
	}
	return min, max, def
}
