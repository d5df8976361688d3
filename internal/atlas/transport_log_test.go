package atlas

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestLogsNeverContainSecrets runs digest, service-account and bearer calls with a Trace
// logger and checks that no secret reaches the log, while the useful parts do.
func TestLogsNeverContainSecrets(t *testing.T) {
	const (
		accessToken = "static-access-token-0451"
		agentAPIKey = "agent-api-key-7f3e"
		dbPassword  = "hunter2-db-password"
	)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)

	cmResponder := func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, `{"id":"g1","name":"visible-project-name","agentApiKey":"`+agentAPIKey+`","nested":[{"privateKey":"`+testPrivateKey+`"}]}`)
	}

	// Digest, through Cloud Manager, with secrets in both bodies.
	ds := &digestServer{t: t, user: testPublicKey, pass: testPrivateKey, next: &recorder{respond: cmResponder}}
	digestSrv := httptest.NewServer(ds)
	defer digestSrv.Close()
	digestClient, err := NewClient(Config{
		BaseURL: digestSrv.URL, CloudManagerBaseURL: digestSrv.URL,
		Credentials: Credentials{PublicKey: testPublicKey, PrivateKey: testPrivateKey},
	})
	if err != nil {
		t.Fatal(err)
	}
	reqBody := map[string]any{"name": "visible-project-name", "password": dbPassword, "apiKey": agentAPIKey}
	if err := digestClient.cloudManagerCall(ctx, http.MethodPost, "/groups", nil, reqBody, nil); err != nil {
		t.Fatalf("digest call: %v", err)
	}

	// Service account: token request plus an API call.
	o := &oauthServer{t: t, expiresIn: 3600}
	saSrv := httptest.NewServer(o)
	defer saSrv.Close()
	saClient, err := NewClient(Config{BaseURL: saSrv.URL, Credentials: Credentials{ClientID: testClientID, ClientSecret: testClientSecret}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := saClient.GetProject(ctx, pid); err != nil {
		t.Fatalf("service account call: %v", err)
	}
	issuedToken, _ := o.lastToken.Load().(string)
	if issuedToken == "" {
		t.Fatal("no token issued")
	}

	// Bearer.
	bearerSrv := httptest.NewServer(&recorder{respond: cmResponder})
	defer bearerSrv.Close()
	bearerClient, err := NewClient(Config{BaseURL: bearerSrv.URL, Credentials: Credentials{AccessToken: accessToken}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bearerClient.GetProject(ctx, pid); err != nil {
		t.Fatalf("bearer call: %v", err)
	}

	out := logs.String()
	basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(testClientID) + ":" + url.QueryEscape(testClientSecret)))
	forbidden := map[string]string{
		"private key":           testPrivateKey,
		"client secret":         testClientSecret,
		"escaped client secret": url.QueryEscape(testClientSecret),
		"basic credentials":     basic,
		"service account token": issuedToken,
		"access token":          accessToken,
		"agent API key":         agentAPIKey,
		"password":              dbPassword,
		"digest response field": `response=`,
		"Authorization header":  "authorization",
		"bearer scheme":         "bearer ",
		"digest scheme":         "digest ",
		"basic scheme":          "basic ",
	}
	lower := strings.ToLower(out)
	for name, secret := range forbidden {
		if strings.Contains(out, secret) || strings.Contains(lower, strings.ToLower(secret)) {
			t.Errorf("log contains the %s (%q)", name, secret)
		}
	}

	// The logs must still be useful, or the test above proves nothing.
	for _, want := range []string{
		`"@message":"Atlas request"`, `"method":"POST"`, `"path":"/api/public/v1.0/groups"`, `"status":200`,
		`"path":"/api/oauth/token"`, `"attempt":1`, "duration_ms", "visible-project-name", redacted,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s", want)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("log output:\n%s", out)
	}
}

func TestRedactBody(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nested JSON", `{"a":1,"list":[{"PASSWORD":"x","ok":"y"}],"access_token":"t"}`, `{"a":1,"access_token":"[REDACTED]","list":[{"PASSWORD":"[REDACTED]","ok":"y"}]}`},
		{"form", "grant_type=client_credentials&client_secret=s", "client_secret=%5BREDACTED%5D&grant_type=client_credentials"},
		{"text", "plain words", "[non-JSON body not logged]"},
		{"empty", "  ", ""},
		{"huge", strings.Repeat("a", maxLoggedBody+1), "[body of more than 16 KiB not logged]"},
	}
	for _, tt := range tests {
		if got := redactBody([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: redactBody = %q, want %q", tt.name, got, tt.want)
		}
	}
}
