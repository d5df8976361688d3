package atlas

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// checkInsecureCredentials refuses bearer credentials (access token, service account) with a
// plain-http Cloud Manager URL on a non-loopback host: every request would carry a token that
// is also valid for Atlas, in clear. Digest never sends the private key, so API keys are the
// only credentials that may travel over plain HTTP.
func checkInsecureCredentials(cloudManager *url.URL, method AuthMethod) error {
	if !isInsecureRemote(cloudManager) || method == AuthAPIKey {
		return nil
	}
	return &ConfigError{
		Field: settingAllowInsecureHTTP,
		Problem: "plain http to " + quote(cloudManager.String()) + " is allowed, but the credentials are " + string(method) +
			", whose bearer token would travel in clear in every request's Authorization header (and is valid for Atlas too)",
		Fix: "Use a programmatic API key (public_key and private_key; HTTP Digest never sends the private key) for Ops Manager over plain HTTP, " +
			"or serve Ops Manager over HTTPS",
	}
}

// isInsecureRemote reports plain http to a host that is not a loopback address.
func isInsecureRemote(u *url.URL) bool {
	return u.Scheme == "http" && !isLoopbackHost(u.Hostname())
}

// CloudManagerInsecureHTTP reports whether Cloud Manager requests go over plain HTTP to a
// host that is not a loopback address (allowed by Config.CloudManagerAllowInsecureHTTP).
func (c *Client) CloudManagerInsecureHTTP() bool { return isInsecureRemote(c.cloudManagerBaseURL) }

// CloudManagerBaseURL is the Cloud Manager / Ops Manager host root in use, with a trailing slash.
func (c *Client) CloudManagerBaseURL() string { return c.cloudManagerBaseURL.String() }

// CloudManagerIsMongoDBCloud reports whether Cloud Manager requests go to MongoDB's hosted
// Cloud Manager (cloud.mongodb.com or cloud.mongodbgov.com) rather than to an Ops Manager.
func (c *Client) CloudManagerIsMongoDBCloud() bool {
	host := strings.ToLower(c.cloudManagerBaseURL.Hostname())
	return host == "cloud.mongodb.com" || host == "cloud.mongodbgov.com"
}

// settingFor names the provider setting a request root comes from.
func (c *Client) settingFor(root *url.URL) string {
	if root == c.cloudManagerBaseURL {
		return settingCloudManagerBaseURL
	}
	return settingBaseURL
}

// BaseURLError is a request that failed because of where the base URL points: no server
// answers there, its certificate is not trusted, or what answers is not the API (an HTML
// page). It is never an *Error, so a misdirected base URL can never look like "this
// resource does not exist" and make Terraform forget resources.
type BaseURLError struct {
	Setting string // "base_url" or "cloud_manager_base_url"
	BaseURL string // its value, with a trailing slash
	Request string // "GET /api/public/v1.0/groups/..."
	Kind    BaseURLProblem
	Problem string // what happened, in words
	Fix     string
	Err     error // the underlying transport error, if any
}

// BaseURLProblem classifies a BaseURLError.
type BaseURLProblem string

const (
	ProblemRefused        BaseURLProblem = "connection refused"
	ProblemDNS            BaseURLProblem = "unknown host"
	ProblemConnectTimeout BaseURLProblem = "connect timeout" // no connection was made
	ProblemTimeout        BaseURLProblem = "timeout"         // connected; the answer may have been lost
	ProblemCertificate    BaseURLProblem = "untrusted certificate"
	ProblemNotTLS         BaseURLProblem = "not TLS"
	ProblemHTML           BaseURLProblem = "HTML answer"
)

func (e *BaseURLError) Error() string {
	return fmt.Sprintf("%s: %s = %q: %s. %s", e.Request, e.Setting, e.BaseURL, e.Problem, e.Fix)
}

func (e *BaseURLError) Unwrap() error { return e.Err }

// IsBaseURLError reports whether err is a *BaseURLError; its text already says what to do.
func IsBaseURLError(err error) bool {
	var e *BaseURLError
	return errors.As(err, &e)
}

// classifyTransportError turns a failure to reach the server into a *BaseURLError when its
// cause is recognisable, and returns nil otherwise (the caller keeps the raw error).
func (c *Client) classifyTransportError(ctx context.Context, r apiRequest, req *http.Request, err error) *BaseURLError {
	if ctx.Err() != nil {
		return nil // the caller gave up (timeout of the operation, interrupt)
	}
	setting := c.settingFor(r.root)
	e := &BaseURLError{Setting: setting, BaseURL: r.root.String(), Request: r.method + " " + req.URL.EscapedPath(), Err: err}
	host := r.root.Host
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var dnsErr *net.DNSError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.As(err, &unknownAuthority) || (errors.As(err, &certErr) && strings.Contains(certErr.Error(), "unknown authority")):
		e.Kind = ProblemCertificate
		e.Problem = "the TLS certificate of " + host + " is signed by a certificate authority this machine does not trust (" + rootCause(err) + ")"
		e.Fix = "If the server uses a certificate from your own (private) certificate authority, give the provider that CA: set the environment " +
			"variable SSL_CERT_FILE to a PEM file holding it (or SSL_CERT_DIR to a directory of such files) where Terraform runs, or add it to the " +
			"system's trust store; see the Ops Manager guide. Otherwise check that " + setting + " names the right host"
	case errors.As(err, &hostnameErr):
		e.Kind = ProblemCertificate
		e.Problem = "the TLS certificate of " + host + " is not valid for that name (" + rootCause(err) + ")"
		e.Fix = "Use in " + setting + " a host name the certificate lists, or have the certificate reissued with this name"
	case errors.As(err, &invalidCert):
		e.Kind = ProblemCertificate
		e.Problem = "the TLS certificate of " + host + " is not valid (" + rootCause(err) + ")"
		e.Fix = "Renew or fix the server's certificate; the provider never skips certificate checks"
	case errors.As(err, &recordErr) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		e.Kind = ProblemNotTLS
		e.Problem = host + " answered plain HTTP to an HTTPS request"
		insecure := "http://" + r.root.Host + r.root.EscapedPath()
		e.Fix = "The server at this port does not serve HTTPS: use its HTTPS port, or, for an Ops Manager that only serves plain HTTP, " +
			setting + " = " + quote(insecure)
		if setting == settingCloudManagerBaseURL {
			e.Fix += " with " + settingAllowInsecureHTTP + " = true"
		}
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e.Kind = ProblemDNS
		e.Problem = "the host name " + r.root.Hostname() + " does not resolve (" + rootCause(err) + ")"
		e.Fix = "Check the host name in " + setting + ", and that this machine uses the DNS servers that know it (an internal name needs the internal DNS or a VPN)"
	case isRefused(err):
		e.Kind = ProblemRefused
		e.Problem = "nothing accepts connections at " + host + " (" + rootCause(err) + ")"
		e.Fix = "Check the host and port in " + setting + " (Ops Manager listens on 8080 for HTTP and 8443 for HTTPS by default) and that the server is running"
	case isTimeout(err) && isDial(err):
		e.Kind = ProblemConnectTimeout
		e.Problem = host + " did not accept a connection in time (" + rootCause(err) + ")"
		e.Fix = "Check that " + setting + " names a host this machine can reach (a firewall that drops packets looks like this), and any proxy (HTTPS_PROXY, NO_PROXY)"
	case isTimeout(err):
		e.Kind = ProblemTimeout
		e.Problem = host + " did not answer in time (" + rootCause(err) + ")"
		e.Fix = "Check that " + setting + " names a host this machine can reach (a firewall that drops packets looks like this), and any proxy (HTTPS_PROXY, NO_PROXY)"
	default:
		return nil
	}
	return e
}

// classifyNonJSON turns an HTML answer below 500 into a *BaseURLError: the
// base URL leads to a web page (a UI page, a login form, a proxy's error page), not the API.
func (c *Client) classifyNonJSON(r apiRequest, req *http.Request, resp *http.Response, body []byte) *BaseURLError {
	if resp.StatusCode >= 500 {
		return nil // a proxy's error page for a server that is down: transient, retried, reported as such
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	trimmed := bytes.TrimSpace(body)
	looksHTML := mediaType == "text/html" || (len(trimmed) > 0 && trimmed[0] == '<')
	if !looksHTML {
		return nil
	}
	setting := c.settingFor(r.root)
	root := rootWithPath(r.root, "")
	return &BaseURLError{
		Setting: setting, BaseURL: r.root.String(), Request: r.method + " " + req.URL.EscapedPath(), Kind: ProblemHTML,
		Problem: fmt.Sprintf("the server answered with an HTML page (HTTP %d), not the JSON of the API: %s does not lead to the API, "+
			"it probably points at a page of the web UI or at a proxy's error page", resp.StatusCode, setting),
		Fix: "Set " + setting + " to the server's host root, such as " + quote(root) + " (add a path only when the server sits behind a path prefix)",
	}
}

func isRefused(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial" && strings.Contains(err.Error(), "connection refused")
}

func isDial(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// rootCause is the innermost error text, without the URL and operation wrappers.
func rootCause(err error) string {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) && certErr.Err != nil {
		return certErr.Err.Error()
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Err.Error()
	}
	return unwrapURLError(err).Error()
}
