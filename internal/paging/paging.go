// Package paging turns a list operation of a generated service package into
// an iterator over its items, with the paging convention of its provider.
// The generated XxxAll methods are a Spec of accessors and one call to All;
// every stop rule lives here.
//
// All iterators copy the caller's input (the caller's struct is never
// written), keep no page once its items are yielded (memory stays flat
// however many pages there are), yield an error once and then stop, and
// stop when the consumer stops.
//
// A page size the caller set explicitly to zero or less (or a string page
// size that is not a positive number) is refused before any request, with
// an *errors.Error of KindInvalidArgument that names the field, the same
// way for every provider: the providers would otherwise substitute their
// default, or forward it to a server that refuses it. A size left unset
// gets the default; one above the documented maximum is lowered to it.
package paging

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Style is a paging convention.
type Style int

const (
	// Page requests PageNumber (from 1) and PageSize. It stops on an empty
	// page and when PageNumber*PageSize >= Total, because some JD Cloud APIs
	// answer a page number past the end with the last page again. Without a
	// Total it stops on a short page.
	Page Style = iota + 1
	// Offset requests Offset (from 0) and Limit, advancing Offset by the
	// items received. It stops on an empty page and when Offset >= Total;
	// when the response has no Total, or the Total is only filled on request
	// (TotalRequires) and was not requested, on a short page instead.
	Offset
	// Token requests Token and MaxResults and follows the next token. It
	// stops on an empty page and on an empty or repeated token.
	Token
)

// Spec describes one list operation: the fields its iterator reads and
// writes, as accessors generated for the operation's input type I and
// output type O, and the type T of its items.
type Spec[I, O, T any] struct {
	Style Style
	// MaxSize is the largest page size the server takes, 0 if unknown.
	// When the input leaves the size unset it is set to MaxSize; a larger
	// size is lowered to it.
	MaxSize int64

	Number     func(*I) **int64 // Page: the page number field
	Size       func(*I) **int64 // the page size, limit or max-results field
	SizeText   func(*I) *string // a max-results field typed as a required string
	Offset     func(*I) **int64 // Offset: the offset field
	Token      func(*I) **string
	TotalAsked func(*I) **int64 // the field that must be 1 for Total to be filled

	Items func(*O) []T
	Total func(*O) int64  // nil when the response has no total
	Next  func(*O) string // Token: the next token
}

// All returns an iterator over the items of every page that call returns
// for a copy of in (nil means the zero input), following spec. The copy is
// taken now, so changes the caller makes to in afterwards do not matter; each
// range over the iterator starts again from the first page.
func All[I, O, T any](ctx context.Context, in *I, call func(context.Context, *I) (*O, error), spec Spec[I, O, T]) iter.Seq2[T, error] {
	var first I
	if in != nil {
		first = *in
	}
	return func(yield func(T, error) bool) {
		cp := first
		p := pager[I, O, T]{spec: &spec, in: &cp}
		if err := p.start(); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for {
			out, err := call(ctx, &cp)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items := spec.Items(out)
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if !p.advance(out, int64(len(items))) {
				return
			}
		}
	}
}

// pager holds one iteration's position.
type pager[I, O, T any] struct {
	spec   *Spec[I, O, T]
	in     *I
	number int64 // Page
	size   int64 // the size sent, 0 if none was
	offset int64 // Offset
	token  string
}

// start reads the caller's position and fills in the page size. It refuses
// a page size set to zero or less.
func (p *pager[I, O, T]) start() error {
	s := p.spec
	switch {
	case s.Size != nil:
		f := s.Size(p.in)
		if *f != nil {
			if **f <= 0 {
				return badSize(p.in, f, strconv.FormatInt(**f, 10))
			}
			p.size = **f
		}
		if p.size == 0 || (s.MaxSize > 0 && p.size > s.MaxSize) {
			p.size = s.MaxSize
		}
		if p.size > 0 {
			*f = ref(p.size)
		}
	case s.SizeText != nil:
		f := s.SizeText(p.in)
		var n int64
		if *f != "" {
			var err error
			if n, err = strconv.ParseInt(*f, 10, 64); err != nil || n <= 0 {
				return badSize(p.in, f, strconv.Quote(*f))
			}
		}
		if n == 0 || (s.MaxSize > 0 && n > s.MaxSize) {
			n = s.MaxSize
			if n > 0 {
				*f = strconv.FormatInt(n, 10)
			}
		}
		p.size = n
	}
	switch s.Style {
	case Page:
		f := s.Number(p.in)
		p.number = 1
		if *f != nil && **f > 0 {
			p.number = **f
		}
		*f = ref(p.number)
	case Offset:
		f := s.Offset(p.in)
		if *f != nil && **f > 0 {
			p.offset = **f
		}
		*f = ref(p.offset)
	case Token:
		if f := s.Token(p.in); *f != nil {
			p.token = **f
		}
	}
	return nil
}

// badSize is the error for a page size that is not a positive number. field
// points into *in; the error names it as the wire does (its json tag), and
// the operation after the generated input type: package path
// .../<provider>/<service>, type <Action>Input.
func badSize[I any](in *I, field any, got string) error {
	v := reflect.ValueOf(in).Elem()
	t := v.Type()
	name := "page size"
	addr := reflect.ValueOf(field).Pointer()
	for i := range t.NumField() {
		if v.Field(i).Addr().Pointer() == addr {
			name = t.Field(i).Name
			if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag != "" && tag != "-" {
				name = tag
			}
			break
		}
	}
	e := &mcerrors.Error{Kind: mcerrors.KindInvalidArgument, Action: strings.TrimSuffix(t.Name(), "Input"),
		Message: fmt.Sprintf("%s must be at least 1, got %s", name, got)}
	if parts := strings.Split(t.PkgPath(), "/"); len(parts) >= 2 {
		switch provider := parts[len(parts)-2]; provider {
		case "jdcloud", "volcengine", "qingcloud":
			e.Provider, e.Service = provider, parts[len(parts)-1]
		}
	}
	return e
}

// advance sets the input to the next page and reports whether there is
// one, after a page of n items that out describes.
func (p *pager[I, O, T]) advance(out *O, n int64) bool {
	if n == 0 {
		return false
	}
	s := p.spec
	if p.size == 0 {
		p.size = n // the server's page size: a shorter page is the last
	}
	switch s.Style {
	case Page:
		if s.Total != nil {
			if p.number*p.size >= s.Total(out) {
				return false
			}
		} else if n < p.size {
			return false
		}
		p.number++
		*s.Number(p.in) = ref(p.number)
	case Offset:
		p.offset += n
		if p.totalTrusted() {
			if p.offset >= s.Total(out) {
				return false
			}
		} else if n < p.size {
			return false
		}
		*s.Offset(p.in) = ref(p.offset)
	case Token:
		next := s.Next(out)
		if next == "" || next == p.token {
			return false
		}
		p.token = next
		*s.Token(p.in) = ref(next)
	default:
		return false
	}
	return true
}

// ref returns a new pointer to v, so that no two pages' inputs share one.
func ref[T any](v T) *T { return &v }

// totalTrusted reports whether the response's total can end an Offset
// listing.
func (p *pager[I, O, T]) totalTrusted() bool {
	s := p.spec
	if s.Total == nil {
		return false
	}
	if s.TotalAsked == nil {
		return true
	}
	f := s.TotalAsked(p.in)
	return *f != nil && **f == 1
}
