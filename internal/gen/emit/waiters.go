package emit

import (
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// FileWaiter holds a package's status waiter, when Waiters has one for it.
const FileWaiter = "waiter_gen.go"

// Waiter describes a status waiter: a method that polls one describe (or
// list) operation until a resource reaches the status the caller names.
// Field paths are dotted Go field names, checked against the description.
type Waiter struct {
	// Name is the method's name: "WaitLoadBalancerStatus".
	Name string
	// Noun names the resource in docs and errors: "load balancer".
	Noun string
	// Describe is the operation polled: "DescribeLoadBalancer".
	Describe string
	// ID is the input field that carries the id: "LoadBalancerID", or a
	// path to a list of ids ("Filter.IDs", sent as the one id).
	ID string
	// Param is the id parameter's name: "loadBalancerID".
	Param string
	// Resource is the output field that holds the resource; "" means the
	// whole output.
	Resource string
	// MatchBy, when Resource is a list, is the element field compared with
	// the id; an id the list does not hold ends the wait with KindNotFound.
	MatchBy string
	// Status is the path from the resource to its status: "State.Code".
	Status string
	// Statuses are the statuses the API documents, for the doc comment.
	Statuses []string
	// Failed are the statuses from which the wanted one cannot be reached.
	Failed []string
	// Delays are the polling defaults.
	Delays Delays
}

// Delays are a waiter's polling defaults: the first delay, the longest
// delay and the longest wait.
type Delays struct{ MinDelay, MaxDelay, MaxWait time.Duration }

// The defaults of the generated waiters: resources that take minutes (load
// balancers, gateways) and those that may take half an hour (databases,
// caches, clusters).
var (
	minutes    = Delays{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 10 * time.Minute}
	halfAnHour = Delays{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 30 * time.Minute}
)

// Volcengine services that share a waiter's shape.
var (
	volcengineLoadBalancer = Waiter{
		Name: "WaitLoadBalancerStatus", Noun: "load balancer", Describe: "DescribeLoadBalancerAttributes", ID: "LoadBalancerID", Param: "loadBalancerID",
		Status: "Status", Delays: minutes,
	}
	volcengineRDS = Waiter{
		Name: "WaitDBInstanceStatus", Noun: "DB instance", Describe: "DescribeDBInstanceDetail", ID: "InstanceID", Param: "instanceID",
		Status: "BasicInfo.InstanceStatus", Delays: halfAnHour,
	}
)

// Waiters are the generated status waiters, by provider/package. A JD
// Cloud waiter also takes WaitOptions.Region, sent as the input's RegionID.
// Waiters with more logic (jobs, transition statuses, paged lists) are
// hand-written: jdcloud/vm, volcengine/ecs, qingcloud/iaas.
var Waiters = map[string]Waiter{
	"jdcloud/kubernetes": {
		Name: "WaitClusterStatus", Noun: "cluster", Describe: "DescribeCluster", ID: "ClusterID", Param: "clusterID",
		Resource: "Cluster", Status: "ClusterState",
		Statuses: []string{"pending", "running", "reconciling", "deleting", "deleted", "error"},
		Failed:   []string{"error", "deleted"},
		Delays:   halfAnHour,
	},
	"jdcloud/lb": {
		Name: "WaitLoadBalancerStatus", Noun: "load balancer", Describe: "DescribeLoadBalancer", ID: "LoadBalancerID", Param: "loadBalancerID",
		Resource: "LoadBalancer", Status: "State.Code",
		Statuses: []string{"CREATING", "ACTIVE", "DOWN", "DELETING", "STOPPING", "STARTING", "CREATE_FAILED"},
		Failed:   []string{"CREATE_FAILED"},
		Delays:   minutes,
	},
	"jdcloud/rds": {
		Name: "WaitInstanceStatus", Noun: "instance", Describe: "DescribeInstanceAttributes", ID: "InstanceID", Param: "instanceID",
		Resource: "DBInstanceAttributes", Status: "InstanceStatus",
		Delays: halfAnHour,
	},
	"jdcloud/redis": {
		Name: "WaitCacheInstanceStatus", Noun: "cache instance", Describe: "DescribeCacheInstance", ID: "CacheInstanceID", Param: "cacheInstanceID",
		Resource: "CacheInstance", Status: "CacheInstanceStatus",
		Statuses: []string{"creating", "running", "error", "changing", "deleting", "configuring", "restoring", "upgrading"},
		Failed:   []string{"error"},
		Delays:   halfAnHour,
	},
	"volcengine/alb": volcengineLoadBalancer,
	"volcengine/clb": volcengineLoadBalancer,
	"volcengine/natgateway": {
		Name: "WaitNatGatewayStatus", Noun: "NAT gateway", Describe: "DescribeNatGatewayAttributes", ID: "NatGatewayID", Param: "natGatewayID",
		Status: "Status",
		Delays: minutes,
	},
	"volcengine/rdsmysql":      volcengineRDS,
	"volcengine/rdspostgresql": volcengineRDS,
	"volcengine/redis": {
		Name: "WaitDBInstanceStatus", Noun: "DB instance", Describe: "DescribeDBInstanceDetail", ID: "InstanceID", Param: "instanceID",
		Status: "Status",
		Delays: halfAnHour,
	},
	"volcengine/vke": {
		Name: "WaitClusterStatus", Noun: "cluster", Describe: "ListClusters", ID: "Filter.IDs", Param: "clusterID",
		Resource: "Items", MatchBy: "ID", Status: "Status.Phase",
		Delays: halfAnHour,
	},
}

// WaiterHeader is the first line of a generated waiter file.
func WaiterHeader(s *api.Service) string {
	return fmt.Sprintf("// Code generated by internal/gen/cmd/emit from internal/gen/apis/%s/%s.json and the Waiters table of internal/gen/emit/waiters.go. DO NOT EDIT.", s.Provider, s.PackageName())
}

var waiterTmpl = template.Must(template.New("waiter").Parse(`
// WaitOptions bound the polling of {{.W.Name}}. The first poll is made at
// once; later ones after a delay that doubles from MinDelay to MaxDelay,
// each shortened by a random jitter of up to half. Zero fields take the
// defaults: {{.Defaults}}.
type WaitOptions struct {
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxWait bounds the whole wait, within ctx.
	MaxWait time.Duration
{{- if .Region}}
	// Region is the region of the resource waited on; empty means the
	// client's Config.Region.
	Region string
{{- end}}
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{ {{- .DefaultsLit -}} }

{{.Doc -}}
func (c *Client) {{.W.Name}}(ctx context.Context, {{.W.Param}}, status string, opts ...func(*WaitOptions)) (*{{.Type}}, error) {
	o := waiter.Apply(opts)
	s := waiter.Status[{{.Type}}]{
		Provider: {{.Pkg}}.Provider, Service: {{printf "%q" .Service}}, Action: {{printf "%q" .W.Describe}},
		What: {{printf "%q" .What}} + {{.W.Param}}, Want: status, Failed: {{.Failed}},
		Describe: func(ctx context.Context) (*{{.Type}}, error) {
			out, err := c.{{.W.Describe}}(ctx, &{{.W.Describe}}Input{ {{- .Input -}} }, o.CallOptions...)
			if err != nil {
				return nil, err
			}
{{- if .W.MatchBy}}
			for i := range out.{{.W.Resource}} {
				if out.{{.W.Resource}}[i].{{.W.MatchBy}} == {{.W.Param}} {
					return &out.{{.W.Resource}}[i], nil
				}
			}
			return nil, nil
{{- else if .W.Resource}}
			return &out.{{.W.Resource}}, nil
{{- else}}
			return out, nil
{{- end}}
		},
		StatusOf: func(r *{{.Type}}) string { return r.{{.W.Status}} },
	}
	if {{.W.Param}} == "" || status == "" {
		return nil, s.Invalid({{printf "%q" .Invalid}})
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}.Observed(c.observer(), {{.Pkg}}.Provider, {{printf "%q" .Package}}, {{printf "%q" .W.Name}}), waitDefaults, s)
}

// observer is the observer the waiters report their polls to, nil if none.
func (c *Client) observer() multicloud.Observer {
	if c == nil {
		return nil
	}
	return c.provider.Observer()
}
`))

// waiter renders the package's status waiter, "" when it has none.
func (g *gen) waiter() (string, error) {
	w, ok := g.waiters[g.svc.Provider+"/"+g.svc.PackageName()]
	if !ok {
		return "", nil
	}
	for _, p := range []string{"context", "time", "multicloud", "waiter", g.prov.Pkg} {
		g.use(p)
	}
	o := g.svc.Operation(w.Describe)
	if o == nil {
		return "", fmt.Errorf("waiter %s: no operation %s", w.Name, w.Describe)
	}
	region := g.svc.Provider == api.ProviderJDCloud
	input, err := g.waiterInput(o, w, region)
	if err != nil {
		return "", fmt.Errorf("waiter %s: %w", w.Name, err)
	}
	typ, err := g.waiterResource(o, w)
	if err != nil {
		return "", fmt.Errorf("waiter %s: %w", w.Name, err)
	}
	service := g.svc.SigningName // as the client's errors name the service
	if service == "" {
		service = g.svc.Name
	}
	failed := "nil"
	if len(w.Failed) > 0 {
		failed = fmt.Sprintf("%#v", w.Failed)
	}
	return render(waiterTmpl, map[string]any{
		"W": w, "Pkg": g.prov.Pkg, "Service": service, "Package": g.svc.PackageName(),
		"Region": region, "Type": typ, "Input": input, "Failed": failed,
		"What":        w.Noun + " ",
		"Invalid":     w.Name + " needs an id and a status",
		"Defaults":    fmt.Sprintf("%s, %s and %s", duration(w.Delays.MinDelay), duration(w.Delays.MaxDelay), duration(w.Delays.MaxWait)),
		"DefaultsLit": fmt.Sprintf("MinDelay: %s, MaxDelay: %s, MaxWait: %s", durationLit(w.Delays.MinDelay), durationLit(w.Delays.MaxDelay), durationLit(w.Delays.MaxWait)),
		"Doc":         wrapComment(waiterDoc(w, region), ""),
	})
}

// waiterDoc is the waiter method's doc comment.
func waiterDoc(w Waiter, region bool) string {
	doc := fmt.Sprintf("%s polls %s until the %s's status is status, and returns what it last read.", w.Name, w.Describe, w.Noun)
	if len(w.Statuses) > 0 {
		doc += " The API documents the statuses " + list(w.Statuses, "and") + "."
	} else {
		doc += " The status is compared as the API spells it."
	}
	if region {
		doc += " The region is the client's Config.Region unless WaitOptions.Region says otherwise."
	}
	if len(w.Failed) > 0 {
		quoted := make([]string, len(w.Failed))
		for i, f := range w.Failed {
			quoted[i] = fmt.Sprintf("%q", f)
		}
		doc += fmt.Sprintf(" A %s in status %s cannot reach another status by waiting: that ends the wait with an error of KindConflict, unless it is the status wanted.", w.Noun, list(quoted, "or"))
	}
	doc += fmt.Sprintf(" An error from %s (such as KindNotFound for an unknown id) ends the wait at once.", w.Describe)
	if w.MatchBy != "" {
		doc += fmt.Sprintf(" A %s that %s does not return ends the wait with an error of KindNotFound.", w.Noun, w.Describe)
	}
	return doc + " The first poll is made at once."
}

// list joins words as prose: "a, b and c".
func list(words []string, and string) string {
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

// duration spells a default for the doc: "5 s", "30 minutes".
func duration(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return fmt.Sprintf("%d s", d/time.Second)
}

// durationLit is a default as Go source: "5 * time.Second".
func durationLit(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d * time.Minute", d/time.Minute)
	}
	return fmt.Sprintf("%d * time.Second", d/time.Second)
}

// waiterInput is the fields of the describe call's input literal: the
// region (JD Cloud) and the id, at the end of w.ID's path through objects.
func (g *gen) waiterInput(o *api.Operation, w Waiter, region bool) (string, error) {
	var parts []string
	if region {
		if f := fieldByGoName(o.Input, "RegionID"); f == nil || f.Type.Kind != api.KindString || !f.Required {
			return "", fmt.Errorf("%s has no required string input RegionID", o.Name)
		}
		parts = append(parts, "RegionID: o.Region")
	}
	fields, path := o.Input, strings.Split(w.ID, ".")
	value := w.Param
	var wrap []string // the object literals the id sits in, outermost first
	for i, name := range path {
		f := fieldByGoName(fields, name)
		if f == nil {
			return "", fmt.Errorf("%s input has no field %s", o.Name, w.ID)
		}
		if i < len(path)-1 {
			t := g.svc.Type(f.Type.Ref)
			if f.Type.Kind != api.KindObject || t == nil {
				return "", fmt.Errorf("%s input field %s is not an object", o.Name, name)
			}
			wrap = append(wrap, name+": &"+t.GoName+"{")
			fields = t.Fields
			continue
		}
		switch {
		case f.Type.Kind == api.KindString && f.Required && i == 0:
		case f.Type.Kind == api.KindList && f.Type.Elem.Kind == api.KindString:
			value = "[]string{" + value + "}"
		default:
			return "", fmt.Errorf("%s input field %s is neither a required string nor a list of strings", o.Name, w.ID)
		}
		value = name + ": " + value
	}
	parts = append(parts, strings.Join(wrap, "")+value+strings.Repeat("}", len(wrap)))
	return strings.Join(parts, ", "), nil
}

// waiterResource checks the path from the output to the resource and from
// the resource to its status, and returns the resource's Go type.
func (g *gen) waiterResource(o *api.Operation, w Waiter) (string, error) {
	typ, fields := o.Name+"Output", o.Output
	if w.Resource != "" {
		f := fieldByGoName(o.Output, w.Resource)
		ref := f
		if f != nil && w.MatchBy != "" {
			if f.Type.Kind != api.KindList {
				return "", fmt.Errorf("MatchBy needs a list Resource, and %s is no list", w.Resource)
			}
			ref = &api.Field{Type: *f.Type.Elem}
		}
		if f == nil || ref.Type.Kind != api.KindObject || g.svc.Type(ref.Type.Ref) == nil || g.input[ref.Type.Ref] {
			return "", fmt.Errorf("%s output has no object field %s", o.Name, w.Resource)
		}
		typ, fields = ref.Type.Ref, g.svc.Type(ref.Type.Ref).Fields
		if w.MatchBy != "" {
			if m := fieldByGoName(fields, w.MatchBy); m == nil || m.Type.Kind != api.KindString {
				return "", fmt.Errorf("%s has no string field %s", typ, w.MatchBy)
			}
		}
	} else if w.MatchBy != "" {
		return "", fmt.Errorf("MatchBy needs a list Resource")
	}
	owner := typ
	path := strings.Split(w.Status, ".")
	for i, name := range path {
		f := fieldByGoName(fields, name)
		if f == nil {
			return "", fmt.Errorf("%s has no field %s", owner, name)
		}
		if i == len(path)-1 {
			if f.Type.Kind != api.KindString {
				return "", fmt.Errorf("status %s is not a string", w.Status)
			}
			break
		}
		t := g.svc.Type(f.Type.Ref)
		if f.Type.Kind != api.KindObject || t == nil || g.pointers[owner][f.WireName] {
			return "", fmt.Errorf("%s.%s is not an object held by value", owner, name)
		}
		owner, fields = t.GoName, t.Fields
	}
	return typ, nil
}

func fieldByGoName(fs []api.Field, name string) *api.Field {
	for i := range fs {
		if fs[i].GoName == name {
			return &fs[i]
		}
	}
	return nil
}
