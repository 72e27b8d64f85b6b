// Package internal holds helpers shared by the multicloud packages; its
// subpackages are not part of the public API.
//
// Two kinds live here, and the layout keeps them apart:
//
//   - runtime helpers, linked into programs: percent (encoding), params and
//     wire (request parameters), lenient (response decoding), typed (the
//     provider-neutral half of a typed call), paging, waiter, provider and
//     ident. None imports a cloud's package; each cloud's own half of a
//     typed call is <cloud>/internal/typedcall.
//   - build-time code under gen/ (the importer, the committed descriptions
//     and the emitter), run by go generate and make import-specs, never
//     imported by runtime code (internal/layering tests both rules).
//
// typedtest, reliability and layering serve tests only.
package internal
