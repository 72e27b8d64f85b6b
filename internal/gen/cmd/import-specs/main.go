// Command import-specs reads the providers' API specification data and
// writes one provider-neutral description per service (see package
// internal/gen/api), for the code generator to work from:
//
//	go run ./internal/gen/cmd/import-specs -specs ../shared/specs -out internal/gen/apis
//
// It writes <out>/<provider>/<service>.json and prints one line per service
// with its operation count. It is the only step of code generation that needs
// the specs directory; its output is committed.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/multicloud-go/multicloud/internal/gen/importer"
)

func main() {
	specs := flag.String("specs", "../shared/specs", "directory holding the jdcloud, qingcloud and volcengine spec folders")
	out := flag.String("out", "internal/gen/apis", "directory to write <provider>/<service>.json into")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "import-specs: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	svcs, err := importer.Import(os.DirFS(*specs), importer.DefaultConfig)
	if err != nil {
		fmt.Fprintln(os.Stderr, "import-specs:", err)
		os.Exit(1)
	}
	if _, err := importer.Write(*out, svcs); err != nil {
		fmt.Fprintln(os.Stderr, "import-specs:", err)
		os.Exit(1)
	}
	for _, s := range svcs {
		list := 0
		for _, o := range s.Operations {
			if o.Paging != nil {
				list++
			}
		}
		fmt.Printf("%-20s %4d operations, %3d list operations, %4d types\n", s.Provider+"/"+s.Name, len(s.Operations), list, len(s.Types))
	}
}
