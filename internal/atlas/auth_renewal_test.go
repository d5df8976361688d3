package atlas

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// A token that lives less than a minute is still reused: renewing a minute early
// would fetch one per request and run into the token endpoint's rate limit.
func TestServiceAccountShortLivedTokenIsReused(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 2}
	c, _ := newServiceAccountClient(t, o)
	start := time.Now()
	clock := start
	c.tokens.now = func() time.Time { return clock }

	for _, s := range []struct {
		at         time.Duration
		wantTokens int32
	}{
		{at: 0, wantTokens: 1},
		{at: 1 * time.Second, wantTokens: 1},                     // three quarters of 2s not reached
		{at: 1600 * time.Millisecond, wantTokens: 2},             // within the last quarter: renewed
		{at: 1600*time.Millisecond + time.Second, wantTokens: 2}, // the new one is fresh
	} {
		clock = start.Add(s.at)
		if _, err := c.GetProject(context.Background(), "5f0000000000000000000001"); err != nil {
			t.Fatalf("at %s: %v", s.at, err)
		}
		if got := o.tokenCalls.Load(); got != s.wantTokens {
			t.Errorf("at %s: token requests = %d, want %d", s.at, got, s.wantTokens)
		}
	}
}

// A 401 on a Bearer request whose token our clock still considers valid (revoked,
// expired early) makes the client fetch a new token and send the request again, once.
func TestServiceAccountRejectedTokenIsRenewedOnce(t *testing.T) {
	o := &oauthServer{t: t, expiresIn: 3600}
	c, _ := newServiceAccountClient(t, o)
	ctx := context.Background()
	if _, err := c.GetProject(ctx, "5f0000000000000000000001"); err != nil {
		t.Fatal(err)
	}
	o.lastToken.Store("revoked-behind-our-back") // Atlas no longer accepts the cached token
	if _, err := c.GetProject(ctx, "5f0000000000000000000001"); err != nil {
		t.Fatalf("after the token was revoked: %v", err)
	}
	if got := o.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2 (one renewal)", got)
	}
	if got := o.apiCalls.Load(); got != 3 {
		t.Errorf("API requests = %d, want 3 (ok, 401, ok)", got)
	}

	// The renewed token keeps working for later requests: no further fetches.
	if _, err := c.GetProject(ctx, "5f0000000000000000000001"); err != nil {
		t.Fatal(err)
	}
	if got := o.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d after one more call, want 2", got)
	}
}

// When Atlas rejects even a freshly fetched token, the 401 is its real answer: it is
// returned, and later requests do not fetch token after token.
func TestServiceAccountRejectedReplacementIsNotRenewedAgain(t *testing.T) {
	var tokenCalls, apiCalls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/oauth/token" {
			n := tokenCalls.Add(1)
			writeJSON(w, 200, fmt.Sprintf(`{"access_token":"token-%d","expires_in":3600,"token_type":"Bearer"}`, n))
			return
		}
		apiCalls.Add(1)
		writeJSON(w, 401, `{"error":401,"errorCode":"UNAUTHORIZED","detail":"revoked"}`)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{
		BaseURL:     srv.URL + "/",
		Credentials: Credentials{ClientID: testClientID, ClientSecret: testClientSecret},
		Retry:       RetryPolicy{Sleep: (&sleepRecorder{}).sleep},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		_, err := c.GetProject(context.Background(), "5f0000000000000000000001")
		if apiErr, ok := AsError(err); !ok || apiErr.Status != 401 {
			t.Fatalf("call %d: err = %v, want HTTP 401", i, err)
		}
	}
	// First call: token-1 rejected, token-2 fetched and rejected too. Later calls use
	// token-2 once each and give up.
	if got := tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
	if got := apiCalls.Load(); got != 4 {
		t.Errorf("API requests = %d, want 4", got)
	}
}
