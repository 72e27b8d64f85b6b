package api

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initialisms are the words GoName writes in capitals (golint's list,
// reduced to those that make names easier to read here), and IPv4 and IPv6
// as package net spells them. A word matches
// case-insensitively, alone or with a plural "s": id → ID, Ids → IDs.
var Initialisms = []string{
	"ACL", "API", "CPU", "DB", "DNS", "GPU", "HTML", "HTTP", "HTTPS", "ID", "IP", "IPv4", "IPv6", "JSON",
	"SQL", "SSH", "SSL", "TCP", "TLS", "TTL", "UDP", "UID", "URI", "URL", "UUID",
	"XML",
}

var initialisms = func() map[string]string {
	m := make(map[string]string, len(Initialisms))
	for _, w := range Initialisms {
		m[strings.ToLower(w)] = w
	}
	return m
}()

// GoName turns a wire name (lowerCamel, UpperCamel, snake_case or
// kebab-case) into an exported Go identifier: see the package documentation.
// It returns "" when the name has no letter or digit.
func GoName(wire string) string {
	var b strings.Builder
	for _, w := range Words(wire) {
		lw := strings.ToLower(w)
		if up, ok := initialisms[lw]; ok {
			b.WriteString(up)
			continue
		}
		if up, ok := initialisms[strings.TrimSuffix(lw, "s")]; ok && strings.HasSuffix(lw, "s") {
			b.WriteString(up + "s")
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	s := b.String()
	if s != "" && !unicode.IsLetter([]rune(s)[0]) {
		s = "X" + s
	}
	return s
}

// Words splits a wire name into words: at every character that is not a
// letter or digit, before an upper-case letter that follows a lower-case
// letter or digit, and before the last capital of a run of capitals that is
// followed by a lower-case letter ("HTTPServer" → "HTTP", "Server"), unless
// that letter is a plural "s" ending the word ("OwnerIDs" → "Owner", "IDs").
// Digits stay with the word before them ("Ipv6Address" → "Ipv6", "Address").
func Words(s string) []string {
	var words []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		if unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			// A plural "s" after a run of capitals stays with the run: "IDs".
			plural := i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2]))
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower && !plural) {
				flush(i)
				start = i
			}
		}
	}
	flush(len(rs))
	return words
}

// IsExportedIdent reports whether s is an exported Go identifier that is not
// a keyword.
func IsExportedIdent(s string) bool {
	return token.IsIdentifier(s) && token.IsExported(s)
}
