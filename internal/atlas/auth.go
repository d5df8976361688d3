package atlas

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/mongodb-forks/digest"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// tokenPath is where service accounts exchange their client id and secret for a token.
const tokenPath = "api/oauth/token"

// tokenEarlyRenewal renews a service-account token this long before it expires, so a token
// never runs out between being attached to a request and Atlas checking it. A token that
// lives less than four times as long is renewed after three quarters of its lifetime
// instead: a fixed minute would make every request fetch a new token once lifetimes drop
// under a minute, and the token endpoint allows only a few requests a minute.
const tokenEarlyRenewal = time.Minute

// renewalMargin is how long before expiry a token of this lifetime is renewed.
func renewalMargin(lifetime time.Duration) time.Duration {
	return min(tokenEarlyRenewal, lifetime/4)
}

// bearerTransport adds "Authorization: Bearer <token>" to every request.
type bearerTransport struct {
	token func(ctx context.Context) (string, error)
	// discard, when set, is told whether Atlas accepted a token; for a rejected one it
	// reports whether a new token is worth fetching (see tokenCache.discard). Static
	// access tokens have none: there is nothing to renew.
	discard func(token string, accepted bool) (renew bool)
	base    http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	token, err := t.token(req.Context())
	if err != nil {
		closeRequestBody(req)
		return nil, err
	}
	resp, err := t.base.RoundTrip(withBearer(req, token, false))
	if err != nil || t.discard == nil {
		return resp, err
	}
	if resp.StatusCode != http.StatusUnauthorized {
		t.discard(token, true)
		return resp, nil
	}
	if !canReplay(req) || !t.discard(token, false) {
		return resp, nil
	}
	// Atlas no longer accepts the token although our clock says it is valid (revoked,
	// expired early, clocks apart): fetch a new one and send the request again, once.
	tflog.Debug(req.Context(), "Atlas rejected the service account access token; fetching a new one", map[string]any{
		"method": req.Method,
		"path":   req.URL.EscapedPath(),
	})
	discardBody(resp)
	token, err = t.token(req.Context())
	if err != nil {
		return nil, err
	}
	return t.base.RoundTrip(withBearer(req, token, true))
}

// withBearer copies req with the token attached; again gives the copy a fresh body,
// because the first send consumed it.
func withBearer(req *http.Request, token string, again bool) *http.Request {
	out := req.Clone(req.Context())
	if again && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			out.Body = body
		}
	}
	out.Header.Set("Authorization", "Bearer "+token)
	return out
}

// closeRequestBody honours the RoundTripper contract (the body is closed even on error).
func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

func staticToken(token string) func(context.Context) (string, error) {
	return func(context.Context) (string, error) { return token, nil }
}

// tokenCache holds the service-account token of one Client. It fetches a token the first
// time one is needed, then reuses it until shortly before expiry: Atlas limits the token
// endpoint to a few requests a minute, so a token per request would fail quickly.
type tokenCache struct {
	config     clientcredentials.Config
	httpClient *http.Client // the token request goes through the base transport and the retry policy
	tokenURL   *url.URL
	now        func() time.Time // tests move the clock

	mu       sync.Mutex // held while fetching, so concurrent requests wait for one fetch
	token    *oauth2.Token
	lifetime time.Duration // of token, from expires_in; 0 when Atlas sent none
	// replacing is set when Atlas rejected the cached token; the next fetched token is
	// then unconfirmed until Atlas accepts it (see discard). Both are guarded by
	// verdictMu, taken after mu when both are needed.
	verdictMu   sync.Mutex
	replacing   bool
	unconfirmed string
}

// processTokens shares token caches between the Clients of one process: Terraform
// configures the provider several times per run (plan, apply), and each
// configuration would otherwise fetch a token of its own.
var processTokens = struct {
	sync.Mutex
	caches map[string]*tokenCache
}{caches: map[string]*tokenCache{}}

// newTokenCache returns the process's cache for these credentials at this token
// URL, creating it on first use. The key holds a hash of the secret, never the secret.
func newTokenCache(baseURL *url.URL, clientID, clientSecret string, httpClient *http.Client) *tokenCache {
	tokenURL := baseURL.ResolveReference(&url.URL{Path: tokenPath})
	secretHash := sha256.Sum256([]byte(clientSecret))
	key := tokenURL.String() + "\x00" + clientID + "\x00" + hex.EncodeToString(secretHash[:])
	processTokens.Lock()
	defer processTokens.Unlock()
	if tc, ok := processTokens.caches[key]; ok {
		return tc
	}
	tc := &tokenCache{
		config: clientcredentials.Config{
			ClientID:     clientID,
			ClientSecret: clientSecret,
			TokenURL:     tokenURL.String(),
			AuthStyle:    oauth2.AuthStyleInHeader,
		},
		httpClient: httpClient,
		tokenURL:   tokenURL,
		now:        time.Now,
	}
	processTokens.caches[key] = tc
	return tc
}

// accessToken returns a valid token, fetching a new one only when there is none or the
// cached one is about to expire.
func (tc *tokenCache) accessToken(ctx context.Context) (string, error) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.token != nil && tc.stillValid(tc.token) {
		return tc.token.AccessToken, nil
	}
	fetchedAt := tc.now()
	token, err := tc.config.Token(context.WithValue(ctx, oauth2.HTTPClient, tc.httpClient))
	if err != nil {
		return "", tc.tokenError(err)
	}
	if lifetime := tokenLifetime(token); lifetime > 0 {
		// Count the lifetime from when we asked, on our own clock: conservative, and
		// consistent with stillValid.
		token.Expiry = fetchedAt.Add(lifetime)
	}
	tc.token = token
	tc.lifetime = tokenLifetime(token)
	tc.verdictMu.Lock()
	if tc.replacing {
		tc.replacing, tc.unconfirmed = false, token.AccessToken
	}
	tc.verdictMu.Unlock()
	return token.AccessToken, nil
}

// discard records Atlas's verdict on token. A rejected token that is still the cached one
// is dropped, so the next accessToken fetches a new one, and discard reports true: the
// caller sends its request once more. It reports false when the rejected token is itself
// a replacement Atlas has not accepted yet: then the 401 is Atlas's real answer (revoked
// service account, for instance), and fetching token after token would only exhaust the
// token endpoint's rate limit. Concurrent requests rejected with the same token cause one
// fetch, not many.
func (tc *tokenCache) discard(token string, accepted bool) bool {
	if accepted { // every successful request: do not wait for a token fetch in progress
		tc.verdictMu.Lock()
		if tc.unconfirmed == token {
			tc.unconfirmed = ""
		}
		tc.verdictMu.Unlock()
		return false
	}
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tc.verdictMu.Lock()
	defer tc.verdictMu.Unlock()
	if token == tc.unconfirmed {
		return false
	}
	if tc.token != nil && tc.token.AccessToken == token {
		tc.token = nil
		tc.replacing = true
	}
	return true
}

// tokenLifetime reads "expires_in" from the token answer. clientcredentials only turns it
// into an absolute Expiry on the wall clock, which tests cannot move.
func tokenLifetime(t *oauth2.Token) time.Duration {
	var seconds float64
	switch v := t.Extra("expires_in").(type) {
	case float64:
		seconds = v
	case string:
		seconds, _ = strconv.ParseFloat(v, 64)
	}
	return time.Duration(seconds * float64(time.Second))
}

func (tc *tokenCache) stillValid(t *oauth2.Token) bool {
	if t.AccessToken == "" {
		return false
	}
	if t.Expiry.IsZero() { // no expires_in: valid until Atlas says otherwise
		return true
	}
	return tc.now().Add(renewalMargin(tc.lifetime)).Before(t.Expiry)
}

// tokenError turns an OAuth failure into *Error so callers handle it like any other API
// error (ErrorCode "invalid_client" for bad credentials). Transport errors pass through.
func (tc *tokenCache) tokenError(err error) error {
	var retrieveErr *oauth2.RetrieveError
	if !errors.As(err, &retrieveErr) || retrieveErr.Response == nil {
		return err
	}
	apiErr := newErrorFromBody(http.MethodPost, tc.tokenURL.EscapedPath(), retrieveErr.Response.StatusCode, retrieveErr.Body)
	if apiErr.ErrorCode == "" {
		apiErr.ErrorCode = retrieveErr.ErrorCode
	}
	if apiErr.Detail == "" {
		apiErr.Detail = retrieveErr.ErrorDescription
	}
	return apiErr
}

// newDigestTransport answers the Atlas digest challenge. The library sends each request
// once without credentials to obtain the challenge, then again with them, which is why
// every request body we build is replayable (GetBody).
func newDigestTransport(publicKey, privateKey string, base http.RoundTripper) http.RoundTripper {
	return digest.NewTransportWithHTTPRoundTripper(publicKey, privateKey, base)
}
