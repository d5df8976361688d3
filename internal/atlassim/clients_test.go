package atlassim_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mongodb-forks/digest"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// These tests drive the simulator with the third-party libraries that Atlas
// clients use: mongodb-forks/digest rejects any challenge that
// is not formatted exactly like Atlas's, and x/oauth2 URL-encodes the client
// credentials. They complement the hand-computed exchanges in auth_test.go.

func TestWithMongoDBForksDigest(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	client := &http.Client{Transport: digest.NewTransport(testPublic, testSecret)}

	body := fmt.Sprintf(`{"name":"digest-lib","orgId":%q}`, atlassim.DefaultOrgID)
	req, _ := http.NewRequest("POST", srv.URL+"/api/atlas/v2/groups?pretty=false", strings.NewReader(body))
	req.Header.Set("Accept", v2Accept)
	req.Header.Set("Content-Type", v2Accept)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status = %d, body %s", resp.StatusCode, out)
	}

	bad := &http.Client{Transport: digest.NewTransport(testPublic, "wrong")}
	req, _ = http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
	req.Header.Set("Accept", v2Accept)
	resp, err = bad.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password status = %d", resp.StatusCode)
	}
}

func TestWithOAuth2ClientCredentials(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{ClientID: "mdb_sa_id_lib", ClientSecret: "mdb_sa_sk_a+b/c"})
	cfg := clientcredentials.Config{
		ClientID:     "mdb_sa_id_lib",
		ClientSecret: "mdb_sa_sk_a+b/c",
		TokenURL:     srv.URL + "/api/oauth/token",
	}
	tok, err := cfg.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !tok.Valid() || tok.TokenType != "Bearer" {
		t.Fatalf("token = %+v", tok)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/api/atlas/v2/groups", nil)
	req.Header.Set("Accept", v2Accept)
	resp, err := cfg.Client(context.Background()).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}

	cfg.ClientSecret = "wrong"
	if _, err := cfg.Token(context.Background()); err == nil || !strings.Contains(err.Error(), "invalid_client") {
		t.Fatalf("wrong secret error = %v", err)
	}
}
