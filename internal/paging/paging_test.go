package paging

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// in and out are shaped like generated inputs and outputs.
type in struct {
	PageNumber    *int64
	PageSize      *int64
	Offset        *int64
	Limit         *int64
	NextToken     *string
	MaxResults    *int64
	MaxText       string
	NeedRecordNum *int64
	Filter        []string
}

type out struct {
	Items      []int
	TotalCount int64
	NextToken  string
}

func ptr[T any](v T) *T { return &v }

var (
	pageSpec = Spec[in, out, int]{
		Style: Page, MaxSize: 100,
		Number: func(i *in) **int64 { return &i.PageNumber },
		Size:   func(i *in) **int64 { return &i.PageSize },
		Items:  func(o *out) []int { return o.Items },
		Total:  func(o *out) int64 { return o.TotalCount },
	}
	offsetSpec = Spec[in, out, int]{
		Style: Offset, MaxSize: 100,
		Offset: func(i *in) **int64 { return &i.Offset },
		Size:   func(i *in) **int64 { return &i.Limit },
		Items:  func(o *out) []int { return o.Items },
		Total:  func(o *out) int64 { return o.TotalCount },
	}
	tokenSpec = Spec[in, out, int]{
		Style: Token,
		Token: func(i *in) **string { return &i.NextToken },
		Size:  func(i *in) **int64 { return &i.MaxResults },
		Items: func(o *out) []int { return o.Items },
		Next:  func(o *out) string { return o.NextToken },
	}
)

// recorder records the inputs a fake list operation receives.
type recorder struct {
	calls []in
	serve func(i *in) (*out, error)
}

func (r *recorder) call(_ context.Context, i *in) (*out, error) {
	r.calls = append(r.calls, *i)
	return r.serve(i)
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, error) {
	t.Helper()
	var items []T
	for item, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, item)
	}
	return items, nil
}

func span(from, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = from + i
	}
	return s
}

// jdPages serves total items in pages, answering a page number past the end
// with the last page again, as some JD Cloud APIs do.
func jdPages(total int) func(*in) (*out, error) {
	return func(i *in) (*out, error) {
		size := int(*i.PageSize)
		last := max((total+size-1)/size, 1)
		n := min(int(*i.PageNumber), last)
		from := (n - 1) * size
		return &out{Items: span(from, min(size, total-from)), TotalCount: int64(total)}, nil
	}
}

func TestPageStopsOnTotalNotOnRepeatedLastPage(t *testing.T) {
	r := &recorder{serve: jdPages(250)}
	items, err := collect(t, All(context.Background(), &in{}, r.call, pageSpec))
	require.NoError(t, err)
	assert.Equal(t, span(0, 250), items)
	require.Len(t, r.calls, 3)
	for k, c := range r.calls {
		assert.Equal(t, int64(k+1), *c.PageNumber)
		assert.Equal(t, int64(100), *c.PageSize, "the page size defaults to the maximum")
	}
}

func TestPageExactMultiple(t *testing.T) {
	r := &recorder{serve: jdPages(200)}
	items, err := collect(t, All(context.Background(), &in{PageSize: ptr[int64](50)}, r.call, pageSpec))
	require.NoError(t, err)
	assert.Len(t, items, 200)
	assert.Len(t, r.calls, 4, "stops at 4*50 >= 200 without asking for page 5")
	assert.Equal(t, int64(50), *r.calls[0].PageSize, "the caller's page size is kept")
}

func TestPageEmptyAndClamp(t *testing.T) {
	r := &recorder{serve: func(*in) (*out, error) { return &out{TotalCount: 7}, nil }}
	items, err := collect(t, All(context.Background(), &in{PageSize: ptr[int64](1000), PageNumber: ptr[int64](3)}, r.call, pageSpec))
	require.NoError(t, err)
	assert.Empty(t, items)
	require.Len(t, r.calls, 1, "an empty page ends the listing")
	assert.Equal(t, int64(100), *r.calls[0].PageSize, "a size above the maximum is lowered")
	assert.Equal(t, int64(3), *r.calls[0].PageNumber, "the caller's page number is the start")
}

func TestPageWithoutTotalStopsOnShortPage(t *testing.T) {
	spec := pageSpec
	spec.Total, spec.MaxSize = nil, 0
	r := &recorder{serve: func(i *in) (*out, error) {
		if *i.PageNumber < 3 {
			return &out{Items: span(0, 10)}, nil
		}
		return &out{Items: span(0, 4)}, nil
	}}
	items, err := collect(t, All(context.Background(), nil, r.call, spec))
	require.NoError(t, err)
	assert.Len(t, items, 24)
	assert.Len(t, r.calls, 3)
	assert.Nil(t, r.calls[0].PageSize, "no size is sent when no maximum is known")
}

// qingPages serves total items by offset, capping a page at 100 whatever the
// limit, as QingCloud does.
func qingPages(total int) func(*in) (*out, error) {
	return func(i *in) (*out, error) {
		off := int(*i.Offset)
		n := max(min(int(*i.Limit), 100, total-off), 0)
		return &out{Items: span(off, n), TotalCount: int64(total)}, nil
	}
}

func TestOffsetTotal(t *testing.T) {
	r := &recorder{serve: qingPages(230)}
	items, err := collect(t, All(context.Background(), &in{}, r.call, offsetSpec))
	require.NoError(t, err)
	assert.Equal(t, span(0, 230), items)
	require.Len(t, r.calls, 3)
	assert.Equal(t, []int64{0, 100, 200}, []int64{*r.calls[0].Offset, *r.calls[1].Offset, *r.calls[2].Offset})
	assert.Equal(t, int64(100), *r.calls[0].Limit)
}

func TestOffsetStartsAtCallerOffset(t *testing.T) {
	r := &recorder{serve: qingPages(230)}
	items, err := collect(t, All(context.Background(), &in{Offset: ptr[int64](200), Limit: ptr[int64](20)}, r.call, offsetSpec))
	require.NoError(t, err)
	assert.Equal(t, span(200, 30), items)
	assert.Len(t, r.calls, 2)
}

func TestOffsetTotalLargerThanItems(t *testing.T) {
	// A total that overstates what the server returns ends on the empty page.
	r := &recorder{serve: func(i *in) (*out, error) {
		o, _ := qingPages(150)(i)
		o.TotalCount = 1000
		return o, nil
	}}
	items, err := collect(t, All(context.Background(), nil, r.call, offsetSpec))
	require.NoError(t, err)
	assert.Len(t, items, 150)
	assert.Len(t, r.calls, 3)
}

// billPages serves total items; Total is only filled with NeedRecordNum=1,
// as Volcengine billing does.
func billPages(total int) func(*in) (*out, error) {
	return func(i *in) (*out, error) {
		off := int(*i.Offset)
		n := max(min(int(*i.Limit), total-off), 0)
		o := &out{Items: span(off, n)}
		if i.NeedRecordNum != nil && *i.NeedRecordNum == 1 {
			o.TotalCount = int64(total)
		}
		return o, nil
	}
}

func TestOffsetTotalOnlyWhenAsked(t *testing.T) {
	spec := offsetSpec
	spec.MaxSize = 0
	spec.TotalAsked = func(i *in) **int64 { return &i.NeedRecordNum }

	r := &recorder{serve: billPages(65)}
	items, err := collect(t, All(context.Background(), &in{Limit: ptr[int64](30)}, r.call, spec))
	require.NoError(t, err)
	assert.Len(t, items, 65, "Total is 0 without NeedRecordNum: the short page ends the listing")
	assert.Len(t, r.calls, 3)

	r = &recorder{serve: billPages(60)}
	items, err = collect(t, All(context.Background(), &in{Limit: ptr[int64](30)}, r.call, spec))
	require.NoError(t, err)
	assert.Len(t, items, 60)
	assert.Len(t, r.calls, 3, "a full last page is followed by an empty one")

	r = &recorder{serve: billPages(60)}
	items, err = collect(t, All(context.Background(), &in{Limit: ptr[int64](30), NeedRecordNum: ptr[int64](1)}, r.call, spec))
	require.NoError(t, err)
	assert.Len(t, items, 60)
	assert.Len(t, r.calls, 2, "with NeedRecordNum=1 the total ends the listing")
}

func tokenPages(pages int, perPage int) func(*in) (*out, error) {
	return func(i *in) (*out, error) {
		k := 0
		if i.NextToken != nil {
			k, _ = strconv.Atoi(*i.NextToken)
		}
		o := &out{Items: span(k*perPage, perPage)}
		if k+1 < pages {
			o.NextToken = strconv.Itoa(k + 1)
		}
		return o, nil
	}
}

func TestTokenEmpty(t *testing.T) {
	r := &recorder{serve: tokenPages(3, 5)}
	items, err := collect(t, All(context.Background(), &in{}, r.call, tokenSpec))
	require.NoError(t, err)
	assert.Equal(t, span(0, 15), items)
	require.Len(t, r.calls, 3)
	assert.Nil(t, r.calls[0].NextToken)
	assert.Equal(t, "2", *r.calls[2].NextToken)
	assert.Nil(t, r.calls[0].MaxResults, "no maximum known: MaxResults is left to the server")
}

func TestTokenRepeated(t *testing.T) {
	r := &recorder{serve: func(i *in) (*out, error) {
		return &out{Items: []int{1}, NextToken: "same"}, nil
	}}
	items, err := collect(t, All(context.Background(), &in{}, r.call, tokenSpec))
	require.NoError(t, err)
	assert.Len(t, items, 2)
	assert.Len(t, r.calls, 2, "the second answer repeats the token it was asked with")
}

func TestTokenStartsAtCallerToken(t *testing.T) {
	r := &recorder{serve: tokenPages(3, 5)}
	items, err := collect(t, All(context.Background(), &in{NextToken: ptr("1"), MaxResults: ptr[int64](5)}, r.call, tokenSpec))
	require.NoError(t, err)
	assert.Equal(t, span(5, 10), items)
	assert.Equal(t, int64(5), *r.calls[0].MaxResults)
}

func TestTokenEmptyPage(t *testing.T) {
	r := &recorder{serve: func(*in) (*out, error) { return &out{NextToken: "more"}, nil }}
	items, err := collect(t, All(context.Background(), &in{}, r.call, tokenSpec))
	require.NoError(t, err)
	assert.Empty(t, items)
	assert.Len(t, r.calls, 1)
}

func TestSizeText(t *testing.T) {
	spec := tokenSpec
	spec.Size, spec.MaxSize = nil, 50
	spec.SizeText = func(i *in) *string { return &i.MaxText }
	r := &recorder{serve: tokenPages(1, 3)}
	_, err := collect(t, All(context.Background(), &in{}, r.call, spec))
	require.NoError(t, err)
	assert.Equal(t, "50", r.calls[0].MaxText)

	r = &recorder{serve: tokenPages(1, 3)}
	_, err = collect(t, All(context.Background(), &in{MaxText: "20"}, r.call, spec))
	require.NoError(t, err)
	assert.Equal(t, "20", r.calls[0].MaxText)
}

func TestErrorYieldedOnce(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	r := &recorder{serve: func(i *in) (*out, error) {
		n++
		if n == 2 {
			return nil, boom
		}
		return qingPages(1000)(i)
	}}
	var got []error
	items := 0
	for _, err := range All(context.Background(), nil, r.call, offsetSpec) {
		if err != nil {
			got = append(got, err)
			continue // a consumer that does not stop still gets the error once
		}
		items++
	}
	assert.Equal(t, []error{boom}, got)
	assert.Equal(t, 100, items)
	assert.Len(t, r.calls, 2)
}

func TestConsumerStops(t *testing.T) {
	r := &recorder{serve: qingPages(1000)}
	n := 0
	for range All(context.Background(), nil, r.call, offsetSpec) {
		n++
		if n == 150 {
			break
		}
	}
	assert.Len(t, r.calls, 2)
}

func TestInputCopied(t *testing.T) {
	caller := &in{Filter: []string{"a"}}
	r := &recorder{serve: jdPages(150)}
	seq := All(context.Background(), caller, r.call, pageSpec)
	caller.Filter = []string{"changed"}
	caller.PageSize = ptr[int64](10)
	_, err := collect(t, seq)
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, r.calls[0].Filter, "the input is copied when the iterator is made")
	assert.Equal(t, int64(100), *r.calls[0].PageSize)
	assert.Nil(t, (&in{}).PageNumber)

	// The caller's own pointers are never written through.
	size, num := int64(50), int64(1)
	own := &in{PageSize: &size, PageNumber: &num}
	r = &recorder{serve: jdPages(150)}
	_, err = collect(t, All(context.Background(), own, r.call, pageSpec))
	require.NoError(t, err)
	assert.Equal(t, int64(1), num)
	assert.Equal(t, int64(50), size)
	assert.Len(t, r.calls, 3)

	// Ranging again starts from the first page.
	r.calls = nil
	_, err = collect(t, All(context.Background(), own, r.call, pageSpec))
	require.NoError(t, err)
	assert.Equal(t, int64(1), *r.calls[0].PageNumber)
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	call := func(ctx context.Context, i *in) (*out, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return qingPages(1000)(i)
	}
	n := 0
	var last error
	for _, err := range All(ctx, nil, call, offsetSpec) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 100 {
			cancel()
		}
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.Equal(t, 100, n)
}

// bigItem makes pages heavy enough that a leak would show.
type bigItem struct {
	ID   string
	Data [32]int64
}

type bigOut struct {
	Items []bigItem
	Total int64
}

// TestHeapFlat pages 100,000 items, 100 per page, and checks that the heap in
// use after the last page is no larger than after the tenth: pages are not
// kept.
func TestHeapFlat(t *testing.T) {
	const total, size = 100_000, 100
	call := func(_ context.Context, i *in) (*bigOut, error) {
		off := int(*i.Offset)
		o := &bigOut{Items: make([]bigItem, min(size, total-off)), Total: total}
		for k := range o.Items {
			o.Items[k].ID = strconv.Itoa(off + k)
		}
		return o, nil
	}
	spec := Spec[in, bigOut, bigItem]{
		Style: Offset, MaxSize: size,
		Offset: func(i *in) **int64 { return &i.Offset },
		Size:   func(i *in) **int64 { return &i.Limit },
		Items:  func(o *bigOut) []bigItem { return o.Items },
		Total:  func(o *bigOut) int64 { return o.Total },
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	var early, late uint64
	n := 0
	for item, err := range All(context.Background(), nil, call, spec) {
		require.NoError(t, err)
		n++
		switch n {
		case 10 * size:
			early = heap()
		case total:
			late = heap()
		}
		_ = item
	}
	assert.Equal(t, total, n)
	page := uint64(size) * uint64(len(bigItem{}.Data)*8+16)
	t.Logf("heap in use after 10 pages: %d B, after 1000 pages: %d B (one page: %d B)", early, late, page)
	assert.LessOrEqual(t, late, early+2*page, "heap grew with the number of pages")
}

// Regression test for issue 10 item 6: a page size set to zero or less was
// replaced by the maximum (JD Cloud, QingCloud) or sent as is (Volcengine,
// no known maximum). It is now refused before any call, once, naming the
// field; an unset size still gets the default.
func TestNonPositivePageSizeRefused(t *testing.T) {
	type tagged struct {
		Offset *int64 `json:"offset,omitempty"`
		Limit  *int64 `json:"limit,omitempty"`
	}
	taggedSpec := Spec[tagged, out, int]{
		Style: Offset, MaxSize: 100,
		Offset: func(i *tagged) **int64 { return &i.Offset },
		Size:   func(i *tagged) **int64 { return &i.Limit },
		Items:  func(o *out) []int { return o.Items },
	}
	textSpec := tokenSpec
	textSpec.Size, textSpec.MaxSize = nil, 50
	textSpec.SizeText = func(i *in) *string { return &i.MaxText }

	for _, size := range []int64{0, -1, -100} {
		for name, spec := range map[string]Spec[in, out, int]{"page": pageSpec, "offset": offsetSpec, "token (no maximum)": tokenSpec} {
			r := &recorder{serve: func(*in) (*out, error) { t.Fatal("nothing may be sent"); return nil, nil }}
			input := &in{PageSize: ptr(size), Limit: ptr(size), MaxResults: ptr(size)}
			var errs []error
			for item, err := range All(context.Background(), input, r.call, spec) {
				assert.Zero(t, item)
				errs = append(errs, err)
			}
			require.Len(t, errs, 1, "%s: the error is yielded once", name)
			var e *mcerrors.Error
			require.ErrorAs(t, errs[0], &e, name)
			assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
			assert.ErrorIs(t, errs[0], mcerrors.ErrInvalidArgument)
			want := map[string]string{"page": "PageSize", "offset": "Limit", "token (no maximum)": "MaxResults"}[name]
			assert.Equal(t, want+" must be at least 1, got "+strconv.FormatInt(size, 10), e.Message, name)
			assert.Empty(t, r.calls)
		}
		r := &recorder{}
		var got []error
		for _, err := range All(context.Background(), &tagged{Limit: ptr(size)}, func(context.Context, *tagged) (*out, error) {
			r.calls = append(r.calls, in{})
			return &out{}, nil
		}, taggedSpec) {
			got = append(got, err)
		}
		require.Len(t, got, 1)
		assert.Contains(t, got[0].Error(), "limit must be at least 1", "the wire name, from the json tag")
		assert.Empty(t, r.calls)
	}
	for _, text := range []string{"0", "-5", "ten", " 5"} {
		r := &recorder{serve: tokenPages(1, 3)}
		_, err := collect(t, All(context.Background(), &in{MaxText: text}, r.call, textSpec))
		require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "%q", text)
		assert.Contains(t, err.Error(), "MaxText must be at least 1, got "+strconv.Quote(text))
		assert.Empty(t, r.calls)
	}
	// Unset sizes still take the default, and a large one is still lowered.
	r := &recorder{serve: tokenPages(1, 3)}
	_, err := collect(t, All(context.Background(), &in{}, r.call, tokenSpec))
	require.NoError(t, err)
	assert.Nil(t, r.calls[0].MaxResults, "no maximum known: nothing is sent")
	r = &recorder{serve: func(*in) (*out, error) { return &out{}, nil }}
	_, err = collect(t, All(context.Background(), &in{}, r.call, pageSpec))
	require.NoError(t, err)
	assert.Equal(t, int64(100), *r.calls[0].PageSize)
}
