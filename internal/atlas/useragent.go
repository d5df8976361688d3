package atlas

import (
	"context"
	"net/http"
)

type userAgentSuffixKey struct{}

// WithUserAgentSuffix returns a context whose requests send suffix after the client's
// User-Agent, separated by a space. Resources use it to say which module and which
// operation a request serves, so Atlas's access logs can tell them apart.
func WithUserAgentSuffix(ctx context.Context, suffix string) context.Context {
	if suffix == "" {
		return ctx
	}
	return context.WithValue(ctx, userAgentSuffixKey{}, suffix)
}

// userAgentTransport sets the User-Agent header on every request: the client's own,
// followed by the suffix the request's context carries, if any.
type userAgentTransport struct {
	userAgent string
	next      http.RoundTripper
}

func (t *userAgentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	ua := t.userAgent
	if suffix, ok := req.Context().Value(userAgentSuffixKey{}).(string); ok {
		ua += " " + suffix
	}
	out.Header.Set("User-Agent", ua)
	return t.next.RoundTrip(out)
}
