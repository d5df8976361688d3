package atlassim

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// oauthError is the RFC 6749 error body the token endpoint uses instead of
// the Atlas error shape.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string, retryAfter int) {
	body, _ := marshalJSON(oauthError{Error: code, Description: description})
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	w.Header().Set("Cache-Control", "no-store")
	writeBytes(w, status, "application/json", body)
}

// clientCredentials reads the Basic header. x/oauth2 URL-encodes id and
// secret before base64 (RFC 6749 §2.3.1), so both parts are decoded here.
func clientCredentials(r *http.Request) (id, secret string, present bool) {
	rawID, rawSecret, ok := r.BasicAuth()
	if !ok {
		return "", "", false
	}
	id, err1 := url.QueryUnescape(rawID)
	secret, err2 := url.QueryUnescape(rawSecret)
	if err1 != nil || err2 != nil {
		return "", "", false
	}
	return id, secret, true
}

func (s *Server) validClient(id, secret string) bool {
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(s.opts.ClientID)) == 1
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) == 1
	return idOK && secretOK
}

// serveToken implements POST /api/oauth/token (client credentials grant).
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Method != http.MethodPost {
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed.", 0)
		return
	}
	id, secret, present := clientCredentials(r)

	// The token endpoint has its own limit of 10 requests a minute, counted
	// per client id, before credentials are checked.
	s.mu.Lock()
	d, limited := s.limiter.take(EndpointSetOAuthToken, id, time.Now())
	s.mu.Unlock()
	if limited && d.limited {
		writeOAuthError(w, http.StatusTooManyRequests, "rate_limited",
			"Resource "+s.baseURL(r)+"/api/oauth/token is limited to 10 requests every 1 minutes.", d.retryAfter)
		return
	}

	if !present {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "The provided credentials are not valid.", 0)
		return
	}
	if !s.validClient(id, secret) {
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "Invalid credentials provided.", 0)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("grant_type") == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "The provided credentials are not valid.", 0)
		return
	}
	if form.Get("grant_type") != "client_credentials" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "Invalid grant type.", 0)
		return
	}

	now := time.Now()
	token := newAccessToken(id, now, s.opts.TokenLifetime)
	s.mu.Lock()
	s.tokens[token] = now.Add(s.opts.TokenLifetime)
	s.mu.Unlock()

	out, _ := marshalJSON(struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		TokenType   string `json:"token_type"`
	}{token, int(s.opts.TokenLifetime / time.Second), "Bearer"})
	w.Header().Set("Cache-Control", "no-store")
	writeBytes(w, http.StatusOK, "application/json", out)
}

// serveRevoke implements POST /api/oauth/revoke: 200 with no body. Unknown
// tokens are not an error (RFC 7009 §2.2).
func (s *Server) serveRevoke(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Method != http.MethodPost {
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed.", 0)
		return
	}
	id, secret, present := clientCredentials(r)
	if !present {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "The provided credentials are not valid.", 0)
		return
	}
	if !s.validClient(id, secret) {
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "Invalid credentials provided.", 0)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("token") == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "The provided credentials are not valid.", 0)
		return
	}
	s.mu.Lock()
	delete(s.tokens, form.Get("token"))
	s.mu.Unlock()
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// newAccessToken makes an opaque string shaped like a JWT (three base64url
// parts). Nothing checks its signature: the server looks tokens up.
func newAccessToken(clientID string, now time.Time, lifetime time.Duration) string {
	enc := base64.RawURLEncoding
	jti := make([]byte, 16)
	_, _ = rand.Read(jti)
	sig := make([]byte, 64)
	_, _ = rand.Read(sig)
	header, _ := marshalJSON(map[string]string{"alg": "ES512", "typ": "JWT", "kid": "atlas-sim"})
	claims, _ := marshalJSON(map[string]any{
		"iss": "atlas-sim",
		"aud": "api://admin",
		"sub": clientID,
		"iat": now.Unix(),
		"exp": now.Add(lifetime).Unix(),
		"jti": hex.EncodeToString(jti),
	})
	return enc.EncodeToString(header) + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
}

// checkBearer accepts issued, unexpired tokens and the static AccessTokens.
// Caller must hold s.mu.
func (s *Server) checkBearer(token string, now time.Time) (string, bool) {
	for _, static := range s.opts.AccessTokens {
		if subtle.ConstantTimeCompare([]byte(token), []byte(static)) == 1 {
			return "token:" + static, true
		}
	}
	expiry, issued := s.tokens[token]
	if !issued {
		return "", false
	}
	if now.After(expiry) {
		delete(s.tokens, token)
		return "", false
	}
	return "serviceaccount:" + s.opts.ClientID, true
}

// authenticate returns the principal for an API request, or false. The
// principal is the USER scope of the rate limiter.
func (s *Server) authenticate(r *http.Request) (string, bool) {
	header := r.Header.Get("Authorization")
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case len(header) > len("Digest ") && strings.EqualFold(header[:len("Digest ")], "Digest "):
		return s.checkDigest(r, header, now)
	case len(header) > len("Bearer ") && strings.EqualFold(header[:len("Bearer ")], "Bearer "):
		return s.checkBearer(strings.TrimSpace(header[len("Bearer "):]), now)
	}
	return "", false
}
