package atlas

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var testAPIKey = Credentials{PublicKey: "pub", PrivateKey: "priv"}

func TestBaseURLPlainHTTPOptIn(t *testing.T) {
	tests := []struct {
		name      string
		cfg       Config
		wantField string   // "" = accepted
		wantText  []string // in the error
	}{
		{name: "ops manager over http without the opt-in",
			cfg:       Config{CloudManagerBaseURL: "http://opsmanager.internal:8080/", Credentials: testAPIKey},
			wantField: "cloud_manager_base_url",
			wantText: []string{`"http://opsmanager.internal:8080/" uses plain http`, "agent API key", "Use https://opsmanager.internal:8080/ if Ops Manager serves HTTPS",
				"cloud_manager_allow_insecure_http = true", "MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP=true", "off by default", "never to base_url"}},
		{name: "ops manager over http with the opt-in",
			cfg: Config{CloudManagerBaseURL: "http://opsmanager.internal:8080/", CloudManagerAllowInsecureHTTP: true, Credentials: testAPIKey}},
		{name: "the opt-in never applies to base_url",
			cfg:       Config{BaseURL: "http://atlas.internal/", CloudManagerAllowInsecureHTTP: true, Credentials: testAPIKey},
			wantField: "base_url",
			wantText:  []string{"Atlas is served over HTTPS only", "Use https://atlas.internal/:"}},
		{name: "the opt-in refuses a bearer token over http",
			cfg:       Config{CloudManagerBaseURL: "http://opsmanager.internal:8080/", CloudManagerAllowInsecureHTTP: true, Credentials: Credentials{AccessToken: "t"}},
			wantField: "cloud_manager_allow_insecure_http",
			wantText:  []string{"bearer token would travel in clear", "programmatic API key"}},
		{name: "the opt-in refuses a service account over http",
			cfg:       Config{CloudManagerBaseURL: "http://opsmanager.internal:8080/", CloudManagerAllowInsecureHTTP: true, Credentials: Credentials{ClientID: "id", ClientSecret: "s"}},
			wantField: "cloud_manager_allow_insecure_http"},
		{name: "bearer token with https ops manager and the opt-in set",
			cfg: Config{CloudManagerBaseURL: "https://opsmanager.internal:8443/", CloudManagerAllowInsecureHTTP: true, Credentials: Credentials{AccessToken: "t"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.cfg)
			assertConfigError(t, err, tt.wantField, tt.wantText)
			if tt.wantField == "" && c.CloudManagerInsecureHTTP() != strings.HasPrefix(tt.cfg.CloudManagerBaseURL, "http:") {
				t.Errorf("CloudManagerInsecureHTTP = %v for %q", c.CloudManagerInsecureHTTP(), tt.cfg.CloudManagerBaseURL)
			}
		})
	}
}

func TestBaseURLPathShapes(t *testing.T) {
	tests := []struct {
		name, field, value string
		wantFix            string // "" = accepted
		wantText           string
	}{
		{"atlas v2 API", "base_url", "https://cloud.mongodb.com/api/atlas/v2", `Use base_url = "https://cloud.mongodb.com/"`, "points at Atlas's Admin API v2"},
		{"atlas v2 API with slash", "base_url", "https://cloud.mongodb.com/api/atlas/v2/", `Use base_url = "https://cloud.mongodb.com/"`, "/api/atlas/v2/api/atlas/v2/..."},
		{"atlas v1.0 API", "base_url", "https://cloud.mongodbgov.com/api/atlas/v1.0/", `Use base_url = "https://cloud.mongodbgov.com/"`, "v1.0"},
		{"public API as cloud manager", "cloud_manager_base_url", "https://opsmanager.example.com:8443/api/public/v1.0",
			`Use cloud_manager_base_url = "https://opsmanager.example.com:8443/"`, "/api/public/v1.0/api/public/v1.0/..."},
		{"atlas API as cloud manager", "cloud_manager_base_url", "https://cloud.mongodb.com/api/atlas/v2", `Use cloud_manager_base_url = "https://cloud.mongodb.com/"`, "the provider adds api/public/v1.0 itself"},
		{"public API behind a proxy prefix", "cloud_manager_base_url", "https://proxy.example.com/opsmanager/api/public/v1.0/",
			`Use cloud_manager_base_url = "https://proxy.example.com/opsmanager/"`, "Public API v1.0"},
		{"just /api", "base_url", "https://cloud.mongodb.com/api", `Use base_url = "https://cloud.mongodb.com/"`, "points at the API"},
		{"UI project page", "cloud_manager_base_url", "https://opsmanager.example.com:8443/v2/5f1e2d3c4b5a697887766554",
			`Use cloud_manager_base_url = "https://opsmanager.example.com:8443/"`, "page of the web UI"},
		{"UI login page", "cloud_manager_base_url", "https://opsmanager.example.com:8443/account/login", `"https://opsmanager.example.com:8443/"`, "page of the web UI"},
		{"host root", "cloud_manager_base_url", "https://opsmanager.example.com:8443", "", ""},
		{"proxy prefix", "cloud_manager_base_url", "https://proxy.example.com/opsmanager/", "", ""},
		{"api-ish prefix that is not the API", "base_url", "https://proxy.example.com/apis/", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{Credentials: testAPIKey}
			if tt.field == "base_url" {
				cfg.BaseURL = tt.value
			} else {
				cfg.CloudManagerBaseURL = tt.value
			}
			_, err := NewClient(cfg)
			if tt.wantFix == "" {
				if err != nil {
					t.Fatalf("NewClient: %v", err)
				}
				return
			}
			assertConfigError(t, err, tt.field, []string{tt.wantFix, tt.wantText, `"` + tt.value + `"`})
		})
	}
}

func assertConfigError(t *testing.T, err error, wantField string, wantText []string) {
	t.Helper()
	if wantField == "" {
		if err != nil {
			t.Fatalf("NewClient: unexpected error %v", err)
		}
		return
	}
	var cfgErr *ConfigError
	if !errors.As(err, &cfgErr) {
		t.Fatalf("err = %v (%T), want *ConfigError", err, err)
	}
	if cfgErr.Field != wantField {
		t.Errorf("Field = %q, want %q (error: %v)", cfgErr.Field, wantField, err)
	}
	for _, w := range wantText {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not contain %q", err, w)
		}
	}
}

// cloudManagerClient is an API-key client whose Cloud Manager requests go to url, with no
// retry waits.
func cloudManagerClient(t *testing.T, url string, allowHTTP bool) *Client {
	t.Helper()
	c, err := NewClient(Config{
		CloudManagerBaseURL:           url,
		CloudManagerAllowInsecureHTTP: allowHTTP,
		Credentials:                   testAPIKey,
		Retry:                         RetryPolicy{MaxRetries: -1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBaseURLErrorsName(t *testing.T) {
	htmlPage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html;charset=utf-8")
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Ops Manager</title></head><body>Log in</body></html>"))
	}))
	defer htmlPage.Close()
	html404 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><body>Not Found</body></html>"))
	}))
	defer html404.Close()
	untrusted := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, "{}") }))
	defer untrusted.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, "{}") }))
	defer plain.Close()

	// A port nothing listens on: bind one, then close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := "http://" + l.Addr().String() + "/"
	l.Close()

	tests := []struct {
		name     string
		url      string
		kind     BaseURLProblem
		wantText []string
	}{
		{"UI page answering HTML", htmlPage.URL + "/", ProblemHTML, []string{"HTML page (HTTP 200)", "Set cloud_manager_base_url to the server's host root"}},
		{"HTML 404", html404.URL + "/", ProblemHTML, []string{"HTML page (HTTP 404)"}},
		{"nothing listening", closedPort, ProblemRefused, []string{"nothing accepts connections at " + strings.TrimSuffix(strings.TrimPrefix(closedPort, "http://"), "/"), "8080 for HTTP and 8443 for HTTPS"}},
		{"unknown host", "https://opsmanager.invalid:8443/", ProblemDNS, []string{"the host name opsmanager.invalid does not resolve", "internal DNS"}},
		{"private CA not trusted", untrusted.URL + "/", ProblemCertificate, []string{"certificate authority this machine does not trust", "SSL_CERT_FILE", "SSL_CERT_DIR"}},
		{"https to a plain http port", strings.Replace(plain.URL, "http://", "https://", 1) + "/", ProblemNotTLS, []string{"answered plain HTTP to an HTTPS request", "cloud_manager_allow_insecure_http = true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cloudManagerClient(t, tt.url, false)
			_, err := c.GetCloudManagerProject(context.Background(), "5f1e2d3c4b5a697887766554")
			var baseErr *BaseURLError
			if !errors.As(err, &baseErr) {
				t.Fatalf("err = %v (%T), want *BaseURLError", err, err)
			}
			if baseErr.Kind != tt.kind || baseErr.Setting != "cloud_manager_base_url" || baseErr.BaseURL != tt.url {
				t.Errorf("kind %q setting %q value %q, want %q cloud_manager_base_url %q", baseErr.Kind, baseErr.Setting, baseErr.BaseURL, tt.kind, tt.url)
			}
			text := err.Error()
			for _, w := range append(tt.wantText, `cloud_manager_base_url = "`+tt.url+`"`, "GET /api/public/v1.0/groups/5f1e2d3c4b5a697887766554") {
				if !strings.Contains(text, w) {
					t.Errorf("error %q\ndoes not contain %q", text, w)
				}
			}
			// A misdirected base URL must never read as "this project does not exist".
			if IsNotFound(err) {
				t.Error("IsNotFound is true: a resource would be dropped from the state")
			}
			if Hint(err) != "" {
				t.Errorf("Hint = %q, want none (the error says what to do)", Hint(err))
			}
		})
	}
}

func TestBaseURLErrorForAtlasNamesBaseURL(t *testing.T) {
	htmlPage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html></html>"))
	}))
	defer htmlPage.Close()
	c, err := NewClient(Config{BaseURL: htmlPage.URL + "/", Credentials: testAPIKey, Retry: RetryPolicy{MaxRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetProject(context.Background(), "5f1e2d3c4b5a697887766554")
	if !strings.Contains(err.Error(), `base_url = "`+htmlPage.URL+`/"`) || strings.Contains(err.Error(), "cloud_manager_base_url") {
		t.Errorf("error %q should name base_url", err)
	}
}

func TestDNSNotFoundIsNotRetried(t *testing.T) {
	sleeps := &sleepRecorder{}
	c, err := NewClient(Config{CloudManagerBaseURL: "https://opsmanager.invalid/", Credentials: testAPIKey, Retry: RetryPolicy{Sleep: sleeps.sleep}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCloudManagerProject(context.Background(), "5f1e2d3c4b5a697887766554"); err == nil {
		t.Fatal("no error")
	}
	if got := sleeps.all(); len(got) != 0 {
		t.Errorf("retried after %v: an unknown host is an answer, not a lost connection", got)
	}
}

// dialTimeout fails every request as a dial that timed out, like a firewall dropping packets.
type dialTimeout struct{}

func (dialTimeout) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: timeoutError{}}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestBaseURLErrorForAHostThatDoesNotAnswer(t *testing.T) {
	c, err := NewClient(Config{CloudManagerBaseURL: "https://opsmanager.example.com:8443/", Credentials: testAPIKey,
		Transport: dialTimeout{}, Retry: RetryPolicy{MaxRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateCloudManagerProject(context.Background(), "p", "", "")
	var baseErr *BaseURLError
	if !errors.As(err, &baseErr) || baseErr.Kind != ProblemConnectTimeout {
		t.Fatalf("err = %v (%T)", err, err)
	}
	for _, want := range []string{`cloud_manager_base_url = "https://opsmanager.example.com:8443/"`, "did not accept a connection in time", "firewall", "HTTPS_PROXY"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}
