// Package apis holds the committed API descriptions the typed service
// packages are generated from: one JSON file per service version, at
// <provider>/<package>.json (the generated Go package's name, see
// api.Service.PackageName), in the format of package internal/gen/api.
//
// The files are written by the importer, the only step that reads the
// providers' spec data:
//
//	go run ./internal/gen/cmd/import-specs -specs ../shared/specs -out internal/gen/apis
//
// Do not edit them by hand; change the importer and re-run it.
package apis

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// FS holds the description files.
//
//go:embed */*.json
var FS embed.FS

// Load decodes and validates every description in FS, sorted by provider
// and then service name.
func Load() ([]*api.Service, error) {
	files, err := fs.Glob(FS, "*/*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []*api.Service
	for _, f := range files {
		s, err := api.LoadFS(FS, f)
		if err != nil {
			return nil, err
		}
		if want := path.Join(s.Provider, s.PackageName()) + ".json"; want != f {
			return nil, fmt.Errorf("%s: the description of %s/%s (package %s) belongs at %s", f, s.Provider, s.Name, s.PackageName(), want)
		}
		out = append(out, s)
	}
	return out, nil
}
