package atlas

import (
	"context"
	"net/http"
)

// FlexCluster is a flex cluster as Atlas returns it (media type 2024-11-13).
type FlexCluster struct {
	ID                           string                 `json:"id,omitempty"`
	GroupID                      string                 `json:"groupId,omitempty"`
	Name                         string                 `json:"name"`
	ClusterType                  string                 `json:"clusterType,omitempty"`
	BackupSettings               *FlexBackupSettings    `json:"backupSettings,omitempty"`
	ConnectionStrings            *FlexConnectionStrings `json:"connectionStrings,omitempty"`
	CreateDate                   string                 `json:"createDate,omitempty"`
	MongoDBVersion               string                 `json:"mongoDBVersion,omitempty"`
	ProviderSettings             FlexProviderSettings   `json:"providerSettings"`
	StateName                    string                 `json:"stateName,omitempty"`
	Tags                         []Tag                  `json:"tags,omitempty"`
	TerminationProtectionEnabled bool                   `json:"terminationProtectionEnabled"`
	VersionReleaseSystem         string                 `json:"versionReleaseSystem,omitempty"`
}

// FlexBackupSettings says whether Atlas backs the cluster up.
type FlexBackupSettings struct {
	Enabled bool `json:"enabled"`
}

// FlexConnectionStrings are the cluster's connection strings; Standard appears once the cluster is IDLE.
type FlexConnectionStrings struct {
	Standard    string `json:"standard,omitempty"`
	StandardSrv string `json:"standardSrv,omitempty"`
}

// FlexProviderSettings is where the cluster runs.
type FlexProviderSettings struct {
	BackingProviderName string   `json:"backingProviderName"`
	RegionName          string   `json:"regionName"`
	ProviderName        string   `json:"providerName,omitempty"`
	DiskSizeGB          *float64 `json:"diskSizeGB,omitempty"`
}

// FlexClusterCreate is the input of CreateFlexCluster.
type FlexClusterCreate struct {
	Name                         string
	BackingProviderName          string
	RegionName                   string
	Tags                         []Tag
	TerminationProtectionEnabled bool
}

// FlexClusterUpdate is the input of UpdateFlexCluster: Atlas can change only
// tags and termination protection. Both are always sent, so the request states
// the whole desired value (an empty Tags clears every tag).
type FlexClusterUpdate struct {
	Tags                         []Tag
	TerminationProtectionEnabled bool
}

type flexCreateBody struct {
	Name             string `json:"name"`
	ProviderSettings struct {
		BackingProviderName string `json:"backingProviderName"`
		RegionName          string `json:"regionName"`
	} `json:"providerSettings"`
	Tags                         []Tag `json:"tags,omitempty"`
	TerminationProtectionEnabled bool  `json:"terminationProtectionEnabled"`
}

type flexUpdateBody struct {
	Tags                         []Tag `json:"tags"`
	TerminationProtectionEnabled bool  `json:"terminationProtectionEnabled"`
}

// CreateFlexCluster creates a flex cluster. Like every POST it is never retried
// after a server or connection failure; the caller looks the cluster up by name.
func (c *Client) CreateFlexCluster(ctx context.Context, projectID string, in FlexClusterCreate) (*FlexCluster, error) {
	body := flexCreateBody{Name: in.Name, TerminationProtectionEnabled: in.TerminationProtectionEnabled}
	body.ProviderSettings.BackingProviderName = in.BackingProviderName
	body.ProviderSettings.RegionName = in.RegionName
	if len(in.Tags) > 0 {
		body.Tags = in.Tags
	}
	var out FlexCluster
	if err := c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/flexClusters", projectID), versionFlex, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetFlexCluster returns one flex cluster.
func (c *Client) GetFlexCluster(ctx context.Context, projectID, name string) (*FlexCluster, error) {
	var out FlexCluster
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/flexClusters/%s", projectID, name), versionFlex, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListFlexClusters returns every flex cluster of a project.
func (c *Client) ListFlexClusters(ctx context.Context, projectID string) ([]FlexCluster, error) {
	return listAll[FlexCluster](ctx, c.atlasPages(pathf("/groups/%s/flexClusters", projectID), versionFlex), nil)
}

// UpdateFlexCluster changes tags and termination protection.
func (c *Client) UpdateFlexCluster(ctx context.Context, projectID, name string, in FlexClusterUpdate) (*FlexCluster, error) {
	body := flexUpdateBody(in)
	if body.Tags == nil {
		body.Tags = []Tag{}
	}
	var out FlexCluster
	if err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/flexClusters/%s", projectID, name), versionFlex, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteFlexCluster asks Atlas to delete a flex cluster; it goes through DELETING
// before it is gone.
func (c *Client) DeleteFlexCluster(ctx context.Context, projectID, name string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/flexClusters/%s", projectID, name), versionFlex, nil, nil, nil)
}
