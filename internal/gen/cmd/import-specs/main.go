// Command import-specs reads the providers' API specification data and
// writes one provider-neutral description per service version (see package
// internal/gen/api), for the code generator to work from:
//
//	go run ./internal/gen/cmd/import-specs -specs ../shared/specs -out internal/gen/apis [-services all]
//
// -services selects what to import: empty for the committed set
// (importer.DefaultConfig), "all" for every staged service of the three
// clouds, or a list of provider/package, provider/service@version or
// provider/all (see importer.Select).
//
// Each imported service is also run through the emitter, so a service whose
// shape the generator cannot take yet is reported here, not at go generate
// time. Such a service is not written; it is printed with the reason and
// recorded in <out>/NOT-IMPORTED.md (removed when every selected service is
// taken). Each service that is written also gets a package directory
// <root>/<provider>/<package> with a doc.go holding its //go:generate line,
// when it has none yet; an existing doc.go is never touched.
//
// It is the only step of code generation that needs the specs directory;
// its output is committed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
	"github.com/multicloud-go/multicloud/internal/gen/emit"
	"github.com/multicloud-go/multicloud/internal/gen/importer"
)

func main() {
	specs := flag.String("specs", "../shared/specs", "directory holding the jdcloud, qingcloud and volcengine spec folders")
	out := flag.String("out", "internal/gen/apis", "directory to write <provider>/<package>.json into")
	root := flag.String("root", ".", "module root, under which <provider>/<package>/doc.go is created for a new package")
	services := flag.String("services", "", `services to import: "" (the committed set), "all", or a list of provider/package, provider/service@version, provider/all`)
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "import-specs: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	if err := run(*specs, *out, *root, *services); err != nil {
		fmt.Fprintln(os.Stderr, "import-specs:", err)
		os.Exit(1)
	}
}

func run(specs, out, root, services string) error {
	fsys := os.DirFS(specs)
	cfg, err := importer.Select(fsys, services)
	if err != nil {
		return err
	}
	var svcs []*api.Service
	var failed []string
	for _, r := range importer.ImportEach(fsys, cfg) {
		if r.Err == nil {
			if _, err := emit.Files(r.Service); err != nil {
				r.Err = fmt.Errorf("the emitter cannot take it: %w", err)
			}
		}
		if r.Err != nil {
			failed = append(failed, fmt.Sprintf("- %s: %s", r.Key, oneLine(r.Err)))
			continue
		}
		svcs = append(svcs, r.Service)
	}
	full := services == "" || strings.TrimSpace(services) == "all"
	if _, err := importer.Write(out, svcs, full); err != nil {
		return err
	}
	if err := record(filepath.Join(out, "NOT-IMPORTED.md"), services, failed); err != nil {
		return err
	}
	ops := 0
	for _, s := range svcs {
		if err := scaffold(root, s); err != nil {
			return err
		}
		list := 0
		for _, o := range s.Operations {
			if o.Paging != nil {
				list++
			}
		}
		ops += len(s.Operations)
		fmt.Printf("%-34s %4d operations, %3d list operations, %4d types\n", s.Provider+"/"+s.PackageName(), len(s.Operations), list, len(s.Types))
	}
	fmt.Printf("%d services, %d operations imported\n", len(svcs), ops)
	for _, f := range failed {
		fmt.Println("not imported", f)
	}
	if len(failed) > 0 && !full {
		return fmt.Errorf("%d selected services not imported", len(failed))
	}
	return nil
}

func oneLine(err error) string {
	s := strings.ReplaceAll(err.Error(), "\n", "; ")
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}

// record writes the list of services not taken, or removes the file when
// there are none.
func record(path, services string, failed []string) error {
	if len(failed) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	sel := services
	if sel == "" {
		sel = "(the committed set)"
	}
	text := "# Services not imported\n\nWritten by `make import-specs SERVICES=" + sel + "`: each staged service the importer\n" +
		"or the emitter cannot take yet, with the shape that stops it.\n\n" + strings.Join(slices.Sorted(slices.Values(failed)), "\n") + "\n"
	return os.WriteFile(path, []byte(text), 0o644)
}

// generateDirective is written apart so that go generate does not take
// this file's template for a directive of its own.
const generateDirective = "//go:" + "generate"

var providerNames = map[string]string{
	api.ProviderJDCloud:    "JD Cloud",
	api.ProviderVolcengine: "Volcengine",
	api.ProviderQingCloud:  "QingCloud",
}

// scaffold creates <root>/<provider>/<package>/doc.go for a package that has
// none: the package comment and the //go:generate line. It is a starting
// point to edit; it is not generated code and is never rewritten.
func scaffold(root string, s *api.Service) error {
	dir := filepath.Join(root, s.Provider, s.PackageName())
	p := filepath.Join(dir, "doc.go")
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	version := ""
	if s.Provider != api.ProviderQingCloud {
		version = ", version " + s.Version
	}
	text := fmt.Sprintf(`// Package %[1]s is the typed client for the %[2]s %[3]s API%[4]s.
//
// The code is generated from the API description in
// internal/gen/apis/%[5]s/%[1]s.json: one method per operation, named as the
// provider names it, taking a *NameInput and returning a *NameOutput. Every
// list operation Name also has NameAll, an iterator over every item of every
// page.
package %[1]s

%[6]s go run github.com/multicloud-go/multicloud/internal/gen/cmd/emit -service %[5]s/%[1]s
`, s.PackageName(), providerNames[s.Provider], s.Name, version, s.Provider, generateDirective)
	return os.WriteFile(p, []byte(text), 0o644)
}
