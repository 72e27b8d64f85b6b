//go:build !race

// The race detector slows this test tenfold and distorts heap figures; the
// paging package's own heap test runs under it.

package iaas

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/typedtest"
)

// TestPagingHeapFlat lists 100,000 instances through the client, 100 a page,
// and checks that the heap does not grow with the pages.
func TestPagingHeapFlat(t *testing.T) {
	const total = 100_000
	pages := map[int]string{}
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		off, _ := strconv.Atoi(r.Query.Get("offset"))
		if body, ok := pages[off%1000]; ok {
			return http.StatusOK, body
		}
		set := make([]string, 100)
		for i := range set {
			set[i] = fmt.Sprintf(`{"instance_id":"i-%d","status":"running","vcpus_current":2}`, i)
		}
		body := ok("DescribeInstances", fmt.Sprintf(`"instance_set":[%s],"total_count":%d`, join(set), total))
		pages[off%1000] = body
		return http.StatusOK, body
	})
	srv.Forget()
	heap := typedtest.HeapInUse
	var early, late uint64
	n := 0
	for _, err := range c.DescribeInstancesAll(context.Background(), nil) {
		require.NoError(t, err)
		n++
		switch n {
		case 10_000:
			early = heap()
		case total:
			late = heap()
		}
	}
	assert.Equal(t, total, n)
	t.Logf("heap in use after 100 pages: %d B; after 1000 pages: %d B", early, late)
	assert.Less(t, late, early+early/4+256<<10, "the heap grows with the number of pages")
}
