package atlas

import (
	"context"
	"net/http"
)

// ServerlessInstance is a serverless instance as the deprecated serverless API
// returns it (media type 2023-01-01). From 2025 the same API also answers for
// flex clusters that were created through it or migrated to flex.
type ServerlessInstance struct {
	ID                           string                       `json:"id,omitempty"`
	GroupID                      string                       `json:"groupId,omitempty"`
	Name                         string                       `json:"name"`
	ConnectionStrings            *ServerlessConnectionStrings `json:"connectionStrings,omitempty"`
	CreateDate                   string                       `json:"createDate,omitempty"`
	MongoDBVersion               string                       `json:"mongoDBVersion,omitempty"`
	ProviderSettings             ServerlessProviderSettings   `json:"providerSettings"`
	ServerlessBackupOptions      *ServerlessBackupOptions     `json:"serverlessBackupOptions,omitempty"`
	StateName                    string                       `json:"stateName,omitempty"`
	Tags                         []Tag                        `json:"tags,omitempty"`
	TerminationProtectionEnabled bool                         `json:"terminationProtectionEnabled"`
	Links                        []Link                       `json:"links,omitempty"`
}

// Link is an Atlas hypermedia link.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// ServerlessConnectionStrings holds the instance's connection strings.
type ServerlessConnectionStrings struct {
	StandardSrv     string                      `json:"standardSrv,omitempty"`
	PrivateEndpoint []ServerlessPrivateEndpoint `json:"privateEndpoint,omitempty"`
}

// ServerlessPrivateEndpoint is one private endpoint connection string.
type ServerlessPrivateEndpoint struct {
	SrvConnectionString string `json:"srvConnectionString,omitempty"`
}

// ServerlessProviderSettings is where the instance runs. The Effective* fields
// tell what Atlas really runs: "FLEX" on "TENANT" for a flex-backed instance.
type ServerlessProviderSettings struct {
	BackingProviderName       string `json:"backingProviderName"`
	RegionName                string `json:"regionName"`
	ProviderName              string `json:"providerName,omitempty"`
	EffectiveInstanceSizeName string `json:"effectiveInstanceSizeName,omitempty"`
	EffectiveProviderName     string `json:"effectiveProviderName,omitempty"`
}

// ServerlessBackupOptions holds continuous backup, which flex-backed instances ignore.
type ServerlessBackupOptions struct {
	ServerlessContinuousBackupEnabled bool `json:"serverlessContinuousBackupEnabled"`
}

// IsFlexBacked reports whether Atlas runs the instance as a flex cluster.
func (s *ServerlessInstance) IsFlexBacked() bool {
	return s.ProviderSettings.EffectiveInstanceSizeName == "FLEX" || s.ProviderSettings.EffectiveProviderName == "TENANT"
}

// ServerlessCreate is the input of CreateServerlessInstance.
type ServerlessCreate struct {
	Name                         string
	BackingProviderName          string
	RegionName                   string
	ContinuousBackupEnabled      *bool // nil -> not sent (Atlas's default)
	Tags                         []Tag
	TerminationProtectionEnabled bool
}

// ServerlessUpdate is the input of UpdateServerlessInstance; nil fields are not sent.
type ServerlessUpdate struct {
	ContinuousBackupEnabled      *bool
	Tags                         *[]Tag
	TerminationProtectionEnabled *bool
}

type serverlessCreateBody struct {
	Name             string `json:"name"`
	ProviderSettings struct {
		BackingProviderName string `json:"backingProviderName"`
		RegionName          string `json:"regionName"`
		ProviderName        string `json:"providerName"`
	} `json:"providerSettings"`
	ServerlessBackupOptions      *ServerlessBackupOptions `json:"serverlessBackupOptions,omitempty"`
	Tags                         []Tag                    `json:"tags,omitempty"`
	TerminationProtectionEnabled bool                     `json:"terminationProtectionEnabled"`
}

type serverlessUpdateBody struct {
	ServerlessBackupOptions      *ServerlessBackupOptions `json:"serverlessBackupOptions,omitempty"`
	Tags                         *[]Tag                   `json:"tags,omitempty"`
	TerminationProtectionEnabled *bool                    `json:"terminationProtectionEnabled,omitempty"`
}

// CreateServerlessInstance creates an instance through the serverless API (a flex
// cluster from 2025). Never retried after a server or connection failure.
func (c *Client) CreateServerlessInstance(ctx context.Context, projectID string, in ServerlessCreate) (*ServerlessInstance, error) {
	body := serverlessCreateBody{Name: in.Name, TerminationProtectionEnabled: in.TerminationProtectionEnabled}
	body.ProviderSettings.BackingProviderName = in.BackingProviderName
	body.ProviderSettings.RegionName = in.RegionName
	body.ProviderSettings.ProviderName = "SERVERLESS"
	if in.ContinuousBackupEnabled != nil {
		body.ServerlessBackupOptions = &ServerlessBackupOptions{ServerlessContinuousBackupEnabled: *in.ContinuousBackupEnabled}
	}
	if len(in.Tags) > 0 {
		body.Tags = in.Tags
	}
	var out ServerlessInstance
	if err := c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/serverless", projectID), versionProjects, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetServerlessInstance returns one instance from the serverless API.
func (c *Client) GetServerlessInstance(ctx context.Context, projectID, name string) (*ServerlessInstance, error) {
	var out ServerlessInstance
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/serverless/%s", projectID, name), versionProjects, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListServerlessInstances returns every instance the serverless API lists.
func (c *Client) ListServerlessInstances(ctx context.Context, projectID string) ([]ServerlessInstance, error) {
	return listAll[ServerlessInstance](ctx, c.atlasPages(pathf("/groups/%s/serverless", projectID), versionProjects), nil)
}

// UpdateServerlessInstance changes tags, termination protection and continuous backup.
func (c *Client) UpdateServerlessInstance(ctx context.Context, projectID, name string, in ServerlessUpdate) (*ServerlessInstance, error) {
	body := serverlessUpdateBody{Tags: in.Tags, TerminationProtectionEnabled: in.TerminationProtectionEnabled}
	if in.ContinuousBackupEnabled != nil {
		body.ServerlessBackupOptions = &ServerlessBackupOptions{ServerlessContinuousBackupEnabled: *in.ContinuousBackupEnabled}
	}
	var out ServerlessInstance
	if err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/serverless/%s", projectID, name), versionProjects, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteServerlessInstance asks Atlas to delete an instance (202, then DELETING).
func (c *Client) DeleteServerlessInstance(ctx context.Context, projectID, name string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/serverless/%s", projectID, name), versionProjects, nil, nil, nil)
}
