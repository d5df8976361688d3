package atlas

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// API roots under a host root, and media types.
const (
	atlasAPIPath        = "api/atlas/v2"
	cloudManagerAPIPath = "api/public/v1.0"

	cloudManagerMediaType = "application/json"

	// Resource versions of the Atlas Admin API v2 this client speaks.
	versionProjects = "2023-01-01" // projects, settings, limits, teams, ipAddresses, managedSlowMs, serverless
	versionUsers    = "2025-02-19" // project users, active and pending
	versionClusters = "2024-08-05"
	versionFlex     = "2024-11-13" // flex clusters
)

// atlasMediaType is the versioned media type Atlas v2 requires, e.g.
// "application/vnd.atlas.2023-01-01+json".
func atlasMediaType(version string) string {
	return "application/vnd.atlas." + version + "+json"
}

// apiRequest describes one logical call; the transports turn it into one or more attempts.
type apiRequest struct {
	method    string
	root      *url.URL // host root with trailing slash
	apiPath   string   // e.g. "api/atlas/v2"
	path      string   // escaped path under apiPath, starting with "/", built with pathf
	query     url.Values
	mediaType string
	body      any // marshalled to JSON when non-nil
}

// atlasCall performs one Atlas Admin API v2 call. path is built with pathf; out, when
// non-nil, receives the decoded JSON answer.
func (c *Client) atlasCall(ctx context.Context, method, path, version string, query url.Values, body, out any) error {
	err := c.atlasCallPlain(ctx, method, path, version, query, body, out)
	if err != nil {
		c.markOrganizationID(ctx, path, err)
	}
	return err
}

// atlasCallPlain is atlasCall without looking closer at its errors.
func (c *Client) atlasCallPlain(ctx context.Context, method, path, version string, query url.Values, body, out any) error {
	return c.do(ctx, apiRequest{
		method:    method,
		root:      c.baseURL,
		apiPath:   atlasAPIPath,
		path:      path,
		query:     query,
		mediaType: atlasMediaType(version),
		body:      body,
	}, out)
}

// cloudManagerCall performs one Cloud Manager / Ops Manager Public API v1.0 call, which has
// no media-type versioning.
func (c *Client) cloudManagerCall(ctx context.Context, method, path string, query url.Values, body, out any) error {
	return c.do(ctx, apiRequest{
		method:    method,
		root:      c.cloudManagerBaseURL,
		apiPath:   cloudManagerAPIPath,
		path:      path,
		query:     query,
		mediaType: cloudManagerMediaType,
		body:      body,
	}, out)
}

// pathf builds a URL path from a format whose %s verbs are path segments; every segment is
// escaped, so a name with "/" or spaces cannot change which resource is addressed.
func pathf(format string, segments ...string) string {
	args := make([]any, len(segments))
	for i, s := range segments {
		args[i] = url.PathEscape(s)
	}
	return fmt.Sprintf(format, args...)
}

func (c *Client) do(ctx context.Context, r apiRequest, out any) error {
	req, err := c.newRequest(ctx, r)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		// Surface our own errors (e.g. a token endpoint *Error) without the *url.Error
		// wrapper, whose text would repeat the URL.
		if apiErr, ok := AsError(err); ok {
			return apiErr
		}
		if baseErr := c.classifyTransportError(ctx, r, req, err); baseErr != nil {
			return baseErr
		}
		return fmt.Errorf("%s %s: %w", r.method, req.URL.EscapedPath(), unwrapURLError(err))
	}
	defer resp.Body.Close()

	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: reading response: %w", r.method, req.URL.EscapedPath(), err)
	}
	if baseErr := c.classifyNonJSON(r, req, resp, data); baseErr != nil {
		return baseErr
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newErrorFromBody(r.method, req.URL.EscapedPath(), resp.StatusCode, data)
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: decoding response: %w", r.method, req.URL.EscapedPath(), err)
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, r apiRequest) (*http.Request, error) {
	u, err := url.Parse(r.root.String() + r.apiPath + r.path)
	if err != nil {
		return nil, fmt.Errorf("building URL for %s: %w", r.path, err)
	}
	if len(r.query) > 0 {
		u.RawQuery = r.query.Encode()
	}

	var body io.Reader
	if r.body != nil {
		data, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("encoding request body for %s %s: %w", r.method, u.EscapedPath(), err)
		}
		// A *bytes.Reader makes http.NewRequest set GetBody, which digest auth and retries
		// need to send the body again.
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", r.mediaType)
	if r.body != nil {
		req.Header.Set("Content-Type", r.mediaType)
	}
	return req, nil
}

// unwrapURLError drops http.Client's *url.Error wrapper; the caller already names the path.
func unwrapURLError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil {
		return urlErr.Err
	}
	return err
}
