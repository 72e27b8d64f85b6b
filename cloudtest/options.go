package cloudtest

import (
	"time"

	"github.com/multicloud-go/multicloud/signer"
)

// An Option configures a Server. Options that do not apply to a provider
// (bills on a JD Cloud server, say) are ignored.
type Option func(*config)

// config is what the options set; each provider fills in its defaults
// before the options run.
type config struct {
	creds    []signer.Credentials
	now      func() time.Time
	quota    Quota
	skew     time.Duration
	jobDelay time.Duration
	seed     uint64
	region   string
	regions  []string
	zones    []string
	// resourceQuota caps resources per kind and region; noBalance
	// refuses every creation of a billed resource.
	resourceQuota map[string]int
	noBalance     bool
	instances     int
	bills         int
	maxBody       int64
	maxPage       int
	nonceCheck    bool
}

// Quota is a server's request quota: at most Requests requests in any span
// of Per, refilled continuously (a token bucket of Requests tokens). Each
// provider counts against its own key: JD Cloud per account and service
// line, Volcengine per account and action, QingCloud per account. A request
// over the quota gets the provider's throttling answer. The zero Quota
// means no quota.
type Quota struct {
	Requests int
	Per      time.Duration
}

// Default quotas, from the providers' documentation where there is one.
var (
	// JDCloudQuota is JD Cloud's documented limit: 1000 requests per minute
	// per service line.
	JDCloudQuota = Quota{Requests: 1000, Per: time.Minute}
	// VolcengineQuota is a per-action limit. Volcengine publishes limits per
	// API and no general number; 20 per second is above what its own
	// Terraform provider sends.
	VolcengineQuota = Quota{Requests: 20, Per: time.Second}
	// QingCloudQuota is QingCloud's documented limit for new accounts: 2000
	// requests per 3600 seconds.
	QingCloudQuota = Quota{Requests: 2000, Per: time.Hour}
)

// DefaultJobDelay is how long asynchronous operations take unless
// WithJobDelay says otherwise.
const DefaultJobDelay = time.Second

// WithCredentials sets the key pairs the server accepts. The first is what
// Credentials returns. A pair with a SessionToken must present that token
// (Volcengine X-Security-Token, QingCloud token). The default is one fixed,
// obviously fake pair per provider.
func WithCredentials(creds ...signer.Credentials) Option {
	return func(c *config) {
		if len(creds) > 0 {
			c.creds = append([]signer.Credentials(nil), creds...)
		}
	}
}

// WithClock sets the server's clock: the time signatures are checked
// against, quotas refill by, and asynchronous operations complete by. The
// default is time.Now. A Clock's Now method is a convenient value; clients
// built with ClientOptions sign with the same clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithQuota replaces the provider's default quota (JDCloudQuota,
// VolcengineQuota, QingCloudQuota). WithQuota(Quota{}) removes it.
func WithQuota(q Quota) Option { return func(c *config) { c.quota = q } }

// WithMaxClockSkew sets how far a request's signing time may be from the
// server's clock. The defaults are JD Cloud 5 minutes (not documented),
// Volcengine 15 minutes (X-Expires defaults to 900 s) and QingCloud 60
// seconds (documented for ret_code 1300).
func WithMaxClockSkew(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.skew = d
		}
	}
}

// WithJobDelay sets how long asynchronous operations take on the server's
// clock: QingCloud jobs and the transitions they drive, and JD Cloud
// instance state changes. The default is DefaultJobDelay; 0 completes them
// at once (still through the transition state on the same instant).
func WithJobDelay(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.jobDelay = d
		}
	}
}

// WithSeed seeds the generator of resource ids, request ids and seeded
// data, so that two servers with the same seed and the same requests give
// the same answers. The default seed is 1.
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithRegion sets the region (QingCloud: zone) that seeded resources live in
// and Region returns. The defaults are cn-north-1 (JD Cloud), cn-beijing
// (Volcengine) and pek3a (QingCloud). Requests may name any region the
// server knows (see WithRegions); this one is always known.
func WithRegion(region string) Option {
	return func(c *config) {
		if region != "" {
			c.region = region
		}
	}
}

// WithInstances seeds n running instances in the server's region: JD Cloud
// vm instances, Volcengine ecs instances, QingCloud instances.
func WithInstances(n int) Option { return func(c *config) { c.instances = max(n, 0) } }

// WithBills sets how many Volcengine bills are seeded for each of the three
// most recent billing periods (the current month by the server's clock and
// the two before it). Each bill has one to three detail lines. The default
// is 8.
func WithBills(n int) Option { return func(c *config) { c.bills = max(n, 0) } }

// WithMaxPageSize lowers the largest page a list API returns, so that
// paging can be tested with few resources. The providers' own limits are
// JD Cloud pageSize 10 to 100 (larger is an invalid argument), Volcengine
// billing Limit 1 to 300 and ecs MaxResults 1 to 100 (likewise), and
// QingCloud limit up to 100 (larger is capped). A smaller n takes the
// place of the upper bound, and of JD Cloud's lower bound when below it.
func WithMaxPageSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxPage = n
		}
	}
}

// WithMaxRequestBody sets the largest request body the server reads; a
// larger one is refused as an invalid argument. The default is 8 MiB.
func WithMaxRequestBody(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithoutNonceCheck lets a JD Cloud server accept a repeated
// x-jdcloud-nonce. By default a nonce is accepted once within the clock-skew
// window, as the nonce is meant to prevent replays.
func WithoutNonceCheck() Option { return func(c *config) { c.nonceCheck = false } }

// Resource kinds for WithResourceQuota and Resources.
const (
	KindInstance = "instance"
	KindDisk     = "disk" // JD Cloud disks, Volcengine and QingCloud volumes
	KindEIP      = "eip"
)

// WithResourceQuota lets a region (QingCloud: zone) hold at most n
// resources of kind (KindInstance, KindDisk, KindEIP); a creation beyond
// it gets the provider's documented quota error: JD Cloud HTTP 429
// QUOTA_EXCEEDED, QingCloud ret_code 2500. Volcengine documents no resource
// quota code, so its servers ignore this option.
func WithResourceQuota(kind string, n int) Option {
	return func(c *config) {
		if c.resourceQuota == nil {
			c.resourceQuota = map[string]int{}
		}
		c.resourceQuota[kind] = max(n, 0)
	}
}

// WithInsufficientBalance makes every creation of a billed resource
// (instances, disks, EIPs) fail as on an account without money: QingCloud
// ret_code 2400, Volcengine AccountOverdueError (HTTP 403), JD Cloud HTTP
// 400 FAILED_PRECONDITION (JD Cloud documents no balance code of its own).
func WithInsufficientBalance() Option { return func(c *config) { c.noBalance = true } }
