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
	"path"
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
	// QingCloudSDK is the directory of the official QingCloud Go SDK's
	// service/*.go files, relative to the specs directory, whose facts fill
	// in the operations and fields the Swagger document lacks; empty to use
	// the Swagger document alone.
	QingCloudSDK string
}

// DefaultConfig is the set of services the committed typed packages are
// generated for: the core tier of each cloud (issue 11's required packages
// plus the first nine).
var DefaultConfig = Config{
	JDCloud: []string{
		"billing", "clouddnsservice", "disk", "iam", "kubernetes", "lb", "monitor",
		"privatezone", "rds", "redis", "vm", "vpc",
	},
	Volcengine: []VolcengineService{
		{"alb", "2020-04-01"},
		{"billing", "2022-01-01"},
		{"clb", "2020-04-01"},
		{"cloudmonitor", "2018-01-01"},
		{"dns", "2018-08-01"},
		{"ecs", "2020-04-01"},
		{"iam", "2018-01-01"},
		{"natgateway", "2020-04-01"},
		{"private_zone", "2022-06-01"},
		{"rds_mysql_v2", "2022-01-01"},
		{"rds_postgresql", "2022-01-01"},
		{"redis", "2020-12-07"},
		{"storage_ebs", "2020-04-01"},
		{"vke", "2022-05-12"},
		{"vpc", "2020-04-01"},
	},
	QingCloud:    qingcloudRoot,
	QingCloudSDK: qingcloudSDKDir,
}

// Result is the import of one selected service: its description, or the
// reason it could not be imported.
type Result struct {
	// Key names the source: "jdcloud/lb", "volcengine/iam@2018-01-01",
	// "qingcloud/iaas".
	Key     string
	Service *api.Service
	Err     error
}

// ImportEach imports every service cfg names, each on its own: a service
// whose source has a shape the importer cannot take yet gets an Err and
// does not stop the others.
func ImportEach(fsys fs.FS, cfg Config) []Result {
	var out []Result
	for _, name := range cfg.JDCloud {
		s, err := ImportJDCloud(fsys, jdcloudDir+"/"+name+".json")
		if err == nil && packageName(s.Name) != s.Name {
			s.Package = packageName(s.Name)
		}
		out = append(out, Result{Key: api.ProviderJDCloud + "/" + name, Service: s, Err: err})
	}
	if len(cfg.Volcengine) > 0 {
		staged, err := Staged(fsys)
		all := slices.Clone(cfg.Volcengine)
		if err == nil {
			for _, v := range staged.Volcengine {
				if !slices.Contains(all, v) {
					all = append(all, v)
				}
			}
		}
		names := VolcenginePackages(all)
		for _, v := range cfg.Volcengine {
			s, err := ImportVolcengine(fsys, volcengineDir, v.Service, v.Version)
			if err == nil {
				s.Package = names[v]
				if s.Package == s.Name {
					s.Package = ""
				}
				if err = s.Validate(); err != nil {
					s = nil
				}
			}
			out = append(out, Result{Key: api.ProviderVolcengine + "/" + v.Service + "@" + v.Version, Service: s, Err: err})
		}
	}
	if cfg.QingCloud != "" {
		s, err := ImportQingCloud(fsys, cfg.QingCloud, cfg.QingCloudSDK)
		key := api.ProviderQingCloud + "/" + cfg.QingCloud
		if err == nil {
			key = api.ProviderQingCloud + "/" + s.Name
		}
		out = append(out, Result{Key: key, Service: s, Err: err})
	}
	return out
}

// Import reads the services cfg names from the specs directory fsys and
// fails on the first that cannot be imported.
func Import(fsys fs.FS, cfg Config) ([]*api.Service, error) {
	var out []*api.Service
	for _, r := range ImportEach(fsys, cfg) {
		if r.Err != nil {
			return nil, fmt.Errorf("%s: %w", r.Key, r.Err)
		}
		out = append(out, r.Service)
	}
	return out, nil
}

// DescriptionPath is where a service's description is written, relative to
// the descriptions directory: <provider>/<package>.json.
func DescriptionPath(s *api.Service) string {
	return path.Join(s.Provider, s.PackageName()+".json")
}

// Write writes each service to dir/<provider>/<package>.json. With prune it
// also removes every other .json file in those provider directories, so a
// service that is no longer imported does not linger; a partial selection
// writes without pruning. It returns the paths written.
func Write(dir string, svcs []*api.Service, prune bool) ([]string, error) {
	written := make(map[string]bool)
	var paths []string
	for _, s := range svcs {
		data, err := api.Marshal(s)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, filepath.FromSlash(DescriptionPath(s)))
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
		if !prune {
			break
		}
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
