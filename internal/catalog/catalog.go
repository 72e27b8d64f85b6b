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
