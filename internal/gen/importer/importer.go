// Package importer reads the providers' API specification data (QingCloud
// Swagger 2.0, Volcengine SDK metadata, JD Cloud specs extracted from its Go
// SDK) and turns each service into a provider-neutral [api.Service].
//
// It is the only part of the generator that reads ../shared/specs; the
// emitter works from the descriptions this package writes. Everything it
// reads is facts: names, types, methods, paths, locations, required flags,
// enums and paging. Documentation text is never copied. The one place it
// looks at documentation text at all is JD Cloud's pageSize field, from
// which it takes the documented numeric range ("[10, 100]") to learn the
// largest page size.
package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// VolcengineService names one Volcengine service version in the metadata.
type VolcengineService struct {
	Service, Version string
}

// Config says which services to import from a specs directory.
type Config struct {
	// JDCloud lists JD Cloud services: jdcloud/<name>.json.
	JDCloud []string
	// Volcengine lists Volcengine service versions under
	// volcengine/volcengine-sdk-metadata/{metadata,metatype,structure}.
	Volcengine []VolcengineService
	// QingCloud is the QingCloud Swagger root document, relative to the
	// specs directory; empty to skip QingCloud.
	QingCloud string
}

// DefaultConfig is the set of services the typed packages are generated for.
var DefaultConfig = Config{
	JDCloud: []string{"disk", "iam", "monitor", "vm", "vpc"},
	Volcengine: []VolcengineService{
		{"billing", "2022-01-01"},
		{"ecs", "2020-04-01"},
		{"vpc", "2020-04-01"},
	},
	QingCloud: "qingcloud/2013-08-30/swagger/api_v2.0.json",
}

// Import reads the services cfg names from the specs directory fsys.
func Import(fsys fs.FS, cfg Config) ([]*api.Service, error) {
	var out []*api.Service
	for _, name := range cfg.JDCloud {
		s, err := ImportJDCloud(fsys, "jdcloud/"+name+".json")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	for _, v := range cfg.Volcengine {
		s, err := ImportVolcengine(fsys, "volcengine/volcengine-sdk-metadata", v.Service, v.Version)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if cfg.QingCloud != "" {
		s, err := ImportQingCloud(fsys, cfg.QingCloud)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Write writes each service to dir/<provider>/<service>.json and removes any
// other .json file in those provider directories, so a service that is no
// longer imported does not linger. It returns the paths written.
func Write(dir string, svcs []*api.Service) ([]string, error) {
	written := make(map[string]bool)
	var paths []string
	for _, s := range svcs {
		data, err := api.Marshal(s)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, s.Provider, s.Name+".json")
		if written[p] {
			return nil, fmt.Errorf("importer: two services write %s", p)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if old, err := os.ReadFile(p); err != nil || !bytes.Equal(old, data) {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return nil, err
			}
		}
		written[p] = true
		paths = append(paths, p)
	}
	providers := make(map[string]bool)
	for _, s := range svcs {
		providers[s.Provider] = true
	}
	for prov := range providers {
		stale, err := filepath.Glob(filepath.Join(dir, prov, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, p := range stale {
			if !written[p] {
				if err := os.Remove(p); err != nil {
					return nil, err
				}
			}
		}
	}
	slices.Sort(paths)
	return paths, nil
}

// readOnly applies the read-only rule of api.Operation.ReadOnly.
func readOnly(provider, name, method string) bool {
	return readOnlyName(name) || provider == api.ProviderJDCloud && method == "GET"
}

// joinPath joins slash-separated path elements for fs.FS.
func joinPath(elem ...string) string {
	return strings.Join(slices.DeleteFunc(elem, func(s string) bool { return s == "" }), "/")
}
