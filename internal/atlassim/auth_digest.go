package atlassim

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const digestRealm = "MMS Public API"

// nonceLifetime is how long an issued nonce stays valid. Atlas only says
// "a short amount of time"; clients answer a challenge at once, so five
// minutes is generous without letting the table grow forever.
const nonceLifetime = 5 * time.Minute

// unauthorizedBody is the exact 401 body Atlas sends: Jackson pretty-printed,
// keys in this (non-alphabetical) order, no "parameters".
// It is 142 bytes, as the recorded Content-Length says.
const unauthorizedBody = "{\n" +
	"  \"error\" : 401,\n" +
	"  \"reason\" : \"Unauthorized\",\n" +
	"  \"detail\" : \"You are not authorized for this resource.\",\n" +
	"  \"errorCode\" : \"UNEXPECTED_ERROR\"\n" +
	"}"

// newNonce returns 32 characters from the base64 alphabet: 24 random bytes
// encode to exactly 32 characters with no padding.
func newNonce() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// digestChallenge formats the header exactly as Atlas does. The order, the
// ", " separators and the absence of other keys matter: mongodb-forks/digest
// splits on ", " and rejects unknown keys.
func digestChallenge(nonce string) string {
	return `Digest realm="` + digestRealm + `", domain="", nonce="` + nonce +
		`", algorithm=MD5, qop="auth", stale=false`
}

// writeUnauthorized issues a fresh nonce and sends the Atlas 401. Caller
// must not hold s.mu.
func (s *Server) writeUnauthorized(w http.ResponseWriter) {
	nonce := newNonce()
	now := time.Now()
	s.mu.Lock()
	for n, expiry := range s.nonces {
		if now.After(expiry) {
			delete(s.nonces, n)
		}
	}
	s.nonces[nonce] = now.Add(nonceLifetime)
	s.mu.Unlock()

	w.Header().Set("Www-Authenticate", digestChallenge(nonce))
	writeBytes(w, http.StatusUnauthorized, "application/json", []byte(unauthorizedBody))
}

// parseDigestParams splits `k=v, k="v, with comma"` pairs. Values may be
// quoted (with backslash escapes) or bare tokens.
func parseDigestParams(s string) map[string]string {
	params := map[string]string{}
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ,\t")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " \t")
		var value strings.Builder
		if strings.HasPrefix(s, `"`) {
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				value.WriteByte(s[i])
			}
			s = s[min(i+1, len(s)):]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			value.WriteString(strings.TrimSpace(s[:end]))
			s = s[end:]
		}
		params[key] = value.String()
	}
	return params
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// checkDigest verifies an `Authorization: Digest ...` header (RFC 2617,
// MD5, qop=auth). It returns the principal (the public key) on success.
// Caller must hold s.mu.
func (s *Server) checkDigest(r *http.Request, header string, now time.Time) (string, bool) {
	p := parseDigestParams(strings.TrimSpace(header[len("Digest "):]))
	if alg := p["algorithm"]; alg != "" && !strings.EqualFold(alg, "MD5") {
		return "", false
	}
	if p["qop"] != "auth" || p["nc"] == "" || p["cnonce"] == "" {
		return "", false
	}
	if _, err := strconv.ParseUint(p["nc"], 16, 32); err != nil {
		return "", false
	}
	expiry, issued := s.nonces[p["nonce"]]
	if !issued || now.After(expiry) {
		return "", false
	}
	requestURI := r.RequestURI
	if requestURI == "" {
		requestURI = r.URL.RequestURI()
	}
	if p["uri"] != requestURI {
		return "", false
	}
	publicKey, privateKey, principal := s.opts.PublicKey, s.opts.PrivateKey, "apikey:"+s.opts.PublicKey
	if priv, global, ok := s.globalKeyCredentials(p["username"]); ok {
		publicKey, privateKey, principal = p["username"], priv, global
	}
	if subtle.ConstantTimeCompare([]byte(p["username"]), []byte(publicKey)) != 1 {
		return "", false
	}
	ha1 := md5Hex(publicKey + ":" + digestRealm + ":" + privateKey)
	ha2 := md5Hex(r.Method + ":" + p["uri"])
	want := md5Hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(p["response"])), []byte(want)) != 1 {
		return "", false
	}
	return principal, true
}
