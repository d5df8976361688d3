// Package atlas is the HTTP client of the provider for the MongoDB Atlas Admin API v2 and the
// Cloud Manager / Ops Manager Public API v1.0.
//
// It owns everything about HTTP: authentication, retries, logging, error decoding,
// pagination and waiting. It knows nothing about Terraform types; resources call its typed
// methods.
//
// Transport chain, outermost first:
//
//	User-Agent -> retry -> log -> auth (bearer | service account | digest) -> base transport
//
// The service account's token requests use their own chain, retry -> log -> base, so they
// are retried and logged by the same code but never carry the API credentials.
package atlas

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Client calls Atlas and Cloud Manager. It is safe for concurrent use.
type Client struct {
	baseURL             *url.URL // with trailing slash
	cloudManagerBaseURL *url.URL // with trailing slash
	authMethod          AuthMethod
	tokens              *tokenCache // service account only
	httpClient          *http.Client
	retry               *retryTransport // also paces repeated creates (CreateConverging) and waits (pressure)
	flex                *watch[*FlexCluster]
	serverless          *watch[*ServerlessInstance]
}

// NewClient validates cfg and builds a Client. It does no network I/O; call Verify to check
// service-account credentials early.
func NewClient(cfg Config) (*Client, error) {
	baseURL, err := parseBaseURL(settingBaseURL, cfg.BaseURL, false)
	if err != nil {
		return nil, err
	}
	cloudManagerBaseURL, err := parseBaseURL(settingCloudManagerBaseURL, cfg.CloudManagerBaseURL, cfg.CloudManagerAllowInsecureHTTP)
	if err != nil {
		return nil, err
	}
	method, err := chooseAuthMethod(cfg.Credentials)
	if err != nil {
		return nil, err
	}
	if err := checkInsecureCredentials(cloudManagerBaseURL, method); err != nil {
		return nil, err
	}

	base := cfg.Transport
	if base == nil {
		base = defaultTransport()
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}

	c := &Client{baseURL: baseURL, cloudManagerBaseURL: cloudManagerBaseURL, authMethod: method}

	var auth http.RoundTripper
	creds := cfg.Credentials
	switch method {
	case AuthAccessToken:
		auth = &bearerTransport{token: staticToken(creds.AccessToken), base: base}
	case AuthServiceAccount:
		tokenClient := &http.Client{Transport: &userAgentTransport{
			userAgent: userAgent,
			next:      newRetryTransport(cfg.Retry, &logTransport{next: base}),
		}}
		c.tokens = newTokenCache(baseURL, creds.ClientID, creds.ClientSecret, tokenClient)
		auth = &bearerTransport{token: c.tokens.accessToken, discard: c.tokens.discard, base: base}
	case AuthAPIKey:
		auth = newDigestTransport(creds.PublicKey, creds.PrivateKey, base)
	}

	c.retry = newRetryTransport(cfg.Retry, &logTransport{next: auth})
	c.httpClient = &http.Client{Transport: &userAgentTransport{userAgent: userAgent, next: c.retry}}
	c.flex = newFlexWatch(c)
	c.serverless = newServerlessWatch(c)
	return c, nil
}

// AuthMethod reports which kind of credentials the client uses.
func (c *Client) AuthMethod() AuthMethod { return c.authMethod }

// Verify makes bad service-account credentials fail now, with an *Error naming the OAuth
// error (e.g. "invalid_client"), instead of on the first resource call. For the other
// methods it does nothing: checking them would cost an API call.
func (c *Client) Verify(ctx context.Context) error {
	if c.tokens == nil {
		return nil
	}
	_, err := c.tokens.accessToken(ctx)
	return err
}

// defaultTransport clones http.DefaultTransport (proxy from the environment, HTTP/2, TLS
// and dial timeouts) and keeps more idle connections per host: Terraform runs up to ten
// operations in parallel against one host, and the default of two would make most of them
// open a new TLS connection each time.
func defaultTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 16
	t.IdleConnTimeout = 90 * time.Second
	return t
}
