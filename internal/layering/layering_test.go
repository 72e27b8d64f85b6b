package layering

import (
	"bufio"
	"bytes"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/multicloud-go/multicloud"

var clouds = []string{"jdcloud", "volcengine", "qingcloud"}

// deps returns every package of the module with its transitive imports
// (tests excluded), from one run of go list.
func deps(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	m := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, m)
	return m
}

// cloudOf returns the cloud a package of the module belongs to, "" for a
// shared one.
func cloudOf(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, module+"/")
	if !ok {
		return ""
	}
	for _, c := range clouds {
		if rest == c || strings.HasPrefix(rest, c+"/") {
			return c
		}
	}
	return ""
}

// TestEachCloudCompilesAlone checks that every package of a cloud (its
// provider package, its typed service packages and their helpers) depends
// on no package of another cloud, and that no shared package depends on
// any cloud: a program that imports qingcloud/iaas compiles no JD Cloud or
// Volcengine code.
func TestEachCloudCompilesAlone(t *testing.T) {
	all := deps(t)
	checked := map[string]int{}
	for pkg, ds := range all {
		own := cloudOf(pkg)
		if own == "" && !isShared(pkg) {
			continue
		}
		checked[own]++
		for _, d := range ds {
			if c := cloudOf(d); c != "" && c != own {
				t.Errorf("%s imports %s (cloud %s)", pkg, d, c)
			}
		}
	}
	for _, c := range clouds {
		require.Greater(t, checked[c], 1, "no packages found for %s", c)
	}
	require.Positive(t, checked[""], "no shared packages checked")
}

// isShared reports whether pkg is a runtime package every cloud builds on
// (the core, its leaves and internal helpers), which must import no cloud.
// Programs (examples, cmd), the emulator and test helpers may use several.
func isShared(pkg string) bool {
	rest, ok := strings.CutPrefix(pkg, module)
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "/")
	for _, p := range []string{"examples", "cmd", "cloudtest", "bench", "internal/typedtest", "internal/reliability", "internal/gen", "internal/layering"} {
		if rest == p || strings.HasPrefix(rest, p+"/") {
			return false
		}
	}
	return true
}

// TestGeneratorIsNotRuntime checks that no package outside internal/gen
// (the build-time generator) imports it, except the test helper that reads
// the descriptions to check the wire (internal/typedtest/wiretest): the
// generator never runs inside a program.
func TestGeneratorIsNotRuntime(t *testing.T) {
	for pkg, ds := range deps(t) {
		if strings.HasPrefix(pkg, module+"/internal/gen") || strings.HasPrefix(pkg, module+"/internal/typedtest") {
			continue
		}
		for _, d := range ds {
			if strings.HasPrefix(d, module+"/internal/gen") {
				t.Errorf("%s imports the generator package %s", pkg, d)
			}
		}
	}
}

// TestExamplesImportNoInternalPackage checks that the examples of the
// provider and typed packages compile when a user copies them: they import
// no internal package, which a program outside the module cannot.
func TestExamplesImportNoInternalPackage(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	for _, c := range clouds {
		err := filepath.WalkDir(filepath.Join(root, c), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), "example") || !strings.HasSuffix(d.Name(), "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			n++
			for _, imp := range f.Imports {
				if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(p, "/internal/") || strings.HasSuffix(p, "/internal") {
					t.Errorf("%s imports %s, which a user's copy cannot", path, p)
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
	require.Positive(t, n, "no example files found")
}
