package catalog

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// data holds the generated service files.
//
//go:embed data/*/*.jsonl
var data embed.FS

// Provider names, as in Service.Provider.
const (
	JDCloud    = "jdcloud"
	Volcengine = "volcengine"
	QingCloud  = "qingcloud"
)

// ServiceInfo is one entry of the generated index: what can be listed
// without decoding a service.
type ServiceInfo struct {
	Provider   string // "jdcloud", "volcengine", "qingcloud"
	Name       string // the service name: "vm", "iaas", "billing"
	Package    string // the typed package name (often Name)
	Version    string // the service's API version
	Operations int    // how many operations it has
}

// Catalog gives access to the embedded service descriptions. It decodes
// each service on first use and keeps it; it is safe for concurrent use.
// Its values are shared: callers must not modify them.
type Catalog struct {
	fsys  fs.FS
	index []ServiceInfo

	mu       sync.Mutex
	services map[string]*serviceSlot
}

// serviceSlot decodes one service once.
type serviceSlot struct {
	once sync.Once
	svc  *Service
	err  error
}

// New returns a Catalog of the embedded descriptions. It is cheap: nothing
// is decoded until Service is called.
func New() *Catalog {
	return &Catalog{fsys: data, index: index, services: map[string]*serviceSlot{}}
}

// Providers returns the provider names, sorted.
func (c *Catalog) Providers() []string {
	var out []string
	for _, s := range c.index {
		if !slices.Contains(out, s.Provider) {
			out = append(out, s.Provider)
		}
	}
	slices.Sort(out)
	return out
}

// Services returns the index entries of provider's services, sorted by name;
// every service when provider is "".
func (c *Catalog) Services(provider string) []ServiceInfo {
	var out []ServiceInfo
	for _, s := range c.index {
		if provider == "" || s.Provider == provider {
			out = append(out, s)
		}
	}
	return out
}

// Service returns the decoded description of a provider's service, or an
// error when there is none or it does not decode.
func (c *Catalog) Service(provider, name string) (*Service, error) {
	known := slices.ContainsFunc(c.index, func(s ServiceInfo) bool { return s.Provider == provider && s.Name == name })
	if !known {
		return nil, fmt.Errorf("catalog: no service %s/%s", provider, name)
	}
	key := provider + "/" + name
	c.mu.Lock()
	slot := c.services[key]
	if slot == nil {
		slot = &serviceSlot{}
		c.services[key] = slot
	}
	c.mu.Unlock()
	slot.once.Do(func() {
		slot.svc, slot.err = c.load(key)
	})
	return slot.svc, slot.err
}

// load decodes data/<provider>/<name>.jsonl.
func (c *Catalog) load(key string) (*Service, error) {
	b, err := fs.ReadFile(c.fsys, path.Join("data", key+".jsonl"))
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	s, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", key, err)
	}
	return s, nil
}

// Operation returns one operation of a provider's service and a Service
// that holds only what describing and calling it needs: the service's own
// facts, that operation and the types its input and output reach. It reads
// just those lines of the service's file, so it costs a fraction of
// Service; when the whole service has already been decoded it returns that.
// name must match exactly; the error says when there is no such operation.
func (c *Catalog) Operation(provider, service, name string) (*Service, *Operation, error) {
	key := provider + "/" + service
	c.mu.Lock()
	slot := c.services[key]
	c.mu.Unlock()
	if slot != nil {
		svc, err := c.Service(provider, service)
		if err != nil {
			return nil, nil, err
		}
		if op := svc.Operation(name); op != nil {
			return svc, op, nil
		}
		return nil, nil, fmt.Errorf("catalog: %s has no operation %q", key, name)
	}
	if !slices.ContainsFunc(c.index, func(s ServiceInfo) bool { return s.Provider == provider && s.Name == service }) {
		return nil, nil, fmt.Errorf("catalog: no service %s", key)
	}
	b, err := fs.ReadFile(c.fsys, path.Join("data", key+".jsonl"))
	if err != nil {
		return nil, nil, fmt.Errorf("catalog: %w", err)
	}
	svc, err := decodeOne(b, name)
	if err != nil {
		return nil, nil, fmt.Errorf("catalog: %s: %w", key, err)
	}
	if svc == nil {
		return nil, nil, fmt.Errorf("catalog: %s has no operation %q", key, name)
	}
	return svc, &svc.Operations[0], nil
}

// decodeOne decodes the header, the named operation and the types it
// reaches from a service file; nil when the operation is not there.
func decodeOne(b []byte, name string) (*Service, error) {
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		return nil, fmt.Errorf("no header line")
	}
	s := new(Service)
	if err := json.Unmarshal(b[:end], s); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	s.Generated = ""
	var l line
	found, err := findLine(b, `{"operation":{"name":`, name, &l)
	if err != nil || !found {
		return nil, err
	}
	s.Operations = []Operation{*l.Operation}
	queue := refs(nil, l.Operation.Input)
	queue = refs(queue, l.Operation.Output)
	if p := l.Operation.Paging; p != nil {
		queue = refs(queue, []Field{{Type: p.ItemType}})
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		if seen[t] {
			continue
		}
		seen[t] = true
		var tl line
		ok, err := findLine(b, `{"type":{"name":`, t, &tl)
		if err != nil {
			return nil, err
		}
		if ok {
			s.Types = append(s.Types, *tl.Type)
			queue = refs(queue, tl.Type.Fields)
		}
	}
	slices.SortFunc(s.Types, func(a, b Type) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

// findLine decodes into l the line that starts with prefix and the JSON
// string name, as Encode writes them.
func findLine(b []byte, prefix, name string, l *line) (bool, error) {
	quoted, err := json.Marshal(name)
	if err != nil {
		return false, err
	}
	needle := append([]byte("\n"+prefix), quoted...)
	needle = append(needle, ',')
	i := bytes.Index(b, needle)
	if i < 0 {
		return false, nil
	}
	start := i + 1
	end := bytes.IndexByte(b[start:], '\n')
	if end < 0 {
		end = len(b) - start
	}
	if err := json.Unmarshal(b[start:start+end], l); err != nil {
		return false, err
	}
	return true, nil
}

// refs appends the names of the object types the fields refer to.
func refs(dst []string, fields []Field) []string {
	for _, f := range fields {
		t := &f.Type
		for t.Elem != nil {
			t = t.Elem
		}
		if t.Kind == KindObject && t.Ref != "" {
			dst = append(dst, t.Ref)
		}
	}
	return dst
}

// line is one line of a service file after the header: an operation or a
// named type.
type line struct {
	Operation *Operation `json:"operation,omitempty"`
	Type      *Type      `json:"type,omitempty"`
}

// Encode writes s in the catalog's file format: a header line with the
// service's own facts (and notice, when not empty, as its "generated"
// member), then one line per operation and one per type, in s's order.
// Decode reads it back.
func Encode(s *Service, notice string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	header := *s
	header.Operations, header.Types = nil, nil
	header.Generated = notice
	if err := enc.Encode(&header); err != nil {
		return nil, err
	}
	for i := range s.Operations {
		if err := enc.Encode(line{Operation: &s.Operations[i]}); err != nil {
			return nil, err
		}
	}
	for i := range s.Types {
		if err := enc.Encode(line{Type: &s.Types[i]}); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// Decode reads a service file written by Encode. Operations and types are
// sorted by name afterwards, so lookups can search them.
func Decode(b []byte) (*Service, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var s *Service
	for n := 1; sc.Scan(); n++ {
		text := sc.Bytes()
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if s == nil {
			s = new(Service)
			if err := json.Unmarshal(text, s); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			continue
		}
		var l line
		if err := json.Unmarshal(text, &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		switch {
		case l.Operation != nil:
			s.Operations = append(s.Operations, *l.Operation)
		case l.Type != nil:
			s.Types = append(s.Types, *l.Type)
		default:
			return nil, fmt.Errorf("line %d: neither an operation nor a type", n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("empty service file")
	}
	s.Generated = ""
	slices.SortFunc(s.Operations, func(a, b Operation) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.Types, func(a, b Type) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}
