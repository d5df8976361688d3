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

	"github.com/mongodb-forks/digest"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// tokenPath is where service accounts exchange their client id and secret for a token.
const tokenPath = "api/oauth/token"

// tokenEarlyRenewal renews a service-account token this long before it expires, so a token
// never runs out between being attached to a request and Atlas checking it (including
// requests that wait for a retry).
const tokenEarlyRenewal = time.Minute

// bearerTransport adds "Authorization: Bearer <token>" to every request.
type bearerTransport struct {
	token func(ctx context.Context) (string, error)
	base  http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	token, err := t.token(req.Context())
	if err != nil {
		closeRequestBody(req)
		return nil, err
	}
	out := req.Clone(req.Context())
	out.Header.Set("Authorization", "Bearer "+token)
	return t.base.RoundTrip(out)
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

	mu    sync.Mutex // held while fetching, so concurrent requests wait for one fetch
	token *oauth2.Token
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
	return token.AccessToken, nil
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
	return tc.now().Add(tokenEarlyRenewal).Before(t.Expiry)
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
