package credentials

import (
	"errors"

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

// fileSettings is what one profile of a config file holds: the credentials
// (or why there are none) and the default region or zone. One parse of the
// file gives both, so credentials and place always come from the same file
// and profile.
type fileSettings struct {
	path     string
	creds    signer.Credentials
	credsErr error // wraps ErrNotFound or ErrInvalid when creds are unusable
	place    field // the region or zone; empty value when the profile names none
}

// credentialsOf returns the credentials of a parse: the parse's own error
// (the file or the profile could not be used), else the credentials or why
// they are unusable.
func credentialsOf(s fileSettings, err error) (signer.Credentials, error) {
	if err != nil {
		return signer.Credentials{}, err
	}
	return s.creds, s.credsErr
}

// placeOf returns the region or zone of a parse, "" when the profile names
// none or is absent (an error wrapping ErrNotFound). Errors that the
// credentials would give for the file itself (syntax, a profile selected by
// name that is missing) are returned as they are; a place value that is
// malformed is a *ParseError naming the line and key.
func placeOf(s fileSettings, err error) (string, error) {
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return "", nil
		}
		return "", err
	}
	if p := valueProblem(s.place.value); p != "" {
		return "", &ParseError{Path: s.path, Line: s.place.line, Key: s.place.key, Reason: p}
	}
	return s.place.value, nil
}
