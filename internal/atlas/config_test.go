package atlas

import (
	"errors"
	"strings"
	"testing"
)

func TestNewClientValidation(t *testing.T) {
	pak := Credentials{PublicKey: "pub", PrivateKey: "priv"}
	tests := []struct {
		name      string
		cfg       Config
		wantField string // "" = valid
		wantAuth  AuthMethod
	}{
		{name: "no credentials", cfg: Config{}, wantField: "credentials"},
		{name: "public key without private key", cfg: Config{Credentials: Credentials{PublicKey: "pub"}}, wantField: "private_key"},
		{name: "private key without public key", cfg: Config{Credentials: Credentials{PrivateKey: "priv"}}, wantField: "public_key"},
		{name: "client id without secret", cfg: Config{Credentials: Credentials{ClientID: "id"}}, wantField: "client_secret"},
		{name: "client secret without id", cfg: Config{Credentials: Credentials{ClientSecret: "s"}}, wantField: "client_id"},
		{name: "half service account beats full API key", cfg: Config{Credentials: Credentials{ClientID: "id", PublicKey: "pub", PrivateKey: "priv"}}, wantField: "client_secret"},
		{name: "api key", cfg: Config{Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "service account", cfg: Config{Credentials: Credentials{ClientID: "id", ClientSecret: "s"}}, wantAuth: AuthServiceAccount},
		{name: "access token wins over everything", cfg: Config{Credentials: Credentials{AccessToken: "t", ClientID: "id", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}}, wantAuth: AuthAccessToken},
		{name: "access token wins over half pairs", cfg: Config{Credentials: Credentials{AccessToken: "t", ClientID: "id"}}, wantAuth: AuthAccessToken},
		{name: "service account wins over api key", cfg: Config{Credentials: Credentials{ClientID: "id", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}}, wantAuth: AuthServiceAccount},
		{name: "http non-loopback rejected", cfg: Config{BaseURL: "http://example.com/", Credentials: pak}, wantField: "base_url"},
		{name: "http non-loopback cloud manager rejected", cfg: Config{CloudManagerBaseURL: "http://opsmanager.internal:8080/", Credentials: pak}, wantField: "cloud_manager_base_url"},
		{name: "http 127.0.0.1 accepted", cfg: Config{BaseURL: "http://127.0.0.1:8080/", Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "http 127.1.2.3 accepted", cfg: Config{BaseURL: "http://127.1.2.3/", Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "http localhost accepted", cfg: Config{BaseURL: "http://localhost/", Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "http ::1 accepted", cfg: Config{BaseURL: "http://[::1]/", CloudManagerBaseURL: "http://[::1]:9000", Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "https without trailing slash accepted", cfg: Config{BaseURL: "https://cloud.mongodbgov.com", Credentials: pak}, wantAuth: AuthAPIKey},
		{name: "unparsable URL", cfg: Config{BaseURL: "https://cloud mongodb com/%zz", Credentials: pak}, wantField: "base_url"},
		{name: "relative URL", cfg: Config{BaseURL: "cloud.mongodb.com", Credentials: pak}, wantField: "base_url"},
		{name: "other scheme", cfg: Config{BaseURL: "ftp://cloud.mongodb.com/", Credentials: pak}, wantField: "base_url"},
		{name: "missing host", cfg: Config{BaseURL: "https:///api", Credentials: pak}, wantField: "base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.cfg)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("NewClient: unexpected error %v", err)
				}
				if got := c.AuthMethod(); got != tt.wantAuth {
					t.Errorf("AuthMethod = %q, want %q", got, tt.wantAuth)
				}
				return
			}
			var cfgErr *ConfigError
			if !errors.As(err, &cfgErr) {
				t.Fatalf("err = %v (%T), want *ConfigError", err, err)
			}
			if cfgErr.Field != tt.wantField {
				t.Errorf("Field = %q, want %q (error: %v)", cfgErr.Field, tt.wantField, err)
			}
			if cfgErr.Problem == "" || cfgErr.Fix == "" {
				t.Errorf("ConfigError should say what is wrong and how to fix it: %+v", cfgErr)
			}
			if !strings.Contains(err.Error(), cfgErr.Fix) {
				t.Errorf("Error() %q does not include the fix", err.Error())
			}
		})
	}
}

func TestNewClientNormalisesBaseURL(t *testing.T) {
	c, err := NewClient(Config{BaseURL: "https://cloud.mongodbgov.com", Credentials: Credentials{AccessToken: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.baseURL.String(); got != "https://cloud.mongodbgov.com/" {
		t.Errorf("baseURL = %q", got)
	}
	if got := c.cloudManagerBaseURL.String(); got != DefaultBaseURL {
		t.Errorf("cloudManagerBaseURL = %q, want default", got)
	}
}
