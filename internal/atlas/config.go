package atlas

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// DefaultBaseURL is the host root of Atlas and of Cloud Manager.
const DefaultBaseURL = "https://cloud.mongodb.com/"

// defaultUserAgent is sent when Config.UserAgent is empty, so requests are never anonymous.
const defaultUserAgent = "terraform-provider-mongodbatlas"

// Credentials holds every kind of secret the provider may have resolved. NewClient picks one
// kind (see AuthMethod for the order).
type Credentials struct {
	AccessToken            string // Bearer, used as-is
	ClientID, ClientSecret string // service account: OAuth 2.0 client credentials
	PublicKey, PrivateKey  string // programmatic API key: HTTP Digest
}

// Config configures a Client. The zero value of every optional field means "the default".
type Config struct {
	BaseURL             string // Atlas host root, e.g. "https://cloud.mongodb.com/"; "" = DefaultBaseURL
	CloudManagerBaseURL string // Cloud Manager / Ops Manager host root; "" = DefaultBaseURL
	// CloudManagerAllowInsecureHTTP accepts a plain http:// CloudManagerBaseURL whose host is not
	// a loopback address (an Ops Manager that serves only HTTP). It never applies to BaseURL.
	CloudManagerAllowInsecureHTTP bool
	Credentials                   Credentials
	UserAgent                     string            // full User-Agent header value
	Transport                     http.RoundTripper // base transport; nil = a tuned clone of http.DefaultTransport
	Retry                         RetryPolicy       // zero value = defaults
}

// RetryPolicy controls the single retry mechanism (see transport_retry.go).
type RetryPolicy struct {
	MaxRetries int                                              // default 8; a negative value disables retries
	BaseDelay  time.Duration                                    // default 1s (first backoff), doubles, with jitter
	MaxDelay   time.Duration                                    // default 30s cap per backoff wait (Retry-After is honoured as sent)
	Sleep      func(ctx context.Context, d time.Duration) error // nil = real sleep honouring ctx; tests inject a fake
}

const (
	defaultMaxRetries = 8
	defaultBaseDelay  = time.Second
	defaultMaxDelay   = 30 * time.Second
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	switch {
	case p.MaxRetries == 0:
		p.MaxRetries = defaultMaxRetries
	case p.MaxRetries < 0:
		p.MaxRetries = 0
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = defaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = defaultMaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.Sleep == nil {
		p.Sleep = sleepContext
	}
	return p
}

// sleepContext waits for d or until ctx is done, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// AuthMethod names the kind of credentials a Client uses.
type AuthMethod string

const (
	AuthAccessToken    AuthMethod = "access_token"
	AuthServiceAccount AuthMethod = "service_account"
	AuthAPIKey         AuthMethod = "api_key"
)

// credentialEnvHint is appended to credential errors: the user fixes them in the provider
// block or in the environment, and should not have to look up the variable names.
const credentialEnvHint = "Set access_token (MONGODB_ATLAS_ACCESS_TOKEN), or client_id and client_secret " +
	"(MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET), or public_key and private_key " +
	"(MONGODB_ATLAS_PUBLIC_KEY, MONGODB_ATLAS_PRIVATE_KEY)"

// chooseAuthMethod applies the precedence access token > service account > API key. The
// first kind with any field set is chosen, so a half-set pair is reported rather than
// silently skipped in favour of a weaker kind.
func chooseAuthMethod(c Credentials) (AuthMethod, error) {
	switch {
	case c.AccessToken != "":
		return AuthAccessToken, nil
	case c.ClientID != "" || c.ClientSecret != "":
		if err := checkPair("client_id", c.ClientID, "client_secret", c.ClientSecret, "service account"); err != nil {
			return "", err
		}
		return AuthServiceAccount, nil
	case c.PublicKey != "" || c.PrivateKey != "":
		if err := checkPair("public_key", c.PublicKey, "private_key", c.PrivateKey, "programmatic API key"); err != nil {
			return "", err
		}
		return AuthAPIKey, nil
	default:
		return "", &ConfigError{
			Field:   "credentials",
			Problem: "no credentials are set",
			Fix:     credentialEnvHint,
		}
	}
}

func checkPair(nameA, valueA, nameB, valueB, kind string) error {
	missing, present := "", ""
	switch {
	case valueA == "":
		missing, present = nameA, nameB
	case valueB == "":
		missing, present = nameB, nameA
	default:
		return nil
	}
	return &ConfigError{
		Field:   missing,
		Problem: present + " is set but " + missing + " is not",
		Fix:     "A " + kind + " needs both " + nameA + " and " + nameB + "; set " + missing + " or unset " + present,
	}
}

// Names of the settings the errors point users at.
const (
	settingBaseURL             = "base_url"
	settingCloudManagerBaseURL = "cloud_manager_base_url"
	settingAllowInsecureHTTP   = "cloud_manager_allow_insecure_http"
	envAllowInsecureHTTP       = "MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP"
)

// parseBaseURL validates a host root and returns it with a trailing slash, so that API
// paths can be appended to it. allowHTTP accepts plain http for any host; without it only
// loopback hosts may use http.
func parseBaseURL(field, raw string, allowHTTP bool) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &ConfigError{
			Field:   field,
			Problem: "cannot parse " + quote(raw) + ": " + err.Error(),
			Fix:     "Use an absolute URL such as " + DefaultBaseURL,
		}
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Hostname() == "" {
		return nil, &ConfigError{
			Field:   field,
			Problem: quote(raw) + " is not an absolute http(s) URL with a host",
			Fix:     "Use an absolute URL such as " + DefaultBaseURL,
		}
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) && !allowHTTP {
		return nil, plainHTTPError(field, raw, u)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, &ConfigError{
			Field:   field,
			Problem: quote(raw) + " has a query, fragment or user information",
			Fix:     "Use only scheme, host and an optional path, such as " + DefaultBaseURL,
		}
	}
	if err := checkBasePath(field, raw, u); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// plainHTTPError refuses http:// for a host that is not a loopback address. Only Ops
// Manager can be served over plain HTTP (its default is http://<host>:8080), so only
// cloud_manager_base_url has an opt-in; Atlas is served over HTTPS only.
func plainHTTPError(field, raw string, u *url.URL) *ConfigError {
	secure := "https://" + u.Host + u.EscapedPath()
	if field != settingCloudManagerBaseURL {
		return &ConfigError{
			Field:   field,
			Problem: quote(raw) + " uses plain http, which would send credentials and answers unencrypted",
			Fix: "Use " + secure + ": Atlas is served over HTTPS only, and plain http is accepted only for loopback hosts " +
				"such as 127.0.0.1, ::1 or localhost (a local simulator)",
		}
	}
	return &ConfigError{
		Field: field,
		Problem: quote(raw) + " uses plain http, so requests and answers (such as the project's agent API key) would cross the network " +
			"unencrypted, readable and changeable by anyone on the path",
		Fix: "Use " + secure + " if Ops Manager serves HTTPS. If it only serves plain HTTP, set " + settingAllowInsecureHTTP +
			" = true in the provider block (or " + envAllowInsecureHTTP + "=true); it is off by default because nothing on the network " +
			"path should see Cloud Manager traffic, and it applies to " + settingCloudManagerBaseURL + " only, never to " + settingBaseURL,
	}
}

// apiRootSuffixes are paths that users copy from API documentation into a base URL. The
// client appends the API root itself, so any of them doubles it ("/api/atlas/v2/api/atlas/v2").
var apiRootSuffixes = []struct{ suffix, what string }{
	{"/api/atlas/v2", "Atlas's Admin API v2"},
	{"/api/atlas/v1.0", "Atlas's Admin API v1.0"},
	{"/api/atlas/v1.5", "Atlas's Admin API v1.5"},
	{"/api/atlas", "Atlas's Admin API"},
	{"/api/public/v1.0", "the Cloud Manager / Ops Manager Public API v1.0"},
	{"/api/public", "the Cloud Manager / Ops Manager Public API"},
	{"/api/oauth/token", "the service account token endpoint"},
	{"/api", "the API"},
}

// uiPagePattern matches paths of pages of the Cloud Manager / Ops Manager / Atlas web UI,
// which users copy from the browser's address bar: /v2/<project id>, /account/..., /user/...
var uiPagePattern = regexp.MustCompile(`(?i)^(.*?)/(v2/[0-9a-f]{24}|v2/?$|account(/|$)|user(/|$)|admin(/|$))`)

// checkBasePath refuses a base URL whose path points into the API or at a UI page instead of
// the host root, at configure time, so the mistake costs no request and gets a precise fix. A
// prefix such as https://proxy.example.com/opsmanager/ (Ops Manager behind a reverse proxy)
// is accepted.
func checkBasePath(field, raw string, u *url.URL) error {
	p := strings.TrimRight(u.Path, "/")
	lower := strings.ToLower(p)
	for _, s := range apiRootSuffixes {
		if strings.HasSuffix(lower, s.suffix) {
			root := rootWithPath(u, p[:len(p)-len(s.suffix)])
			return &ConfigError{
				Field: field,
				Problem: quote(raw) + " points at " + s.what + ", but " + field + " is the host root: the provider adds " +
					apiRootFor(field) + " itself, so requests would go to " + strings.TrimSuffix(u.Path, "/") + "/" + apiRootFor(field) + "/...",
				Fix: "Use " + field + " = " + quote(root),
			}
		}
	}
	if m := uiPagePattern.FindStringSubmatch(u.Path); m != nil {
		root := rootWithPath(u, m[1])
		return &ConfigError{
			Field:   field,
			Problem: quote(raw) + " is the address of a page of the web UI, not of the API's host root",
			Fix:     "Use " + field + " = " + quote(root) + " (scheme, host, port and nothing else, unless the server sits behind a path prefix)",
		}
	}
	return nil
}

func apiRootFor(field string) string {
	if field == settingCloudManagerBaseURL {
		return "api/public/v1.0"
	}
	return "api/atlas/v2"
}

// rootWithPath is u with its path replaced by prefix and a trailing slash.
func rootWithPath(u *url.URL, prefix string) string {
	root := *u
	root.Path = strings.TrimRight(prefix, "/") + "/"
	root.RawPath = ""
	return root.String()
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func quote(s string) string { return `"` + s + `"` }
