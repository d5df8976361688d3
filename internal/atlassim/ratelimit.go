package atlassim

import (
	"fmt"
	"math"
	"net/http"
	"time"
)

// EndpointSet names one of Atlas's rate-limit tables.
type EndpointSet string

const (
	EndpointSetProjects      EndpointSet = "Projects"
	EndpointSetOrganizations EndpointSet = "Organizations"
	EndpointSetClusters      EndpointSet = "Clusters"
	EndpointSetFlexClusters  EndpointSet = "Flex Clusters"
	// EndpointSetOAuthToken is the service-account token endpoint:
	// 10 requests per minute, answered with an OAuth-shaped 429.
	EndpointSetOAuthToken EndpointSet = "OAuth Token"
)

// Bucket is a token bucket: Capacity tokens at most, Refill tokens added
// every Period. Atlas refills in steps (its 429 detail says "retry after 55
// seconds ... Refill rate: 5 per 60 seconds"), so the simulator does too.
type Bucket struct {
	Capacity int
	Refill   int
	Period   time.Duration
}

// RateLimitMode configures rate limiting. The zero value means Atlas's
// default numbers. Tests shrink a bucket with Buckets, e.g.
// RateLimitMode{Buckets: map[EndpointSet]Bucket{EndpointSetProjects: {2, 1, time.Minute}}}.
type RateLimitMode struct {
	Disabled bool                   // no limits and no RateLimit-* headers
	Buckets  map[EndpointSet]Bucket // overrides of the defaults, by endpoint set
}

// DefaultBuckets returns Atlas's default limits.
func DefaultBuckets() map[EndpointSet]Bucket {
	return map[EndpointSet]Bucket{
		EndpointSetProjects:      {Capacity: 1200, Refill: 500, Period: time.Minute},
		EndpointSetOrganizations: {Capacity: 500, Refill: 250, Period: time.Minute},
		EndpointSetClusters:      {Capacity: 10000, Refill: 5000, Period: time.Minute},
		EndpointSetFlexClusters:  {Capacity: 1200, Refill: 500, Period: time.Minute},
		EndpointSetOAuthToken:    {Capacity: 10, Refill: 10, Period: time.Minute},
	}
}

// limitScope is what a bucket is counted per.
type limitScope string

const (
	scopeGroup limitScope = "GROUP"
	scopeUser  limitScope = "USER"
	scopeOrg   limitScope = "ORGANIZATION"
)

type bucketState struct {
	tokens     int
	nextRefill time.Time
}

// rateLimiter holds the buckets. It has no lock of its own: callers hold
// Server.mu.
type rateLimiter struct {
	mode    RateLimitMode
	config  map[EndpointSet]Bucket
	buckets map[string]*bucketState
}

func newRateLimiter(mode RateLimitMode) *rateLimiter {
	config := DefaultBuckets()
	for set, b := range mode.Buckets {
		config[set] = b
	}
	return &rateLimiter{mode: mode, config: config, buckets: map[string]*bucketState{}}
}

// rateDecision is the outcome of taking one token.
type rateDecision struct {
	limited    bool
	capacity   int
	remaining  int
	retryAfter int // whole seconds until the next refill, at least 1
	bucket     Bucket
}

func (l *rateLimiter) take(set EndpointSet, key string, now time.Time) (rateDecision, bool) {
	if l.mode.Disabled {
		return rateDecision{}, false
	}
	cfg, known := l.config[set]
	if !known || cfg.Capacity <= 0 || cfg.Period <= 0 {
		return rateDecision{}, false
	}
	id := string(set) + "|" + key
	b := l.buckets[id]
	if b == nil {
		b = &bucketState{tokens: cfg.Capacity, nextRefill: now.Add(cfg.Period)}
		l.buckets[id] = b
	}
	if !now.Before(b.nextRefill) {
		steps := int(now.Sub(b.nextRefill)/cfg.Period) + 1
		b.tokens = min(cfg.Capacity, b.tokens+steps*cfg.Refill)
		b.nextRefill = b.nextRefill.Add(time.Duration(steps) * cfg.Period)
	}
	d := rateDecision{capacity: cfg.Capacity, bucket: cfg}
	if b.tokens <= 0 {
		d.limited = true
		d.retryAfter = max(1, int(math.Ceil(b.nextRefill.Sub(now).Seconds())))
		return d, true
	}
	b.tokens--
	d.remaining = b.tokens
	return d, true
}

// errRateLimited is the v2 token-bucket 429.
func errRateLimited(resourceLabel string, d rateDecision) *apiError {
	periodSeconds := int(d.bucket.Period / time.Second)
	e := newError(http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET",
		fmt.Sprintf("Rate limit exceeded for %s. Please retry after %d seconds. Request capacity: %d. Refill rate: %d per %d seconds.",
			resourceLabel, d.retryAfter, d.capacity, d.bucket.Refill, periodSeconds),
		resourceLabel, d.retryAfter, d.capacity, d.bucket.Refill, periodSeconds)
	e.retryAfter = d.retryAfter
	return e
}
