package importer

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// Where each provider's data sits in the specs directory.
const (
	jdcloudDir      = "jdcloud"
	volcengineDir   = "volcengine/volcengine-sdk-metadata"
	qingcloudRoot   = "qingcloud/2013-08-30/swagger/api_v2.0.json"
	qingcloudSDKDir = "qingcloud/qingcloud-sdk-go-service"
)

// Staged lists every service the specs directory holds: every JD Cloud
// jdcloud/<name>.json, every Volcengine metadata/<service>/<version> and the
// QingCloud Swagger root (with the official SDK's service files when they
// are staged).
func Staged(fsys fs.FS) (Config, error) {
	var cfg Config
	jd, err := fs.Glob(fsys, jdcloudDir+"/*.json")
	if err != nil {
		return cfg, err
	}
	for _, p := range jd {
		cfg.JDCloud = append(cfg.JDCloud, strings.TrimSuffix(path.Base(p), ".json"))
	}
	vc, err := fs.Glob(fsys, volcengineDir+"/metadata/*/*/metadata.json")
	if err != nil {
		return cfg, err
	}
	for _, p := range vc {
		parts := strings.Split(p, "/")
		n := len(parts)
		cfg.Volcengine = append(cfg.Volcengine, VolcengineService{Service: parts[n-3], Version: parts[n-2]})
	}
	if _, err := fs.Stat(fsys, qingcloudRoot); err == nil {
		cfg.QingCloud = qingcloudRoot
		if _, err := fs.Stat(fsys, qingcloudSDKDir); err == nil {
			cfg.QingCloudSDK = qingcloudSDKDir
		}
	}
	return cfg, nil
}

// Select turns a SERVICES selection into a Config. An empty selection is
// DefaultConfig; "all" is every staged service; otherwise it is a list,
// separated by commas or spaces, of "provider/package" (jdcloud/lb,
// volcengine/rdsmysql, volcengine/iam20210801, qingcloud/iaas), of
// "provider/service@version" (volcengine/iam@2021-08-01) or of
// "provider/all".
func Select(fsys fs.FS, selection string) (Config, error) {
	items := strings.FieldsFunc(selection, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(items) == 0 {
		return DefaultConfig, nil
	}
	staged, err := Staged(fsys)
	if err != nil {
		return Config{}, err
	}
	if len(items) == 1 && items[0] == "all" {
		return staged, nil
	}
	vcNames := VolcenginePackages(staged.Volcengine)
	var cfg Config
	for _, item := range items {
		prov, name, ok := strings.Cut(item, "/")
		if !ok {
			return Config{}, fmt.Errorf("selection %q: want provider/package, provider/service@version or provider/all", item)
		}
		found := false
		switch prov {
		case api.ProviderJDCloud:
			for _, s := range staged.JDCloud {
				if name == "all" || name == s || name == packageName(s) {
					cfg.JDCloud = appendNew(cfg.JDCloud, s)
					found = true
				}
			}
		case api.ProviderVolcengine:
			for _, v := range staged.Volcengine {
				if name == "all" || name == vcNames[v] || name == v.Service+"@"+v.Version {
					if !slices.Contains(cfg.Volcengine, v) {
						cfg.Volcengine = append(cfg.Volcengine, v)
					}
					found = true
				}
			}
		case api.ProviderQingCloud:
			if staged.QingCloud != "" && (name == "all" || name == "iaas") {
				cfg.QingCloud, cfg.QingCloudSDK = staged.QingCloud, staged.QingCloudSDK
				found = true
			}
		default:
			return Config{}, fmt.Errorf("selection %q: unknown provider %q", item, prov)
		}
		if !found {
			return Config{}, fmt.Errorf("selection %q: no such staged service", item)
		}
	}
	return cfg, nil
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

var notPackageChars = regexp.MustCompile(`[^a-z0-9]+`)

// packageName is a service name made into a Go package name: lower case,
// without "_" or "-" (storage_ebs → storageebs).
func packageName(service string) string {
	return notPackageChars.ReplaceAllString(strings.ToLower(service), "")
}

// volcenginePackageOverrides name the package of a service folder whose
// plain name would mislead: rds_mysql_v2 is the current generation of the
// RDS for MySQL API, which users know as rdsmysql.
var volcenginePackageOverrides = map[string]string{
	"rds_mysql_v2": "rdsmysql",
}

// VolcenginePackages names the Go package of every Volcengine service
// version in all (the whole staged set, so that a version's name does not
// depend on which others are selected). The rules, in order:
//
//   - an override from volcenginePackageOverrides takes its name;
//   - otherwise the package name is the folder name without "_";
//   - when several versions (or folders) share that name, the oldest
//     version of the folder whose name is already the package name keeps
//     it, and every other one gets its version's digits appended
//     (iam 2021-08-01 → iam20210801, cloudmonitor 2025-12-01 →
//     cloudmonitor20251201, fw_center 2021-09-06 → fwcenter20210906 beside
//     fwcenter).
func VolcenginePackages(all []VolcengineService) map[VolcengineService]string {
	sorted := slices.Clone(all)
	// Plain folder names first, then by folder and version, so the oldest
	// version of the plainly named folder claims the bare name.
	slices.SortFunc(sorted, func(a, b VolcengineService) int {
		pa, pb := packageName(a.Service) == a.Service, packageName(b.Service) == b.Service
		if c := boolCmp(!pa, !pb); c != 0 {
			return c
		}
		if c := strings.Compare(a.Service, b.Service); c != 0 {
			return c
		}
		return strings.Compare(a.Version, b.Version)
	})
	out := make(map[VolcengineService]string, len(all))
	taken := make(map[string]bool)
	for _, v := range sorted {
		if name, ok := volcenginePackageOverrides[v.Service]; ok && !taken[name] {
			out[v], taken[name] = name, true
		}
	}
	for _, v := range sorted {
		if _, ok := out[v]; ok {
			continue
		}
		name := packageName(v.Service)
		if taken[name] {
			name += notPackageChars.ReplaceAllString(v.Version, "")
		}
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s%d", packageName(v.Service)+notPackageChars.ReplaceAllString(v.Version, ""), i)
		}
		out[v], taken[name] = name, true
	}
	return out
}
