package credentials

import (
	"github.com/multicloud-go/multicloud/signer"
)

// field is one credential value found in a file.
type field struct {
	key   string // the key it was found under, or the preferred key when absent
	value string
	line  int
}

// pick returns the first non-empty value among keys, in order; when none is
// set it returns an empty field named after the first key.
func pick(get func(key string) (string, int, bool), keys ...string) field {
	for _, k := range keys {
		if v, n, ok := get(k); ok && v != "" {
			return field{key: k, value: v, line: n}
		}
	}
	return field{key: keys[0]}
}

// credentialsFromFields checks what was found in a file and builds
// credentials. where describes the place for "not found" messages, e.g.
// `file /h/.jdc/config, profile "default"`. Problems are reported with the
// line and key, never the value.
func credentialsFromFields(path, where string, id, secret, token field) (signer.Credentials, error) {
	switch {
	case id.value == "" && secret.value == "":
		return signer.Credentials{}, notFound(where + " (no " + id.key + " or " + secret.key + ")")
	case secret.value == "":
		return signer.Credentials{}, &ParseError{Path: path, Line: id.line, Key: id.key, Reason: "set, but " + secret.key + " is missing or empty"}
	case id.value == "":
		return signer.Credentials{}, &ParseError{Path: path, Line: secret.line, Key: secret.key, Reason: "set, but " + id.key + " is missing or empty"}
	}
	for _, f := range []field{id, secret, token} {
		if p := valueProblem(f.value); p != "" {
			return signer.Credentials{}, &ParseError{Path: path, Line: f.line, Key: f.key, Reason: p}
		}
	}
	return signer.Credentials{AccessKeyID: id.value, SecretAccessKey: secret.value, SessionToken: token.value}, nil
}
