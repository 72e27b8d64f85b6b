package cloudtest

import (
	"context"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// Server is a running emulator of one provider, served over TLS on a
// loopback port. Create it with NewJDCloud, NewVolcengine or NewQingCloud
// and Close it when done. It is safe for concurrent use.
type Server struct {
	// URL is the endpoint to give a client (WithEndpoint, or the
	// provider Config's Endpoint): https://127.0.0.1:<port> for JD Cloud
	// and Volcengine, https://127.0.0.1:<port>/iaas/ for QingCloud.
	URL string

	prov   provider
	srv    *httptest.Server
	cfg    config
	faults faultQueue
	log    recorder
	quota  *quotaBuckets
	done   chan struct{}
	once   sync.Once

	// mu guards the provider's resources: every request's work runs under
	// it, so each request sees and leaves a consistent state.
	mu sync.Mutex
	// tokens are the answers given to mutations with an idempotency
	// token, by idempotencyKey; guarded by mu.
	tokens map[string]*tokenAnswer
	// pools hold the lifecycle resources by kind and region; guarded
	// by mu.
	pools map[string]*pool

	rngMu sync.Mutex
	rng   *rand.Rand
}

// provider is one cloud's wire protocol and resources.
type provider interface {
	// name is the provider's name: "jdcloud", "volcengine", "qingcloud".
	name() string
	// basePath is the path of the endpoint, "" or "/iaas/".
	basePath() string
	// parse finds the API a request calls (in.action) and reads its
	// parameters; it keeps what it cannot read as in.parseErr for serve.
	parse(in *incoming)
	// authenticate verifies the signature; it returns the provider's
	// answer to a request that fails, nil otherwise.
	authenticate(in *incoming) *reply
	// quotaKey names the quota bucket an authenticated request counts in.
	quotaKey(in *incoming) string
	// serve performs the API call; it runs with the Server's mu held.
	serve(in *incoming) *reply
	// throttle is the provider's throttling answer.
	throttle(in *incoming) *reply
	// serverError is the provider's internal-error answer with status.
	serverError(in *incoming, status int) *reply
	// fail renders an API call's failure as the provider's error.
	fail(in *incoming, f *failure) *reply
	// padded is a success envelope whose total size is n bytes, for
	// FaultOversize: the body is prefix, n-len(prefix)-len(suffix) bytes
	// of 'x', suffix.
	padded(in *incoming) (prefix, suffix []byte)
}

// incoming is one request on its way through the server.
type incoming struct {
	r    *http.Request
	body []byte
	now  time.Time
	rec  *Request
	// path is the escaped path as sent.
	path string

	action    string
	service   string // JD Cloud service line, Volcengine service
	version   string // Volcengine API version
	region    string // Volcengine signing region
	accessKey string
	creds     signer.Credentials
	params    flat   // Volcengine and QingCloud parameters
	route     any    // the provider's parsed route
	spec      specOp // the operation's description, when the catalog has it
	parseErr  error  // a parameter the provider could not read
}

// reply is an answer the server writes.
type reply struct {
	status      int
	contentType string
	header      http.Header
	body        []byte
	// code is the provider's error code, "" for a success.
	code string
}

// newServer starts a server for the provider that build makes, with the
// provider's defaults in cfg and then opts applied.
func newServer(cfg config, opts []Option, build func(*Server) provider) *Server {
	cfg.now = time.Now
	cfg.jobDelay = DefaultJobDelay
	cfg.seed = 1
	cfg.bills = 8
	cfg.maxBody = 8 << 20
	cfg.nonceCheck = true
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		cfg:    cfg,
		quota:  newQuotaBuckets(cfg.quota),
		done:   make(chan struct{}),
		tokens: map[string]*tokenAnswer{},
		pools:  map[string]*pool{},
		rng:    rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15)),
	}
	s.prov = build(s)
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	// Handshakes that clients abandon and connections the faults break are
	// expected here; they are not worth a line in the test output.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	s.URL = s.srv.URL + s.prov.basePath()
	return s
}

// Close shuts the server down. It first ends every injected delay, so it
// does not wait for them.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// Credentials returns the key pair the server accepts (the first one given
// to WithCredentials).
func (s *Server) Credentials() signer.Credentials { return s.cfg.creds[0] }

// CredentialsProvider returns a provider of Credentials for a client's
// Config.
func (s *Server) CredentialsProvider() multicloud.CredentialsProvider {
	return staticCredentials(s.Credentials())
}

// HTTPClient returns an http.Client that trusts the server's certificate.
// The server closes its idle connections when it closes.
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// ClientOptions returns the options that point a provider client at the
// server: its endpoint, an HTTP client that trusts it, the server's clock
// for signing times, and no client-side rate limit (the server enforces
// its quota). Options given after these replace them:
//
//	c, err := qingcloud.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()},
//		s.ClientOptions()...)
func (s *Server) ClientOptions() []multicloud.Option {
	return []multicloud.Option{
		multicloud.WithEndpoint(s.URL),
		multicloud.WithHTTPClient(s.HTTPClient()),
		multicloud.WithClock(s.cfg.now),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
	}
}

// Now returns the time on the server's clock.
func (s *Server) Now() time.Time { return s.cfg.now() }

// Region returns the region (QingCloud: zone) the server seeds resources in.
func (s *Server) Region() string { return s.cfg.region }

// Provider returns the provider the server emulates: "jdcloud",
// "volcengine" or "qingcloud".
func (s *Server) Provider() string { return s.prov.name() }

// pageMax is a list API's largest page: the provider's def unless
// WithMaxPageSize lowered it.
func (s *Server) pageMax(def int) int {
	if s.cfg.maxPage > 0 {
		return min(s.cfg.maxPage, def)
	}
	return def
}

// staticCredentials is a multicloud.CredentialsProvider of one key pair.
type staticCredentials signer.Credentials

// Retrieve returns the key pair.
func (c staticCredentials) Retrieve(context.Context) (signer.Credentials, error) {
	return signer.Credentials(c), nil
}

// lookupKey returns the accepted key pair with access key id ak.
func (s *Server) lookupKey(ak string) (signer.Credentials, bool) {
	for _, c := range s.cfg.creds {
		if c.AccessKeyID == ak {
			return c, true
		}
	}
	return signer.Credentials{}, false
}

// wait sleeps d of real time; it returns false when the client or the
// server gave up first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
