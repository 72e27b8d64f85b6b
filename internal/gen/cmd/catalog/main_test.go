package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/apis"
)

// The committed catalog is what the generator makes from the committed
// descriptions (make generate-check checks the same through go generate).
func TestCommittedCatalogIsCurrent(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run(dir))
	svcs, err := apis.Load()
	require.NoError(t, err)
	for _, s := range svcs {
		rel := filepath.Join("data", s.Provider, s.Name+".jsonl")
		want, err := os.ReadFile(filepath.Join(dir, rel))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("..", "..", "..", "catalog", rel))
		require.NoError(t, err, "run make generate")
		assert.Equal(t, string(want), string(got), "%s is stale: run make generate", rel)
	}
}

// Convert keeps every run-time fact of a description.
func TestConvertKeepsFacts(t *testing.T) {
	svcs, err := apis.Load()
	require.NoError(t, err)
	for _, s := range svcs {
		c := Convert(s)
		require.Len(t, c.Operations, len(s.Operations))
		for i, o := range s.Operations {
			co := c.Operations[i]
			assert.Equal(t, o.Name, co.Name)
			assert.Equal(t, o.HTTPMethod, co.Method)
			assert.Equal(t, o.IdempotencyToken, co.IdempotencyToken)
			require.Len(t, co.Input, len(o.Input))
			for j, f := range o.Input {
				cf := co.Input[j]
				assert.Equal(t, f.WireName, cf.WireName)
				assert.Equal(t, f.Required, cf.Required)
				assert.Equal(t, f.Enum, cf.Enum)
				assert.Equal(t, f.Default, cf.Default)
				assert.Equal(t, f.Secret, cf.Secret)
				assert.Equal(t, f.Type.Kind, cf.Type.Kind)
			}
			assert.Equal(t, o.Paging != nil, co.Paging != nil)
		}
		require.Len(t, c.Types, len(s.Types))
	}
}

// A service whose description is gone loses its data file.
func TestRunRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "data", "jdcloud", "gone.jsonl")
	require.NoError(t, os.MkdirAll(filepath.Dir(stale), 0o755))
	require.NoError(t, os.WriteFile(stale, []byte("{}\n"), 0o644))
	require.NoError(t, run(dir))
	assert.NoFileExists(t, stale)
	assert.FileExists(t, filepath.Join(dir, "data", "qingcloud", "iaas.jsonl"))
}
