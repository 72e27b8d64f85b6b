package cloudtest

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

// replayed returns the answer already given to the request's token, if
// any. It runs with s.mu held.
func (s *Server) replayed(key string) (*reply, bool) {
	if key == "" {
		return nil, false
	}
	rep, ok := s.tokens[key]
	if !ok {
		return nil, false
	}
	c := *rep
	c.body = append([]byte(nil), rep.body...)
	c.header = rep.header.Clone()
	return &c, true
}

// remember keeps a successful answer for its token. It runs with s.mu held.
func (s *Server) remember(key string, rep *reply) {
	if key != "" && rep.code == "" && rep.status < 300 {
		s.tokens[key] = rep
	}
}
