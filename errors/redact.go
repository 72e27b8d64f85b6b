package errors

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxExcerpt is the most bytes Excerpt returns.
const MaxExcerpt = 200

// excerptWindow is how much of a body Excerpt reads. Redaction runs on the
// whole window before the result is cut to MaxExcerpt, so a secret cannot
// leak through a value that the cut would split; the window only has to be
// comfortably larger than MaxExcerpt.
const excerptWindow = 4096

// redacted replaces every secret value.
const redacted = "REDACTED"

// secretStems are the parts of a key or parameter name that mark its value
// as secret. Names are compared in lower case with '_', '-' and '.'
// removed, so "access_key_id", "AccessKeyId" and "X-Access-Key" all contain
// "accesskey", and "X-Jdcloud-Security-Token" contains "token".
var secretStems = [][]byte{
	[]byte("signature"),     // QingCloud signature=, JD/Volcengine Signature= in Authorization
	[]byte("accesskey"),     // access_key_id, AccessKeyId, accesskey [..]
	[]byte("secret"),        // secret_access_key, SecretAccessKey, client_secret
	[]byte("token"),         // security tokens, session tokens, id_token
	[]byte("password"),      // login passwords in request bodies
	[]byte("passwd"),        // QingCloud login_passwd, graphics_passwd
	[]byte("authorization"), // the Authorization header
	[]byte("credential"),    // Credential=<AK>/<scope> inside Authorization
	[]byte("apikey"),
	[]byte("privatekey"),
}

// authorizationStem marks a name whose unquoted value runs to the end of the
// line.
var authorizationStem = []byte("authorization")

// notSecret are whole (normalised) names that contain a stem but whose value
// is harmless and useful when reading an excerpt.
var notSecret = map[string]bool{
	"signaturemethod":  true, // QingCloud: HmacSHA256
	"signatureversion": true, // QingCloud: 1
	"nexttoken":        true, // Volcengine paging cursor
}

// Redact returns s with the value of every secret-looking key replaced by
// "REDACTED". A key is secret-looking when its name contains signature,
// access key, secret, token, password, passwd, authorization, credential,
// api key or private key (any case, any of '_', '-', '.' between words).
// The forms recognised are
//
//	JSON     "password":"v"   \"token\":\"v\" (JSON inside a JSON string)
//	query    access_key_id=v&signature=v
//	header   Authorization: v (to the end of the line)
//	prose    accesskey [v]
//
// Keys, separators and quotes are kept, so the text stays readable. Redact is
// idempotent. It is a safety net for excerpts and messages, not a parser: it
// prefers hiding too much to hiding too little.
func Redact(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isNameByte(s[i]) {
			i++
			continue
		}
		start := i
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
		wide, ok := secretName(s[start:i])
		if !ok {
			continue
		}
		vs, ve, ok := valueAfter(s, i, wide)
		if !ok {
			continue
		}
		if ve > vs && s[vs:ve] != redacted {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:vs])
			b.WriteString(redacted)
			last = ve
		}
		i = ve
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Excerpt returns a short, printable and redacted piece of the start of
// body, for messages about answers that could not be understood: at most
// MaxExcerpt bytes of valid UTF-8, secrets redacted (see Redact), control
// and format characters replaced by spaces and runs of white space folded.
// A cut excerpt ends with "…".
func Excerpt(body []byte) string {
	if len(body) > excerptWindow {
		body = body[:excerptWindow]
	}
	s := clean(Redact(string(body)))
	if len(s) <= MaxExcerpt {
		return s
	}
	const ellipsis = "…"
	cut := MaxExcerpt - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}

// clean makes s safe to print on one line: invalid UTF-8 becomes U+FFFD,
// control, format and line/paragraph separator characters become spaces,
// runs of white space fold to one space and the ends are trimmed.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r) // an invalid byte arrives here as utf8.RuneError, U+FFFD
	}
	return b.String()
}

// isPlain reports whether clean would return s unchanged: printable ASCII,
// no leading, trailing or doubled spaces.
func isPlain(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || (c == ' ' && s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// isNameByte reports whether c can be part of a key or parameter name.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '-' || c == '.'
}

// secretName reports whether name marks a secret value and, if so, whether
// an unquoted value runs to the end of the line (Authorization values hold
// spaces: "Bearer x", "HMAC-SHA256 Credential=..., Signature=...").
func secretName(name string) (wide, ok bool) {
	var buf [64]byte
	n := buf[:0]
	for i := 0; i < len(name) && len(n) < cap(n); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		n = append(n, c)
	}
	if notSecret[string(n)] {
		return false, false
	}
	for _, stem := range secretStems {
		if bytes.Contains(n, stem) {
			return bytes.Contains(n, authorizationStem), true
		}
	}
	return false, false
}

// valueAfter finds the value that follows a name ending at i: after an
// optional closing quote of the name, optional blanks and a separator '=' or
// ':' (or an opening '[' for the "accesskey [v]" form). It returns the
// value's bounds, without its quotes.
func valueAfter(s string, i int, wide bool) (vs, ve int, ok bool) {
	j := i
	switch {
	case strings.HasPrefix(s[j:], `\"`):
		j += 2
	case j < len(s) && (s[j] == '"' || s[j] == '\''):
		j++
	}
	j = skipBlanks(s, j)
	if j >= len(s) {
		return 0, 0, false
	}
	switch s[j] {
	case '=', ':':
		j = skipBlanks(s, j+1)
	case '[':
		return bracketValue(s, j)
	default:
		return 0, 0, false
	}
	if j >= len(s) {
		return j, j, true
	}
	switch c := s[j]; {
	case strings.HasPrefix(s[j:], `\"`):
		vs = j + 2
		if k := strings.Index(s[vs:], `\"`); k >= 0 {
			return vs, vs + k, true
		}
		return vs, len(s), true
	case c == '"' || c == '\'':
		vs = j + 1
		for k := vs; k < len(s); k++ {
			switch s[k] {
			case '\\':
				k++
			case c:
				return vs, k, true
			}
		}
		return vs, len(s), true
	case c == '[':
		return bracketValue(s, j)
	case c == '{':
		return 0, 0, false // an object: its own keys are scanned in turn
	}
	ve = j
	for ve < len(s) && !endsValue(s[ve], wide) {
		ve++
	}
	return j, ve, true
}

// bracketValue returns the bounds of the text between s[j] == '[' and the
// next ']' (or the end of s).
func bracketValue(s string, j int) (vs, ve int, ok bool) {
	vs = j + 1
	if k := strings.IndexByte(s[vs:], ']'); k >= 0 {
		return vs, vs + k, true
	}
	return vs, len(s), true
}

func skipBlanks(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j
}

// endsValue reports whether c ends an unquoted value. A wide value (an
// Authorization header) runs to the end of the line, a quote or a query
// separator.
func endsValue(c byte, wide bool) bool {
	switch c {
	case '\r', '\n', '"', '\'', '&', '<', '\\':
		return true
	case ' ', '\t', ',', ';', '}', ']', ')', '>':
		return !wide
	}
	return false
}
