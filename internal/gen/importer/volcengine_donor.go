package importer

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// Three staged Volcengine service versions have only the metadata tier
// (fwcenter 2021-09-06, rds_mysql_v2 2022-01-01, rocketmq 2021-04-01): it
// names every action, its method and content type and every request and
// response field, but gives no field a type. Their types are taken from a
// "donor": another staged version of the same API that has all three tiers
// (fw_center 2021-09-06, rds_mysql 2022-01-01, rocketmq 2023-01-01). The
// metadata tier stays the authority on which fields exist: a donor field
// the metadata does not list is left out, and a listed field the donor does
// not know is imported as any (its type is not stated anywhere), with a
// note.

// vcUnknownType marks a field whose type no tier states.
const vcUnknownType = "?"

// vcMetadataTree is the request or response of one action in the metadata
// tier: field names, with nested objects under Structure.
type vcMetadataTree struct {
	Basic     []string                  `json:"Basic"`
	Structure map[string]vcMetadataTree `json:"Structure"`
}

type vcMetadataAction struct {
	Request  vcMetadataTree `json:"Request"`
	Response vcMetadataTree `json:"Response"`
}

// vcDonor finds the staged version whose metatype and structure tiers stand
// in for those of service/version: the same folder name without a "_v<N>"
// suffix or with "_" removed, the same version if staged, else the newest.
func vcDonor(fsys fs.FS, dir, service, version string) (string, string, error) {
	family := func(s string) string {
		if i := strings.LastIndex(s, "_v"); i > 0 && strings.Trim(s[i+2:], "0123456789") == "" {
			s = s[:i]
		}
		return packageName(s)
	}
	metas, err := fs.Glob(fsys, joinPath(dir, "metatype", "*", "*", "meta_type.json"))
	if err != nil {
		return "", "", err
	}
	var best [2]string
	for _, p := range metas {
		parts := strings.Split(p, "/")
		s, v := parts[len(parts)-3], parts[len(parts)-2]
		if (s == service && v == version) || family(s) != family(service) {
			continue
		}
		if _, err := fs.Stat(fsys, joinPath(dir, "structure", s, v, "structure.json")); err != nil {
			continue
		}
		switch {
		case best[0] == "",
			v == version && best[1] != version,
			best[1] != version && v > best[1]:
			best = [2]string{s, v}
		}
	}
	if best[0] == "" {
		return "", "", fmt.Errorf("volcengine %s %s has only the metadata tier and no other version of the API has the type tiers: its field types are not stated", service, version)
	}
	return best[0], best[1], nil
}

// vcSynthesize builds the metatype and structure tiers of a metadata-only
// version from its metadata tier and the donor's tiers.
func (v *vcImport) vcSynthesize(rawMD []byte, donorMT vcMetaTypes, donorST vcStructure, version string) (vcMetaTypes, vcStructure, error) {
	var md map[string]vcMetadataAction
	if err := json.Unmarshal(rawMD, &md); err != nil {
		return nil, vcStructure{}, err
	}
	mt := make(vcMetaTypes, len(md))
	st := vcStructure{Version: version, Structure: make(map[string]map[string]vcStructure1, len(md))}
	for action, a := range md {
		req := make(map[string]vcStructure1)
		v.synthRequest(action, a.Request, donorST.Structure[action], "", req)
		st.Structure[action] = req
		mt[action] = struct {
			Request  vcMeta `json:"Request"`
			Response vcMeta `json:"Response"`
		}{Response: v.synthResponse(action, a.Response, donorMT[action].Response, nil)}
	}
	return mt, st, nil
}

// synthRequest fills out with the structure-tier entries of one request
// object: prefix "" for the top level, "<Type>." for a nested type.
func (v *vcImport) synthRequest(action string, tree vcMetadataTree, donor map[string]vcStructure1, prefix string, out map[string]vcStructure1) {
	for _, b := range tree.Basic {
		name, list := strings.CutSuffix(b, ".N")
		if d, ok := donor[prefix+name]; ok {
			out[prefix+name] = d
			continue
		}
		v.b.notef("%s: request field %s%s is in the metadata tier only; its type is not stated, imported as any", action, prefix, name)
		out[prefix+name] = vcStructure1{Type: vcUnknownType, IsArray: list, ParentType: strings.TrimSuffix(prefix, ".")}
	}
	names := make([]string, 0, len(tree.Structure))
	for n := range tree.Structure {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		d, ok := donor[prefix+n]
		if !ok || d.Type == "" || vcScalarName(d.Type) {
			v.b.notef("%s: request object %s%s is in the metadata tier only; imported as any", action, prefix, n)
			out[prefix+n] = vcStructure1{Type: vcUnknownType, ParentType: strings.TrimSuffix(prefix, ".")}
			continue
		}
		out[prefix+n] = d
		v.synthRequest(action, tree.Structure[n], donor, d.Type+".", out)
	}
}

func vcScalarName(t string) bool {
	_, ok := vcScalar(t)
	return ok
}

// synthResponse builds the metatype tree of one response object.
func (v *vcImport) synthResponse(action string, tree vcMetadataTree, donor vcMeta, path []string) vcMeta {
	out := vcMeta{MetaTypes: make(map[string]vcMetaType), ChildMetas: make(map[string]vcMeta)}
	for _, b := range tree.Basic {
		name := strings.TrimSuffix(b, ".N")
		if d, ok := donor.MetaTypes[name]; ok && (d.TypeName != "object" && !(d.TypeName == "array" && d.TypeOf == "object")) {
			out.MetaTypes[name] = d
			continue
		}
		v.b.notef("%s: response field %s is in the metadata tier only; its type is not stated, imported as any", action, strings.Join(append(slices.Clone(path), name), "."))
		out.MetaTypes[name] = vcMetaType{TypeName: vcUnknownType}
	}
	for n, sub := range tree.Structure {
		d, ok := donor.MetaTypes[n]
		if !ok || !(d.TypeName == "object" || d.TypeName == "array" && d.TypeOf == "object") {
			v.b.notef("%s: response object %s is in the metadata tier only; imported as any", action, strings.Join(append(slices.Clone(path), n), "."))
			out.MetaTypes[n] = vcMetaType{TypeName: vcUnknownType}
			continue
		}
		out.MetaTypes[n] = d
		out.ChildMetas[n] = v.synthResponse(action, sub, donor.ChildMetas[n], append(slices.Clone(path), n))
	}
	return out
}
