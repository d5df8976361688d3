package atlas

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logTransport writes one Debug line per HTTP attempt (method, path, status, duration,
// attempt) and, at Trace, the request and response bodies with secrets redacted.
//
// It never logs headers: Authorization carries bearer tokens and digest responses, and no
// other header is worth that risk. It sits outside the auth transports, so it sees the
// request before credentials are added and one exchange per attempt (the digest challenge
// round trip is not shown separately).
type logTransport struct {
	next http.RoundTripper
}

// maxLoggedBody bounds the body text in a Trace line; Atlas lists can be large.
const maxLoggedBody = 16 << 10

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	fields := map[string]any{
		"method":  req.Method,
		"path":    req.URL.EscapedPath(),
		"attempt": attemptFromContext(ctx),
	}
	if req.URL.RawQuery != "" {
		fields["query"] = req.URL.RawQuery
	}

	// The token endpoint's bodies are all secrets (client credentials in, token out):
	// they are never logged, redacted or not.
	logBodies := !strings.HasSuffix(req.URL.Path, "/"+tokenPath)
	if logBodies && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(io.LimitReader(body, maxLoggedBody+1))
			_ = body.Close()
			tflog.Trace(ctx, "Atlas request body", withField(fields, "body", redactBody(data)))
		}
	}

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		tflog.Debug(ctx, "Atlas request failed", withField(fields, "error", err.Error()))
		return resp, err
	}
	fields["status"] = resp.StatusCode
	if code := resp.Header.Get("X-Error-Code"); code != "" {
		fields["error_code"] = code
	}
	tflog.Debug(ctx, "Atlas request", fields)

	if logBodies {
		// Read the body once and hand the caller an identical copy.
		data, readErr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		if readErr != nil {
			return nil, readErr
		}
		if len(data) > 0 {
			tflog.Trace(ctx, "Atlas response body", withField(fields, "body", redactBody(data)))
		}
	}
	return resp, nil
}

func withField(fields map[string]any, key string, value any) map[string]any {
	out := make(map[string]any, len(fields)+1)
	for k, v := range fields {
		out[k] = v
	}
	out[key] = value
	return out
}

// secretKeys are JSON object keys and form fields whose values are never logged.
// Comparison is case-insensitive.
var secretKeys = []string{
	"agentapikey", "access_token", "refresh_token", "id_token", "client_secret",
	"privatekey", "private_key", "password", "apikey", "api_key", "authorization",
	"secret", "token",
}

func isSecretKey(key string) bool {
	k := strings.ToLower(key)
	for _, s := range secretKeys {
		if k == s {
			return true
		}
	}
	return false
}

const redacted = "[REDACTED]"

// redactBody returns a loggable version of a body: JSON with secret values replaced, a form
// with secret fields replaced, or a placeholder for anything else (which we cannot inspect,
// so we do not print).
func redactBody(data []byte) string {
	truncated := len(data) > maxLoggedBody
	if truncated {
		// A cut JSON document cannot be parsed and therefore cannot be redacted.
		return "[body of more than 16 KiB not logged]"
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return ""
	}
	var doc any
	if err := json.Unmarshal(trimmed, &doc); err == nil {
		out, err := json.Marshal(redactJSON(doc))
		if err == nil {
			return string(out)
		}
	}
	if form, err := url.ParseQuery(string(trimmed)); err == nil && strings.Contains(string(trimmed), "=") {
		for key := range form {
			if isSecretKey(key) {
				form[key] = []string{redacted}
			}
		}
		return form.Encode()
	}
	return "[non-JSON body not logged]"
}

func redactJSON(v any) any {
	switch val := v.(type) {
	case map[string]any:
		for key, inner := range val {
			if isSecretKey(key) {
				val[key] = redacted
				continue
			}
			val[key] = redactJSON(inner)
		}
		return val
	case []any:
		for i, inner := range val {
			val[i] = redactJSON(inner)
		}
		return val
	default:
		return v
	}
}
