package atlas

import (
	"context"
	"net/http"
	"net/url"
)

// Tag is an Atlas resource tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Project is an Atlas project (a "group" in the API).
type Project struct {
	ID                        string `json:"id,omitempty"`
	Name                      string `json:"name"`
	OrgID                     string `json:"orgId"`
	ClusterCount              int64  `json:"clusterCount"`
	Created                   string `json:"created,omitempty"`
	Tags                      []Tag  `json:"tags,omitempty"`
	WithDefaultAlertsSettings *bool  `json:"withDefaultAlertsSettings,omitempty"`
	RegionUsageRestrictions   string `json:"regionUsageRestrictions,omitempty"`
}

// ProjectCreate is the input of CreateProject.
type ProjectCreate struct {
	Name, OrgID               string
	Tags                      []Tag  // nil or empty -> field omitted
	WithDefaultAlertsSettings *bool  // nil -> omitted
	RegionUsageRestrictions   string // "" -> omitted
	ProjectOwnerID            string // "" -> no projectOwnerId query parameter
}

// ProjectUpdate is the input of UpdateProject. A nil field is not sent.
type ProjectUpdate struct {
	Name *string
	Tags *[]Tag // a non-nil empty slice sends "tags":[], which clears every tag
}

// projectCreateBody is the wire form of ProjectCreate: only fields the user set are sent,
// because Atlas rejects regionUsageRestrictions outside Atlas for Government.
type projectCreateBody struct {
	Name                      string `json:"name"`
	OrgID                     string `json:"orgId"`
	Tags                      []Tag  `json:"tags,omitempty"`
	WithDefaultAlertsSettings *bool  `json:"withDefaultAlertsSettings,omitempty"`
	RegionUsageRestrictions   string `json:"regionUsageRestrictions,omitempty"`
}

type projectUpdateBody struct {
	Name *string `json:"name,omitempty"`
	Tags *[]Tag  `json:"tags,omitempty"` // omitempty drops only a nil pointer, so &[]Tag{} sends []
}

// CreateProject creates a project. Like every POST it is never retried after a server or
// connection failure; on such an error the caller should look the project up by name.
func (c *Client) CreateProject(ctx context.Context, in ProjectCreate) (*Project, error) {
	var query url.Values
	if in.ProjectOwnerID != "" {
		query = url.Values{"projectOwnerId": {in.ProjectOwnerID}}
	}
	body := projectCreateBody{
		Name:                      in.Name,
		OrgID:                     in.OrgID,
		WithDefaultAlertsSettings: in.WithDefaultAlertsSettings,
		RegionUsageRestrictions:   in.RegionUsageRestrictions,
	}
	if len(in.Tags) > 0 {
		body.Tags = in.Tags
	}
	var out Project
	if err := c.atlasCall(ctx, http.MethodPost, "/groups", versionProjects, query, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProject returns one project by id.
func (c *Client) GetProject(ctx context.Context, projectID string) (*Project, error) {
	var out Project
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s", projectID), versionProjects, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectByName returns one project by its exact name.
func (c *Client) GetProjectByName(ctx context.Context, name string) (*Project, error) {
	var out Project
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/byName/%s", name), versionProjects, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListProjects returns every project the credentials can see.
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	return listAll[Project](ctx, c.atlasPages("/groups", versionProjects), nil)
}

// ListProjectsPage returns one page of the projects the credentials can see
// and the total number of projects. A zero pageNum or itemsPerPage takes
// Atlas's default (page 1, 100 items).
func (c *Client) ListProjectsPage(ctx context.Context, pageNum, itemsPerPage int) ([]Project, int, error) {
	return listOnePage[Project](ctx, c.atlasPages("/groups", versionProjects), pageNum, itemsPerPage)
}

// ListOrgProjects returns the projects of one organization; a non-empty namePrefix keeps
// those whose name starts with it (case-insensitive, done by Atlas).
func (c *Client) ListOrgProjects(ctx context.Context, orgID, namePrefix string) ([]Project, error) {
	var query url.Values
	if namePrefix != "" {
		query = url.Values{"name": {namePrefix}}
	}
	return listAll[Project](ctx, c.atlasPages(pathf("/orgs/%s/groups", orgID), versionProjects), query)
}

// UpdateProject changes a project's name and/or tags.
func (c *Client) UpdateProject(ctx context.Context, projectID string, in ProjectUpdate) (*Project, error) {
	body := projectUpdateBody(in)
	if in.Tags != nil && *in.Tags == nil {
		empty := []Tag{}
		body.Tags = &empty // a pointer to a nil slice would marshal as null
	}
	var out Project
	if err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s", projectID), versionProjects, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteProject deletes a project. Atlas answers 202 with "{}" (the spec says 204); both
// are success.
func (c *Client) DeleteProject(ctx context.Context, projectID string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s", projectID), versionProjects, nil, nil, nil)
}

// ClusterIPAddresses lists the addresses of one cluster.
type ClusterIPAddresses struct {
	ClusterName string
	Inbound     []string
	Outbound    []string
}

// ProjectIPAddresses are the IP addresses of a project's clusters.
type ProjectIPAddresses struct {
	ProjectID string
	Clusters  []ClusterIPAddresses
}

type ipAddressesBody struct {
	GroupID  string `json:"groupId"`
	Services struct {
		Clusters []struct {
			ClusterName string   `json:"clusterName"`
			Inbound     []string `json:"inbound"`
			Outbound    []string `json:"outbound"`
		} `json:"clusters"`
	} `json:"services"`
}

// GetProjectIPAddresses returns the inbound and outbound IP addresses of the project's clusters.
func (c *Client) GetProjectIPAddresses(ctx context.Context, projectID string) (*ProjectIPAddresses, error) {
	var body ipAddressesBody
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/ipAddresses", projectID), versionProjects, nil, nil, &body); err != nil {
		return nil, err
	}
	out := &ProjectIPAddresses{ProjectID: body.GroupID}
	for _, cl := range body.Services.Clusters {
		out.Clusters = append(out.Clusters, ClusterIPAddresses{
			ClusterName: cl.ClusterName,
			Inbound:     cl.Inbound,
			Outbound:    cl.Outbound,
		})
	}
	return out, nil
}

// GetManagedSlowMs reports whether the managed slow operation threshold is enabled.
func (c *Client) GetManagedSlowMs(ctx context.Context, projectID string) (bool, error) {
	var enabled bool
	err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/managedSlowMs", projectID), versionProjects, nil, nil, &enabled)
	return enabled, err
}

// SetManagedSlowMs enables (POST .../managedSlowMs/enable) or disables
// (DELETE .../managedSlowMs/disable) the managed slow operation threshold.
func (c *Client) SetManagedSlowMs(ctx context.Context, projectID string, enabled bool) error {
	if enabled {
		return c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/managedSlowMs/enable", projectID), versionProjects, nil, nil, nil)
	}
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/managedSlowMs/disable", projectID), versionProjects, nil, nil, nil)
}
