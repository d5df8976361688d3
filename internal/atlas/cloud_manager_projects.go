package atlas

import (
	"context"
	"net/http"
	"net/url"
)

// CloudManagerHostCounts counts the hosts of a Cloud Manager / Ops Manager project by role.
type CloudManagerHostCounts struct {
	Arbiter   int64 `json:"arbiter"`
	Config    int64 `json:"config"`
	Master    int64 `json:"master"`
	Mongos    int64 `json:"mongos"`
	Primary   int64 `json:"primary"`
	Secondary int64 `json:"secondary"`
	Slave     int64 `json:"slave"`
}

// CloudManagerProject is a Cloud Manager or Ops Manager project (a "group" in the Public API v1.0).
//
// AgentAPIKey is a secret: Cloud Manager returns it on create and, depending on the release,
// on reads too; it is "" when the answer left it out. LastActiveAgent is "" until an agent
// has reported. Tags are plain strings (Ops Manager), not Atlas key/value pairs.
type CloudManagerProject struct {
	ID               string                 `json:"id"`
	Name             string                 `json:"name"`
	OrgID            string                 `json:"orgId"`
	AgentAPIKey      string                 `json:"agentApiKey"`
	ActiveAgentCount int64                  `json:"activeAgentCount"`
	HostCounts       CloudManagerHostCounts `json:"hostCounts"`
	LastActiveAgent  string                 `json:"lastActiveAgent"`
	PublicAPIEnabled bool                   `json:"publicApiEnabled"`
	ReplicaSetCount  int64                  `json:"replicaSetCount"`
	ShardCount       int64                  `json:"shardCount"`
	Tags             []string               `json:"tags"`
}

// cloudManagerProjectCreateBody leaves orgId out when it is empty: Ops Manager then creates
// a new organization for the project (Cloud Manager refuses the request).
type cloudManagerProjectCreateBody struct {
	Name  string `json:"name"`
	OrgID string `json:"orgId,omitempty"`
}

type cloudManagerProjectRenameBody struct {
	Name string `json:"name"`
}

// CreateCloudManagerProject creates a project; a non-empty projectOwnerID names the user
// who becomes its Project Owner. Like every POST it is never retried after a server or
// connection failure: on such an error the caller should look the project up by name.
func (c *Client) CreateCloudManagerProject(ctx context.Context, name, orgID, projectOwnerID string) (*CloudManagerProject, error) {
	var query url.Values
	if projectOwnerID != "" {
		query = url.Values{"projectOwnerId": {projectOwnerID}}
	}
	var out CloudManagerProject
	body := cloudManagerProjectCreateBody{Name: name, OrgID: orgID}
	if err := c.cloudManagerCall(ctx, http.MethodPost, "/groups", query, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCloudManagerProject returns one project by id. An Atlas project id fails with a 404
// whose ErrorCode is ATLAS_GROUP.
func (c *Client) GetCloudManagerProject(ctx context.Context, projectID string) (*CloudManagerProject, error) {
	var out CloudManagerProject
	if err := c.cloudManagerCall(ctx, http.MethodGet, pathf("/groups/%s", projectID), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCloudManagerProjectByName returns one project by its exact name.
func (c *Client) GetCloudManagerProjectByName(ctx context.Context, name string) (*CloudManagerProject, error) {
	var out CloudManagerProject
	if err := c.cloudManagerCall(ctx, http.MethodGet, pathf("/groups/byName/%s", name), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListCloudManagerProjects returns every project the credentials can see, following every page.
func (c *Client) ListCloudManagerProjects(ctx context.Context) ([]CloudManagerProject, error) {
	return listAll[CloudManagerProject](ctx, c.cloudManagerPages("/groups"), nil)
}

// RenameCloudManagerProject changes a project's name, the only field the API lets change.
func (c *Client) RenameCloudManagerProject(ctx context.Context, projectID, name string) (*CloudManagerProject, error) {
	var out CloudManagerProject
	body := cloudManagerProjectRenameBody{Name: name}
	if err := c.cloudManagerCall(ctx, http.MethodPatch, pathf("/groups/%s", projectID), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCloudManagerProject deletes a project. The real status is not documented (200, 202
// or 204); any 2xx is success.
func (c *Client) DeleteCloudManagerProject(ctx context.Context, projectID string) error {
	return c.cloudManagerCall(ctx, http.MethodDelete, pathf("/groups/%s", projectID), nil, nil, nil)
}
