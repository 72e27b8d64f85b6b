package mcotel

import (
	"sync"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/multicloud-go/multicloud"
)

// apiKey names an API at an endpoint: what every call to it shares.
type apiKey struct{ provider, service, action, host string }

// apiStatics are the span names and attribute sets every call to one API
// shares, built once: the attribute sets and span names of a call would
// otherwise cost a dozen allocations each time.
type apiStatics struct {
	callName, attemptName string
	ids                   []attribute.KeyValue // rpc.system, rpc.service, rpc.method
	spanAttrs             []attribute.KeyValue // ids, cloud.provider, server.address, server.port
	idSet                 metric.MeasurementOption
	callStart             []trace.SpanStartOption

	mu   sync.Mutex
	with map[attribute.KeyValue]metric.MeasurementOption // ids plus one more: error.type or retry reason
}

// staticsCache holds the apiStatics of every API an Observer has seen. The
// APIs are the generated services' and the endpoints a program's clients
// use: a bounded set.
type staticsCache struct {
	mu sync.RWMutex
	m  map[apiKey]*apiStatics
}

// get returns the statics of info's API, building them the first time.
func (c *staticsCache) get(info multicloud.CallInfo) *apiStatics {
	k := apiKey{info.Provider, info.Service, info.Action, info.Host}
	c.mu.RLock()
	s := c.m[k]
	c.mu.RUnlock()
	if s != nil {
		return s
	}
	s = newAPIStatics(info)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[k]; old != nil {
		return old
	}
	if c.m == nil {
		c.m = make(map[apiKey]*apiStatics)
	}
	c.m[k] = s
	return s
}

func newAPIStatics(info multicloud.CallInfo) *apiStatics {
	s := &apiStatics{
		callName: spanName(info.Provider, info.Service, info.Action),
		ids:      []attribute.KeyValue{rpcSystem(info.Provider), semconv.RPCService(info.Service), semconv.RPCMethod(info.Action)},
		with:     make(map[attribute.KeyValue]metric.MeasurementOption),
	}
	s.attemptName = s.callName + " attempt"
	s.idSet = metric.WithAttributeSet(attribute.NewSet(s.ids...))
	s.spanAttrs = append(append(append([]attribute.KeyValue(nil), s.ids...),
		semconv.CloudProviderKey.String(info.Provider)), serverAttrs(info.Host)...)
	s.callStart = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(s.spanAttrs...)}
	return s
}

// attemptStarts are the span options of the first attempts, built once;
// later attempts build theirs.
var attemptStarts = func() [][]trace.SpanStartOption {
	opts := make([][]trace.SpanStartOption, 8)
	for n := 1; n < len(opts); n++ {
		opts[n] = attemptStart(n)
	}
	return opts
}()

// attemptStart returns the span options of attempt n.
func attemptStart(n int) []trace.SpanStartOption {
	attrs := []attribute.KeyValue{AttemptKey.Int(n)}
	if n > 1 {
		attrs = append(attrs, semconv.HTTPRequestResendCount(n-1))
	}
	return []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(attrs...)}
}

// idsWith is the measurement option of the API's attributes and kv.
func (s *apiStatics) idsWith(kv attribute.KeyValue) metric.MeasurementOption {
	s.mu.Lock()
	defer s.mu.Unlock()
	opt, ok := s.with[kv]
	if !ok {
		attrs := append(append(make([]attribute.KeyValue, 0, len(s.ids)+1), s.ids...), kv)
		opt = metric.WithAttributeSet(attribute.NewSet(attrs...))
		s.with[kv] = opt
	}
	return opt
}
