// Package atlassim simulates the MongoDB Atlas Admin API (and, later, the
// Cloud Manager Public API) as an http.Handler with an in-memory world.
//
// It is written from Atlas's documentation, its OpenAPI specification and
// answers recorded from real servers, never from our API client, so that a
// misunderstanding in the client is not mirrored here. Every request goes
// through the same pipeline (see ServeHTTP): request log, latency,
// authentication, fault injection, routing, media-type negotiation, rate
// limiting, then the handler.
package atlassim

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults used by New for empty Options fields, and by cmd/atlas-sim.
// They are fixed and printed on purpose: the simulator holds no secrets.
const (
	DefaultPublicKey     = "simpublickey"
	DefaultPrivateKey    = "sim-private-key-0000"
	DefaultClientID      = "mdb_sa_id_simulator"
	DefaultClientSecret  = "mdb_sa_sk_simulator"
	DefaultOrgID         = "5e1f00000000000000000001"
	DefaultTokenLifetime = 3600 * time.Second
)

// Options configure a Server. Empty fields get the defaults above.
type Options struct {
	PublicKey, PrivateKey  string        // API key accepted via HTTP Digest
	ClientID, ClientSecret string        // service account accepted at /api/oauth/token
	AccessTokens           []string      // extra static Bearer tokens accepted (optional, never expire)
	OrgID                  string        // the one organization that exists (24-hex)
	Latency                time.Duration // added to every non-admin request
	Transition             time.Duration // how long CREATING->IDLE, DELETING->gone take; 0 = immediate
	WorldDate              time.Time     // "today" in the simulated world; zero = time.Now()
	TokenLifetime          time.Duration // OAuth expires_in; zero = 3600s
	RateLimits             RateLimitMode // zero value = Atlas's default numbers
	SunsetStyle            SunsetStyle   // answer of sunset serverless operations; "" = SunsetGone (eras.go)
	// Flavor is the service played: FlavorCloudManager (default: Atlas and Cloud Manager on
	// one host) or FlavorOpsManager (opsmanager.go).
	Flavor Flavor
	// GlobalPublicKey, GlobalPrivateKey: an Ops Manager global API key (Global Owner), accepted
	// via HTTP Digest besides the organization's key, in the Ops Manager flavour only.
	GlobalPublicKey, GlobalPrivateKey string
	// APIAccessList holds the addresses and CIDR blocks the credentials may be used from;
	// empty = any (access_list.go).
	APIAccessList []string
}

// Server is the simulator. It implements http.Handler.
type Server struct {
	opts Options

	// mu guards everything below. Handlers run with it held; sleeps
	// (latency, fault delays) happen outside it.
	mu      sync.Mutex
	world   *world
	nonces  map[string]time.Time // digest nonce -> expiry
	tokens  map[string]time.Time // OAuth access token -> expiry
	limiter *rateLimiter
	faults  []*Fault
	log     []*RequestRecord
	// accessList is Options.APIAccessList, parsed; changed by SetAPIAccessList.
	accessList []netip.Prefix
	routes     []route
}

// New returns a simulator with an empty world: one organization, no
// projects, teams or users.
func New(opts Options) *Server {
	if opts.PublicKey == "" {
		opts.PublicKey = DefaultPublicKey
	}
	if opts.PrivateKey == "" {
		opts.PrivateKey = DefaultPrivateKey
	}
	if opts.ClientID == "" {
		opts.ClientID = DefaultClientID
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = DefaultClientSecret
	}
	if opts.OrgID == "" {
		opts.OrgID = DefaultOrgID
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = DefaultTokenLifetime
	}
	if opts.WorldDate.IsZero() {
		opts.WorldDate = time.Now()
	}
	s := &Server{
		opts:    opts,
		world:   newWorld(opts.OrgID, opts.WorldDate),
		nonces:  map[string]time.Time{},
		tokens:  map[string]time.Time{},
		limiter: newRateLimiter(opts.RateLimits),
	}
	if opts.Flavor == "" {
		s.opts.Flavor = FlavorCloudManager
	}
	// Recent Ops Manager releases return the agent API key on create only.
	s.world.cloudManager.hideAgentKeyOnGet = s.opts.Flavor == FlavorOpsManager
	s.routes = apiRoutes()
	if err := s.SetAPIAccessList(opts.APIAccessList); err != nil {
		panic("atlassim: Options.APIAccessList: " + err.Error()) // a mistake in the caller's code
	}
	return s
}

// RequestRecord is one entry of the request log.
type RequestRecord struct {
	Method    string `json:"method"`
	Path      string `json:"path"`
	Status    int    `json:"status"`
	UserAgent string `json:"userAgent,omitempty"`
}

// Requests returns the log of non-admin requests in arrival order, each with
// its final status. A request whose response was dropped by a fault has
// status 0 (the client never received one); so does one still in flight.
func (s *Server) Requests() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RequestRecord, len(s.log))
	for i, rec := range s.log {
		out[i] = *rec
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (for Hijack).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ServeHTTP runs the request pipeline.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/__sim" || strings.HasPrefix(r.URL.Path, "/__sim/") {
		s.serveAdmin(w, r)
		return
	}

	rec := &RequestRecord{Method: r.Method, Path: r.URL.Path, UserAgent: r.UserAgent()}
	s.mu.Lock()
	s.log = append(s.log, rec)
	s.mu.Unlock()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		rec.Status = sw.status
		s.mu.Unlock()
	}()

	sleepCtx(r.Context(), s.opts.Latency)

	body, err := readBody(r)
	if err != nil {
		writeAPIError(sw, errMalformedJSON(), renderOptions{})
		return
	}

	if s.refuseInOpsManager(sw, r) {
		return
	}
	switch r.URL.Path {
	case "/api/oauth/token":
		s.withFaults(sw, r, func(w http.ResponseWriter) { s.serveToken(w, r, body) })
		return
	case "/api/oauth/revoke":
		s.withFaults(sw, r, func(w http.ResponseWriter) { s.serveRevoke(w, r, body) })
		return
	}

	if !strings.HasPrefix(r.URL.Path, "/api/atlas/") && !strings.HasPrefix(r.URL.Path, "/api/public/") {
		writeAPIError(sw, errResourceNotFound(r.URL.Path), renderOptionsFrom(r))
		return
	}

	principal, authenticated := s.authenticate(r)
	if !authenticated || s.bearerRefused(r) {
		s.writeUnauthorized(sw)
		return
	}
	if ip, refused := s.refusedAddress(r); refused {
		writeAPIError(sw, errIPNotOnAccessList(ip), renderOptionsFrom(r))
		return
	}
	s.withFaults(sw, r, func(w http.ResponseWriter) { s.serveAPI(w, r, principal, body) })
}

// call is everything a handler needs to know about one API request.
type call struct {
	r         *http.Request
	params    map[string]string // path parameters by name
	query     url.Values
	body      []byte
	header    http.Header // response headers, for handlers that add their own (serverless eras)
	version   string      // resolved API version, "" outside /api/atlas/v2
	baseURL   string      // scheme://host of this request, for links
	principal string
	now       time.Time
}

// serveAPI routes an authenticated request and renders the handler's answer.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, principal string, body []byte) {
	opts := renderOptionsFrom(r)
	rt, params, apiErr := s.match(r.Method, r.URL.EscapedPath())
	if apiErr != nil {
		writeAPIError(w, apiErr, opts)
		return
	}

	var version apiVersion
	if rt.resource != "" {
		version, apiErr = negotiateVersion(r.Header.Get("Accept"), rt.resource)
		if apiErr != nil {
			writeAPIError(w, apiErr, opts)
			return
		}
	}

	c := &call{
		r:         r,
		params:    params,
		query:     r.URL.Query(),
		body:      body,
		header:    w.Header(),
		version:   version.date,
		baseURL:   s.baseURL(r),
		principal: principal,
		now:       time.Now(),
	}

	s.mu.Lock()
	resp, apiErr := s.handleLocked(w, rt, c)
	s.mu.Unlock()

	if apiErr != nil {
		writeAPIError(w, apiErr, opts)
		return
	}
	if version.deprecation != "" {
		w.Header().Set("Deprecation", version.deprecation)
		w.Header().Set("Sunset", version.sunset)
	}
	contentType := "application/json"
	if version.date != "" {
		contentType = versionedContentType(version.date)
	}
	if resp.body == nil {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(resp.status)
		return
	}
	out, err := encodeBody(resp.body, resp.status, opts)
	if err != nil {
		writeAPIError(w, newError(http.StatusInternalServerError, "UNEXPECTED_ERROR", err.Error()), opts)
		return
	}
	writeBytes(w, resp.status, contentType, out)
}

// handleLocked applies the rate limit and the body checks, then runs the
// handler. Caller holds s.mu.
func (s *Server) handleLocked(w http.ResponseWriter, rt route, c *call) (*response, *apiError) {
	s.world.settle(c.now, s.opts.Transition)

	if rt.limitSet != "" {
		key := string(rt.scope) + ":" + c.principal
		switch rt.scope {
		case scopeGroup:
			key = string(rt.scope) + ":" + c.params["groupId"]
		case scopeOrg:
			key = string(rt.scope) + ":" + c.params["orgId"]
		}
		if d, applies := s.limiter.take(rt.limitSet, key, c.now); applies {
			w.Header().Set("Ratelimit-Limit", itoa(d.capacity))
			w.Header().Set("Ratelimit-Remaining", itoa(d.remaining))
			if d.limited {
				return nil, errRateLimited(rt.rateLabel, d)
			}
		}
	}

	if len(c.body) > 0 {
		if apiErr := checkBodyContentType(c.r.Header.Get("Content-Type")); apiErr != nil {
			return nil, apiErr
		}
	}
	return rt.handle(s, c)
}

// baseURL is scheme://host of the request, used in every link.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// sleepCtx sleeps for d or until the request is cancelled.
func sleepCtx(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
