package atlas

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testPublicKey    = "pubkey-abc"
	testPrivateKey   = "priv-6d1c0f1e-secret"
	testClientID     = "mdb_sa_id_0123456789"
	testClientSecret = "mdb_sa_sk_topsecret+/="
	digestRealm      = "MMS Public API"
)

// digestServer answers like Atlas: a 401 challenge for requests without valid digest
// credentials, and next for the others. It checks the response hash itself.
type digestServer struct {
	t          *testing.T
	user, pass string
	next       http.Handler

	mu         sync.Mutex
	challenges int
	nonces     map[string]bool
}

func newNonce() string {
	b := make([]byte, 24) // 24 bytes = 32 base64 characters
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (d *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.valid(r) {
		d.next.ServeHTTP(w, r)
		return
	}
	nonce := newNonce()
	d.mu.Lock()
	d.challenges++
	if d.nonces == nil {
		d.nonces = map[string]bool{}
	}
	d.nonces[nonce] = true
	d.mu.Unlock()
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=false`, digestRealm, nonce))
	writeJSON(w, http.StatusUnauthorized, `{"error":401,"reason":"Unauthorized","detail":"You are not authorized for this resource.","errorCode":"UNEXPECTED_ERROR"}`)
}

func (d *digestServer) valid(r *http.Request) bool {
	header := r.Header.Get("Authorization")
	if !strings.HasPrefix(header, "Digest ") {
		return false
	}
	params := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(header, "Digest "), ", ") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return false
		}
		params[k] = strings.Trim(v, `"`)
	}
	d.mu.Lock()
	knownNonce := d.nonces[params["nonce"]]
	delete(d.nonces, params["nonce"]) // one use per nonce, like a strict server
	d.mu.Unlock()
	if !knownNonce || params["username"] != d.user || params["realm"] != digestRealm ||
		params["uri"] != r.URL.RequestURI() || params["qop"] != "auth" {
		d.report("bad digest parameters: %v (request URI %s)", params, r.URL.RequestURI())
		return false
	}
	ha1 := md5hex(d.user + ":" + digestRealm + ":" + d.pass)
	ha2 := md5hex(r.Method + ":" + params["uri"])
	want := md5hex(strings.Join([]string{ha1, params["nonce"], params["nc"], params["cnonce"], "auth", ha2}, ":"))
	if params["response"] != want {
		d.report("digest response mismatch")
		return false
	}
	return true
}

func (d *digestServer) report(format string, args ...any) {
	if d.t != nil {
		d.t.Errorf(format, args...)
	}
}

func TestDigestAuth(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, 200, `{"id":"5f0000000000000000000001","name":"p 1","orgId":"o1","clusterCount":2}`)
		default:
			writeJSON(w, 200, `{"id":"5f0000000000000000000001","name":"renamed","orgId":"o1"}`)
		}
	}}
	ds := &digestServer{t: t, user: testPublicKey, pass: testPrivateKey, next: rec}
	srv := httptest.NewServer(ds)
	defer srv.Close()

	c, err := NewClient(Config{BaseURL: srv.URL, Credentials: Credentials{PublicKey: testPublicKey, PrivateKey: testPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	p, err := c.GetProjectByName(ctx, "p 1")
	if err != nil {
		t.Fatalf("GetProjectByName: %v", err)
	}
	if p.ClusterCount != 2 {
		t.Errorf("ClusterCount = %d", p.ClusterCount)
	}

	tags := []Tag{{Key: "env", Value: "prod"}}
	if _, err := c.UpdateProject(ctx, "5f0000000000000000000001", ProjectUpdate{Name: ptr("renamed"), Tags: &tags}); err != nil {
		t.Fatalf("UpdateProject: %v", err)
	}

	got := rec.all()
	if len(got) != 2 {
		t.Fatalf("authenticated requests = %d, want 2", len(got))
	}
	if ds.challenges != 2 {
		t.Errorf("challenges = %d, want one per request", ds.challenges)
	}
	if got[1].Method != http.MethodPatch {
		t.Fatalf("second request method = %s", got[1].Method)
	}
	// The body survives the challenge round trip.
	assertJSONEqual(t, got[1].Body, `{"name":"renamed","tags":[{"key":"env","value":"prod"}]}`)
}

func TestDigestWrongKeyGives401Error(t *testing.T) {
	ds := &digestServer{t: t, user: testPublicKey, pass: testPrivateKey, next: &recorder{}}
	srv := httptest.NewServer(ds)
	defer srv.Close()
	ds.t = nil // a wrong key is expected here, not a client bug to report

	c, err := NewClient(Config{BaseURL: srv.URL, Credentials: Credentials{PublicKey: testPublicKey, PrivateKey: "wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetProject(context.Background(), "5f0000000000000000000001")
	apiErr, ok := AsError(err)
	if !ok || apiErr.Status != 401 || apiErr.ErrorCode != "UNEXPECTED_ERROR" {
		t.Fatalf("err = %v, want 401 UNEXPECTED_ERROR *Error", err)
	}
}

// oauthServer is a token endpoint plus an API that accepts only the tokens it issued.
type oauthServer struct {
	t          *testing.T
	expiresIn  int
	tokenCalls atomic.Int32
	apiCalls   atomic.Int32
	failFirstN int32 // answer 429 to the first N token requests
	badSecret  bool
	lastToken  atomic.Value
}

func (o *oauthServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/oauth/token" {
		n := o.tokenCalls.Add(1)
		if n <= o.failFirstN {
			w.Header().Set("Retry-After", "7")
			writeJSON(w, 429, `{"error":"rate_limited","error_description":"Resource /api/oauth/token is limited to 10 requests every 1 minutes."}`)
			return
		}
		user, pass, ok := r.BasicAuth()
		id, _ := url.QueryUnescape(user)
		secret, _ := url.QueryUnescape(pass)
		if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
			writeJSON(w, 400, `{"error":"unsupported_grant_type","error_description":"Invalid grant type."}`)
			return
		}
		if !ok || id != testClientID || secret != testClientSecret || o.badSecret {
			writeJSON(w, 401, `{"error":"invalid_client","error_description":"Invalid credentials provided."}`)
			return
		}
		token := fmt.Sprintf("eyJhbGciOiJFUzUxMiJ9.token-%d", n)
		o.lastToken.Store(token)
		writeJSON(w, 200, fmt.Sprintf(`{"access_token":%q,"expires_in":%d,"token_type":"Bearer"}`, token, o.expiresIn))
		return
	}
	o.apiCalls.Add(1)
	want, _ := o.lastToken.Load().(string)
	if r.Header.Get("Authorization") != "Bearer "+want {
		writeJSON(w, 401, `{"error":401,"errorCode":"UNAUTHORIZED","detail":"bad token"}`)
		return
	}
	writeJSON(w, 200, `{"id":"5f0000000000000000000001","name":"p","orgId":"o"}`)
}

func newServiceAccountClient(t *testing.T, o *oauthServer) (*Client, *sleepRecorder) {
	t.Helper()
	srv := httptest.NewServer(o)
	t.Cleanup(srv.Close)
	sleeps := &sleepRecorder{}
	c, err := NewClient(Config{
		BaseURL:     srv.URL + "/",
		Credentials: Credentials{ClientID: testClientID, ClientSecret: testClientSecret},
		Retry:       RetryPolicy{Sleep: sleeps.sleep},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, sleeps
}

func TestServiceAccountFetchesOneTokenForManyCalls(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 3600}
	c, _ := newServiceAccountClient(t, o)
	ctx := context.Background()

	if err := c.Verify(ctx); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.GetProject(ctx, "5f0000000000000000000001"); err != nil {
				t.Errorf("GetProject: %v", err)
			}
		}()
	}
	wg.Wait()
	if got := o.tokenCalls.Load(); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
	if got := o.apiCalls.Load(); got != 20 {
		t.Errorf("API requests = %d, want 20", got)
	}
}

func TestServiceAccountRenewsBeforeExpiry(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 3600}
	c, _ := newServiceAccountClient(t, o)
	ctx := context.Background()
	start := time.Now()
	clock := start
	c.tokens.now = func() time.Time { return clock }

	steps := []struct {
		at         time.Duration
		wantTokens int32
	}{
		{at: 0, wantTokens: 1},
		{at: 30 * time.Minute, wantTokens: 1},                  // still valid
		{at: 3600*time.Second - 30*time.Second, wantTokens: 2}, // within a minute of expiry: renewed
		{at: 3600*time.Second + time.Minute, wantTokens: 2},    // the new token is still fresh
	}
	for _, s := range steps {
		clock = start.Add(s.at)
		if _, err := c.GetProject(ctx, "5f0000000000000000000001"); err != nil {
			t.Fatalf("at %s: %v", s.at, err)
		}
		if got := o.tokenCalls.Load(); got != s.wantTokens {
			t.Errorf("at %s: token requests = %d, want %d", s.at, got, s.wantTokens)
		}
	}
}

func TestServiceAccountBadCredentials(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 3600, badSecret: true}
	c, _ := newServiceAccountClient(t, o)

	for name, call := range map[string]func() error{
		"Verify":     func() error { return c.Verify(context.Background()) },
		"GetProject": func() error { _, err := c.GetProject(context.Background(), "x"); return err },
	} {
		err := call()
		apiErr, ok := AsError(err)
		if !ok {
			t.Fatalf("%s: err = %v (%T), want *Error", name, err, err)
		}
		want := Error{Method: "POST", Path: "/api/oauth/token", Status: 401, ErrorCode: "invalid_client", Detail: "Invalid credentials provided."}
		if apiErr.Method != want.Method || apiErr.Path != want.Path || apiErr.Status != want.Status ||
			apiErr.ErrorCode != want.ErrorCode || apiErr.Detail != want.Detail {
			t.Errorf("%s: err = %+v, want %+v", name, *apiErr, want)
		}
	}
	if o.apiCalls.Load() != 0 {
		t.Errorf("API was called without a token")
	}
}

func TestServiceAccountTokenEndpointRateLimitIsRetried(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 3600, failFirstN: 2}
	c, sleeps := newServiceAccountClient(t, o)
	if err := c.Verify(context.Background()); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if got := o.tokenCalls.Load(); got != 3 {
		t.Errorf("token requests = %d, want 3", got)
	}
	got := sleeps.all()
	if len(got) != 2 || got[0] != 7*time.Second || got[1] != 7*time.Second {
		t.Errorf("sleeps = %v, want [7s 7s] from Retry-After", got)
	}
}

func TestVerifyIsNoOpForOtherMethods(t *testing.T) {
	rec := &recorder{}
	c, _ := newBearerTestClient(t, rec)
	if err := c.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 0 {
		t.Errorf("Verify made %d requests", rec.count())
	}
}

func TestBearerAuthAndUserAgent(t *testing.T) {
	rec := &recorder{}
	c, _ := newBearerTestClient(t, rec)
	if err := c.DeleteProject(context.Background(), "5f0000000000000000000001"); err != nil {
		t.Fatal(err)
	}
	got := rec.all()[0]
	if h := got.Header.Get("Authorization"); h != "Bearer test-access-token" {
		t.Errorf("Authorization = %q", h)
	}
	if h := got.Header.Get("User-Agent"); h != "test-agent/1.0" {
		t.Errorf("User-Agent = %q", h)
	}
}

// A 429 can arrive on the unauthenticated challenge request; the retry must redo the whole
// exchange (new challenge, body re-sent) rather than count the challenge as an attempt.
func TestDigestWithRateLimitRetriesWholeExchange(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, `{}`) }}
	ds := &digestServer{t: t, user: testPublicKey, pass: testPrivateKey, next: rec}
	var seen atomic.Int32
	limited := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) == 1 {
			w.Header().Set("Retry-After", "2")
			writeJSON(w, 429, rateLimitedBody)
			return
		}
		ds.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(limited)
	defer srv.Close()
	sleeps := &sleepRecorder{}
	c, err := NewClient(Config{BaseURL: srv.URL, Credentials: Credentials{PublicKey: testPublicKey, PrivateKey: testPrivateKey}, Retry: RetryPolicy{Sleep: sleeps.sleep}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetProjectLimit(context.Background(), pid, "atlas.project.deployment.clusters", 7); err != nil {
		t.Fatal(err)
	}
	got := rec.all()
	if len(got) != 1 {
		t.Fatalf("authenticated requests = %d", len(got))
	}
	assertJSONEqual(t, got[0].Body, `{"name":"atlas.project.deployment.clusters","value":7}`)
	if d := sleeps.all(); len(d) != 1 || d[0] != 2*time.Second {
		t.Errorf("sleeps = %v, want [2s]", d)
	}
	if seen.Load() != 3 { // 429, challenge, authenticated
		t.Errorf("server saw %d requests, want 3", seen.Load())
	}
}
