package atlas

import (
	"context"
	"net/http"
)

// ProjectLimit is one project limit (DataFederationLimit in the API), e.g.
// "atlas.project.deployment.clusters".
type ProjectLimit struct {
	Name         string `json:"name"`
	Value        int64  `json:"value"`
	CurrentUsage *int64 `json:"currentUsage,omitempty"`
	DefaultLimit *int64 `json:"defaultLimit,omitempty"`
	MaximumLimit *int64 `json:"maximumLimit,omitempty"`
}

// ListProjectLimits returns every limit set on or reported for a project. The answer is a
// plain array, not a paginated list.
func (c *Client) ListProjectLimits(ctx context.Context, projectID string) ([]ProjectLimit, error) {
	var out []ProjectLimit
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/limits", projectID), versionProjects, nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SetProjectLimit sets one limit.
func (c *Client) SetProjectLimit(ctx context.Context, projectID, name string, value int64) (*ProjectLimit, error) {
	body := struct {
		Name  string `json:"name"`
		Value int64  `json:"value"`
	}{Name: name, Value: value}
	var out ProjectLimit
	if err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/limits/%s", projectID, name), versionProjects, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteProjectLimit removes a limit; Atlas resets it to its default or drops it.
func (c *Client) DeleteProjectLimit(ctx context.Context, projectID, name string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/limits/%s", projectID, name), versionProjects, nil, nil, nil)
}
