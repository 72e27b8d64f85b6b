package cloudtest

import (
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// Mutations carrying the provider's idempotency token (JD Cloud
// clientToken, Volcengine ClientToken) are applied at most once per token:
// a request that repeats a token the server has answered with a success
// gets that first answer again, as the providers document, and changes
// nothing. The SDK resends a mutation with the same token after a lost
// answer, so this is what keeps such a retry from creating twice.

// idempotencyKey names the mutation and token of a request, "" when the
// request carries no token or the operation has none.
func (s *Server) idempotencyKey(in *incoming) string {
	op := in.spec.op
	if op == nil || op.ReadOnly || op.IdempotencyToken == "" {
		return ""
	}
	token := in.params.str(op.IdempotencyToken)
	if token == "" {
		return ""
	}
	return in.accessKey + "\x00" + in.spec.svc.Name + "\x00" + op.Name + "\x00" + token
}

// tokenAnswer is the answer given to a token and what the request that
// used it asked for.
type tokenAnswer struct {
	rep         *reply
	fingerprint string
}

// replayed returns the answer already given to the request's token, if
// any. A token reused for a different request is refused where the
// provider documents it (Volcengine IdempotentParameterMismatch), and
// answered with the first result elsewhere. It runs with s.mu held.
func (s *Server) replayed(key string, in *incoming) (*reply, bool) {
	if key == "" {
		return nil, false
	}
	prev, ok := s.tokens[key]
	if !ok {
		return nil, false
	}
	if prev.fingerprint != fingerprint(in) && s.prov.name() == catalog.Volcengine {
		return s.prov.fail(in, &failure{kind: failInvalid, code: "IdempotentParameterMismatch",
			msg: "The request uses the same client token as a previous, but non-identical request."}), true
	}
	c := *prev.rep
	c.body = append([]byte(nil), prev.rep.body...)
	c.header = prev.rep.header.Clone()
	return &c, true
}

// remember keeps a successful answer for its token. It runs with s.mu held.
func (s *Server) remember(key string, in *incoming, rep *reply) {
	if key != "" && rep.code == "" && rep.status < 300 {
		s.tokens[key] = &tokenAnswer{rep: rep, fingerprint: fingerprint(in)}
	}
}

// fingerprint is the request's parameters other than the token, in a
// canonical order.
func fingerprint(in *incoming) string {
	keys := make([]string, 0, len(in.params))
	for k := range in.params {
		if k != in.spec.op.IdempotencyToken {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		for _, v := range in.params[k] {
			b.WriteString("\x00" + v)
		}
		b.WriteString("\x01")
	}
	return b.String()
}
